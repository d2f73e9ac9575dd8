import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An incoming webhook (Slack's kind) on loopback, keeping every message it is sent. */
export interface WebhookReceiver {
  url: string;
  /** Each request's JSON body, in the order received. */
  received: unknown[];
  close(): Promise<void>;
}

/** Answers the n-th request with `statuses[n]`, the last one for every request after; 200 by default. */
export async function startWebhookReceiver(statuses: number[] = [200]): Promise<WebhookReceiver> {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    void readJson(request).then((body) => {
      received.push(body);
      response.writeHead(statuses[Math.min(received.length, statuses.length) - 1] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/data-contracts`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

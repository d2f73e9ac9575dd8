import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { memoryDeliveryLog } from '../../src/github/deliveries.js';
import { type WebhookDelivery, webhookReceiver } from '../../src/github/webhook-receiver.js';
import { signedDelivery } from '../support/fake-github/webhooks.js';

const SECRET = 'receiver-secret';
const MAX_BYTES = 64 * 1024;

let server: Server;
let url: string;
let received: WebhookDelivery[];
let logLines: string[];
let failNextReceive: boolean;

beforeEach(async () => {
  received = [];
  logLines = [];
  failNextReceive = false;
  const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  const receive = webhookReceiver({
    secret: SECRET,
    deliveries: memoryDeliveryLog(),
    maxBytes: MAX_BYTES,
    log,
    receive: async (delivery) => {
      if (failNextReceive) {
        failNextReceive = false;
        throw new Error('queue unavailable');
      }
      received.push(delivery);
    },
  });
  server = createServer((request, response) => {
    if (!receive(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * The status a request written by hand gets: the declared length and the chunking are the test's, not a client's.
 * (Plain sockets also stay clear of the nock interception other test files in this worker may leave behind.)
 */
function rawStatus(headers: Record<string, string>, bodyParts: string[]): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const head = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(([name, value]) => `${name}: ${value}`);
      socket.write(`POST /api/github/webhooks HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`);
      for (const part of bodyParts) socket.write(part);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match) {
        resolve(Number(match[1]));
        socket.destroy();
      }
    });
    socket.on('error', (error) => (answer ? undefined : reject(error)));
  });
}

const payload = { action: 'synchronize', installation: { id: 1 }, note: 'x' };
const deliver = (headers: Record<string, string>, body: string) => fetch(url, { method: 'POST', headers, body });

describe('the webhook endpoint', () => {
  it('answers a signed delivery with 202 and routes it once', async () => {
    const delivery = signedDelivery(SECRET, 'pull_request', payload);
    const response = await deliver(delivery.headers, delivery.body);
    expect(response.status).toBe(202);
    expect(received).toEqual([{ id: delivery.headers['x-github-delivery'], name: 'pull_request', payload }]);
  });

  it('takes a redelivery (the same delivery id) once', async () => {
    const delivery = signedDelivery(SECRET, 'pull_request', payload);
    const statuses = await Promise.all([1, 2, 3].map(async () => (await deliver(delivery.headers, delivery.body)).status));
    expect(statuses.sort()).toEqual([200, 200, 202]);
    expect(received).toHaveLength(1);
  });

  it('refuses a wrong signature without routing it, and never logs the body', async () => {
    const delivery = signedDelivery('another-secret', 'pull_request', { ...payload, note: 'forged-body-marker' });
    const response = await deliver(delivery.headers, delivery.body);
    expect(response.status).toBe(400);
    expect(received).toEqual([]);
    expect(logLines.join('')).toContain('signature does not match');
    expect(logLines.join('')).not.toContain('forged-body-marker');
  });

  it('refuses a body over the cap from its declared length, without reading it', async () => {
    const headers = { 'x-github-delivery': 'big', 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=00', 'content-length': String(30 * 1024 * 1024) };
    expect(await rawStatus(headers, ['{"a":'])).toBe(413);
    expect(received).toEqual([]);
  });

  it('refuses a streamed body as soon as it passes the cap', async () => {
    const delivery = signedDelivery(SECRET, 'pull_request', { ...payload, note: 'y'.repeat(MAX_BYTES) });
    const chunks: string[] = [];
    for (let offset = 0; offset < delivery.body.length; offset += 8192) {
      const chunk = delivery.body.slice(offset, offset + 8192);
      chunks.push(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
    }
    expect(await rawStatus({ ...delivery.headers, 'transfer-encoding': 'chunked' }, chunks)).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 503 when the delivery cannot be queued, and takes GitHub\'s redelivery of it', async () => {
    const delivery = signedDelivery(SECRET, 'pull_request', payload);
    failNextReceive = true;
    expect((await deliver(delivery.headers, delivery.body)).status).toBe(503);
    expect((await deliver(delivery.headers, delivery.body)).status).toBe(202);
    expect(received).toHaveLength(1);
  });

  it('refuses a delivery without GitHub\'s headers', async () => {
    expect((await deliver({ 'content-type': 'application/json' }, '{}')).status).toBe(400);
  });
});

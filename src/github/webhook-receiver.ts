import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import type { Logger } from 'pino';
import type { DeliveryLog } from './deliveries.js';

/** GitHub sends no payload above 25 MB: anything larger is not GitHub's, and is refused unread. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export interface ReceiverOptions {
  secret: string;
  deliveries: DeliveryLog;
  /** Routes a verified delivery; it only queues work, so the delivery is answered at once. */
  receive: (delivery: WebhookDelivery) => Promise<void>;
  log: Logger;
  path?: string;
  maxBytes?: number;
}

type Answer = { status: number; message: string; close?: boolean };

/**
 * The webhook endpoint: the body read up to GitHub's cap and no further, its signature verified, the delivery taken
 * once, routed, and answered in milliseconds. Bodies are never logged: a forged one could be anything.
 */
export function webhookReceiver(options: ReceiverOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const path = options.path ?? '/api/github/webhooks';
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  return (request, response) => {
    if (request.method !== 'POST' || request.url?.split('?')[0] !== path) return false;
    const unreadable = (): Answer => ({ status: 400, message: 'the body could not be read', close: true });
    void receive(request, options, maxBytes).catch(unreadable).then((answer) => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.close ? { connection: 'close' } : {}) });
      response.end(JSON.stringify({ message: answer.message }));
      // An oversized body is left unread: the connection goes with it.
      if (answer.close) response.once('finish', () => request.destroy());
    });
    return true;
  };
}

async function receive(request: IncomingMessage, options: ReceiverOptions, maxBytes: number): Promise<Answer> {
  const id = header(request, 'x-github-delivery');
  const name = header(request, 'x-github-event');
  const signature = header(request, 'x-hub-signature-256');
  const log = options.log.child({ deliveryId: id, event: name });
  if (!id || !name || !signature) return { status: 400, message: 'missing x-github-delivery, x-github-event or x-hub-signature-256', close: true };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    log.warn({ bytes: declared }, 'webhook refused: larger than GitHub sends');
    return { status: 413, message: `payload over ${maxBytes} bytes`, close: true };
  }
  const body = await readCapped(request, maxBytes);
  if (body === undefined) {
    log.warn('webhook refused: larger than GitHub sends');
    return { status: 413, message: `payload over ${maxBytes} bytes`, close: true };
  }
  if (!(await verify(options.secret, body, signature).catch(() => false))) {
    log.warn({ bytes: Buffer.byteLength(body) }, 'webhook refused: the signature does not match');
    return { status: 400, message: 'signature does not match' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    log.warn('webhook refused: the body is not JSON');
    return { status: 400, message: 'body is not JSON' };
  }
  if (!(await options.deliveries.record(id))) {
    log.info('webhook ignored: this delivery was taken already');
    return { status: 200, message: 'duplicate delivery' };
  }
  try {
    await options.receive({ id, name, payload });
  } catch (error) {
    await options.deliveries.forget(id).catch(() => undefined);
    log.error({ err: error }, 'webhook could not be queued');
    return { status: 503, message: 'could not be queued; redeliver it' };
  }
  return { status: 202, message: 'queued' };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The body as text, or undefined as soon as it passes `maxBytes` (what was read so far is dropped). */
function readCapped(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        request.off('data', onData);
        request.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

import { type ChildProcess, fork } from 'node:child_process';
import { signedDelivery } from '../../support/fake-github/webhooks.js';

/** A webhook delivery as GitHub sends it, kept so the very same delivery (same id, same body) can be sent again. */
export interface Delivery {
  id: string;
  name: string;
  headers: Record<string, string>;
  body: string;
}

/** How the app answered one sending of a delivery. */
export interface Answer {
  status: number;
  /** Epoch ms when the request was sent. */
  sentAt: number;
  /** From sending to the whole answer read. */
  ms: number;
  /** Why no answer came (status 0): the connection was refused or dropped. */
  error?: string;
}

export function signed(secret: string, name: string, payload: unknown): Delivery {
  const { headers, body } = signedDelivery(secret, name, payload);
  return { id: headers['x-github-delivery'] ?? '', name, headers, body };
}

/** Posts the delivery to the app's webhook endpoint; `headers` replace the delivery's own (a forged signature). */
export async function post(baseUrl: string, delivery: Delivery, headers: Record<string, string> = {}): Promise<Answer> {
  const sentAt = Date.now();
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: { ...delivery.headers, ...headers },
      body: delivery.body,
    });
    await response.arrayBuffer();
    return { status: response.status, sentAt, ms: performance.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, sentAt, ms: performance.now() - started, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

/** The value below which `share` (0 to 1) of the values fall; NaN for no values. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}

/**
 * Sends deliveries from a process of its own (sender.mjs), which times the answers: the test's process hosts the
 * stand-in GitHub, whose git commands stall its event loop for hundreds of milliseconds in a burst, so times taken
 * there would be the stand-in's as much as the app's.
 */
export class Sender {
  private readonly pending = new Map<number, (result: unknown) => void>();
  private nextId = 1;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; result: unknown }) => {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  static start(): Sender {
    const script = new URL('./sender.mjs', import.meta.url).pathname;
    return new Sender(fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Posts the delivery to the app's webhook endpoint; `headers` replace the delivery's own. */
  post(baseUrl: string, delivery: Delivery, headers: Record<string, string> = {}): Promise<Answer> {
    return this.ask({ kind: 'post', url: `${baseUrl}/api/github/webhooks`, headers: { ...delivery.headers, ...headers }, body: delivery.body });
  }

  /** `count` deliveries made from `templates` with fresh delivery ids, sent as fast as `concurrency` senders go. */
  flood(baseUrl: string, templates: Delivery[], count: number, concurrency: number): Promise<{ answers: Answer[]; ms: number }> {
    return this.ask({ kind: 'flood', url: `${baseUrl}/api/github/webhooks`, templates: templates.map(({ headers, body }) => ({ headers, body })), count, concurrency });
  }

  /** How late the sending process ran its callbacks since the last call, ms (p99 and max). */
  loopDelay(): Promise<{ p99: number; max: number }> {
    return this.ask({ kind: 'loop-delay' });
  }

  close(): void {
    this.child.disconnect();
  }

  private ask<T>(message: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (result: unknown) => void);
      this.child.send({ ...message, id });
    });
  }
}

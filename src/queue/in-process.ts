import { LRUCache } from 'lru-cache';
import type { Job, JobContext, ProcessingOptions, WorkQueue } from './queue.js';
import { settlesWithin } from './settles-within.js';

/** Options of an {@link InProcessQueue}. */
export interface InProcessQueueOptions<T> {
  /** Told about every handler that threw; the queue carries on either way. */
  onError?: (job: Job<T>, error: unknown) => void;
  /** How many job ids are remembered to ignore a job added again after it ran (default 10 000). */
  rememberedIds?: number;
}

interface KeyState<T> {
  running?: Job<T>;
  waiting?: Job<T>;
  newestId: string;
}

type Handler<T> = (job: Job<T>, context: JobContext) => Promise<void>;

/**
 * A {@link WorkQueue} held in memory, for a single process. Keys are served in the order they became ready, so a busy
 * key cannot starve the others. `close` discards the jobs still waiting: nothing else would ever run them.
 */
export class InProcessQueue<T> implements WorkQueue<T> {
  private readonly keys = new Map<string, KeyState<T>>();
  /** Keys with a job waiting and none running, oldest first (a Set keeps insertion order). */
  private readonly ready = new Set<string>();
  private readonly running = new Map<Job<T>, Promise<void>>();
  private readonly seenIds: LRUCache<string, true>;
  private readonly idleWaiters: (() => void)[] = [];
  private handler: Handler<T> | undefined;
  private concurrency = 0;
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions<T> = {}) {
    this.seenIds = new LRUCache({ max: options.rememberedIds ?? 10_000 });
  }

  async add(job: Job<T>): Promise<void> {
    if (this.closed) throw new Error('the queue is closed');
    if (this.seenIds.has(job.id)) return;
    this.seenIds.set(job.id, true);
    const state = this.keys.get(job.key);
    if (state) {
      state.waiting = job;
      state.newestId = job.id;
    } else {
      this.keys.set(job.key, { waiting: job, newestId: job.id });
    }
    if (!state?.running) this.ready.add(job.key);
    this.startReadyJobs();
  }

  process(handler: Handler<T>, options: ProcessingOptions): void {
    if (this.closed) throw new Error('the queue is closed');
    if (this.handler) throw new Error('the queue already has a handler');
    this.handler = handler;
    this.concurrency = options.concurrency;
    this.startReadyJobs();
  }

  async close(timeoutMs: number): Promise<Job<T>[]> {
    this.closed = true;
    this.ready.clear();
    for (const [key, state] of this.keys) {
      state.waiting = undefined;
      if (!state.running) this.keys.delete(key);
    }
    this.settleIdleWaiters();
    await settlesWithin(Promise.all(this.running.values()), timeoutMs);
    return [...this.running.keys()];
  }

  idle(): Promise<void> {
    if (this.keys.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startReadyJobs(): void {
    const handler = this.handler;
    if (!handler) return;
    for (const key of this.ready) {
      if (this.running.size >= this.concurrency) return;
      this.ready.delete(key);
      const state = this.keys.get(key);
      const job = state?.waiting;
      if (!state || !job) continue;
      state.waiting = undefined;
      state.running = job;
      this.running.set(job, this.run(handler, job, state));
    }
  }

  private async run(handler: Handler<T>, job: Job<T>, state: KeyState<T>): Promise<void> {
    const context: JobContext = { superseded: async () => state.newestId !== job.id };
    try {
      // The handler starts once this job counts as running: it may add jobs itself.
      await Promise.resolve();
      await handler(job, context);
    } catch (error) {
      this.options.onError?.(job, error);
    } finally {
      this.running.delete(job);
      state.running = undefined;
      if (state.waiting) this.ready.add(job.key);
      else this.keys.delete(job.key);
      this.startReadyJobs();
      this.settleIdleWaiters();
    }
  }

  private settleIdleWaiters(): void {
    if (this.keys.size > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job as BullJob, DelayedError, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Job, JobContext, ProcessingOptions, WorkQueue } from './queue.js';
import { RedisLedger } from './redis-ledger.js';
import { settlesWithin } from './settles-within.js';

/** Options of a {@link BullMQQueue}. */
export interface BullMQQueueOptions<T> {
  /** A `redis://` URL, or ioredis options. */
  connection: string | RedisOptions;
  /** The queue's name: processes sharing it share the work (default `data-contracts-reviews`). */
  name?: string;
  /** Prefix of every Redis key of the queue (bullmq's default `bull`). */
  prefix?: string;
  /**
   * How long a process's hold on a running job and on its key outlives the process (default 30 s): after a crash,
   * another process takes the job over once this has passed. Holds are renewed while the handler runs.
   */
  lockMs?: number;
  /** How often each process looks for jobs whose process died (default 30 s). */
  stalledIntervalMs?: number;
  /** Told about every handler that threw, and (with no job) about Redis failures; the queue carries on either way. */
  onError?: (job: Job<T> | undefined, error: unknown) => void;
}

/** How long a job waits before trying again while another run holds its key. */
const BUSY_KEY_RETRY_MS = 250;
/** How long an id is remembered to ignore a job added again after it ran (a sender's late redelivery). */
const REMEMBER_IDS_MS = 24 * 60 * 60 * 1000;
/** A job whose process died this often is failed rather than handed on again: it may be what kills them. */
const MAX_STALLED_COUNT = 2;
const IDLE_POLL_MS = 50;
const ABANDONED = Symbol('abandoned');

type Handler<T> = (job: Job<T>, context: JobContext) => Promise<void>;

/**
 * A {@link WorkQueue} in Redis through bullmq, shared by every process (replica) given the same connection and name;
 * job data travels as JSON, so `T` must survive `JSON.stringify`.
 * A job for a busy key goes back to bullmq's delayed set and tries again shortly. `close` leaves the waiting jobs in
 * Redis for the other processes, and hands back the jobs still running when it times out (see `close`).
 */
export class BullMQQueue<T> implements WorkQueue<T> {
  private readonly redis: Redis;
  private readonly queue: Queue<Job<T>>;
  private readonly ledger: RedisLedger;
  private readonly prefix: string;
  private readonly lockMs: number;
  private readonly stalledIntervalMs: number;
  private readonly onError: (job: Job<T> | undefined, error: unknown) => void;
  private worker: Worker<Job<T>> | undefined;
  private workerRedis: Redis | undefined;
  /** The jobs whose handler runs in this process, each with what gives up waiting for it. */
  private readonly running = new Map<Job<T>, () => void>();
  private closing: Promise<Job<T>[]> | undefined;

  constructor(options: BullMQQueueOptions<T>) {
    const name = options.name ?? 'data-contracts-reviews';
    this.prefix = options.prefix ?? 'bull';
    this.lockMs = options.lockMs ?? 30_000;
    this.stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
    this.onError = options.onError ?? (() => undefined);
    const { connection } = options;
    this.redis = typeof connection === 'string' ? new Redis(connection) : new Redis(connection);
    this.queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
    this.queue.on('error', (error) => this.onError(undefined, error));
    this.ledger = new RedisLedger(this.redis, `${this.prefix}:${name}:dcr`);
  }

  async add(job: Job<T>): Promise<void> {
    if (this.closing) throw new Error('the queue is closed');
    // Recorded as newest before bullmq has it, so the job finds itself newest when it starts.
    if (!(await this.ledger.recordNewest(job.key, job.id, REMEMBER_IDS_MS))) return;
    const payload: Job<T> = { key: job.key, id: job.id, data: job.data };
    try {
      await this.queue.add(job.key, payload, {
        jobId: bullJobId(job.id),
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
      });
    } catch (error) {
      // Otherwise the sender's retry of this job would be ignored as a duplicate.
      await this.ledger.forgetSeen(job.id).catch(() => undefined);
      throw error;
    }
  }

  process(handler: Handler<T>, options: ProcessingOptions): void {
    if (this.closing) throw new Error('the queue is closed');
    if (this.worker) throw new Error('the queue already has a handler');
    // A worker waits on Redis for jobs, so its commands must wait out a reconnection rather than fail.
    this.workerRedis = this.redis.duplicate({ maxRetriesPerRequest: null });
    this.worker = new Worker<Job<T>>(this.queue.name, (bullJob, token) => this.take(bullJob, token, handler), {
      connection: this.workerRedis,
      prefix: this.prefix,
      concurrency: options.concurrency,
      lockDuration: this.lockMs,
      stalledInterval: this.stalledIntervalMs,
      maxStalledCount: MAX_STALLED_COUNT,
    });
    this.worker.on('error', (error) => this.onError(undefined, error));
    // Both a handler's failure and the queue's own around a job (Redis gone while taking it) end up here.
    this.worker.on('failed', (bullJob, error) => this.onError(bullJob?.data, error));
  }

  /**
   * Stops taking jobs and waits at most `timeoutMs` for the running handlers. Past that, their jobs go back to the
   * queue for another process, which starts them once this process's hold on their key expires (`lockMs`): this
   * process is expected to exit, as its handlers are not stopped. Resolves to those jobs.
   */
  close(timeoutMs: number): Promise<Job<T>[]> {
    this.closing ??= this.shutDown(timeoutMs);
    return this.closing;
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
      if (Object.values(counts).every((count) => count === 0)) return;
      await sleep(IDLE_POLL_MS);
    }
  }

  private async shutDown(timeoutMs: number): Promise<Job<T>[]> {
    let abandoned: Job<T>[] = [];
    if (this.worker) {
      const workerClosed = this.worker.close();
      if (!(await settlesWithin(workerClosed, timeoutMs))) {
        abandoned = [...this.running.keys()];
        for (const abandon of this.running.values()) abandon();
        await workerClosed;
      }
    }
    await this.queue.close();
    await Promise.all([this.redis.quit(), this.workerRedis?.quit()]);
    return abandoned;
  }

  private async take(bullJob: BullJob<Job<T>>, token: string | undefined, handler: Handler<T>): Promise<void> {
    const job = bullJob.data;
    const keyToken = randomUUID();
    const claim = await this.ledger.claim(job.key, job.id, keyToken, this.lockMs);
    if (claim === 'superseded') return;
    if (claim === 'busy') return handBack(bullJob, token, BUSY_KEY_RETRY_MS);
    if (this.closing) {
      await this.ledger.release(job.key, keyToken);
      return handBack(bullJob, token, 0);
    }
    return this.run(bullJob, token, keyToken, handler);
  }

  private async run(
    bullJob: BullJob<Job<T>>,
    token: string | undefined,
    keyToken: string,
    handler: Handler<T>,
  ): Promise<void> {
    const job = bullJob.data;
    const renewal = setInterval(() => void this.renewKeyLock(job, keyToken), this.lockMs / 3);
    const abandoned = new Promise<typeof ABANDONED>((resolve) => this.running.set(job, () => resolve(ABANDONED)));
    const context: JobContext = { superseded: async () => (await this.ledger.newestId(job.key)) !== job.id };
    const handled = Promise.resolve()
      .then(() => handler(job, context))
      .then(
        () => ({ failed: false as const }),
        (error: unknown) => ({ failed: true as const, error }),
      );
    const outcome = await Promise.race([handled, abandoned]);
    clearInterval(renewal);
    this.running.delete(job);
    // The key stays locked until its lock expires: the abandoned handler may still be running in this process.
    if (outcome === ABANDONED) return handBack(bullJob, token, 0);
    await this.ledger.release(job.key, keyToken);
    await this.ledger.forgetNewest(job.key, job.id);
    if (outcome.failed) throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  }

  private async renewKeyLock(job: Job<T>, keyToken: string): Promise<void> {
    try {
      if (!(await this.ledger.renew(job.key, keyToken, this.lockMs))) {
        this.onError(job, new Error(`lost the lock on ${job.key}: another process may be running its jobs too`));
      }
    } catch (error) {
      this.onError(job, error);
    }
  }
}

/** bullmq reserves ':' in job ids and reads an id made of digits as one of its own numeric ids. */
function bullJobId(id: string): string {
  return `job-${encodeURIComponent(id)}`;
}

/** Puts a started job back in the queue, to start again in `delayMs`; bullmq requires the DelayedError after. */
async function handBack(bullJob: BullJob, token: string | undefined, delayMs: number): Promise<never> {
  await bullJob.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ReplayJob, ReplayOutcome, WorkerReply } from './replay-protocol.js';

export interface ReplayerOptions {
  /** The compiled worker script; defaults to the one beside this module. */
  workerUrl?: URL;
  /** Replace the worker once the process's resident memory passes this (PGlite's memory never shrinks). */
  maxResidentBytes?: number;
  /** Replace the worker after this many replays, so memory a long-running server holds stays bounded. */
  maxJobsPerWorker?: number;
  /** How many replay outcomes to keep, keyed by the content of the migrations replayed. */
  cacheEntries?: number;
}

interface RunningWorker {
  worker: Worker;
  progress: Int32Array;
  ready: Promise<void>;
  jobs: number;
}

const DEFAULTS = {
  maxResidentBytes: 2 * 1024 ** 3,
  maxJobsPerWorker: 500,
  cacheEntries: 256,
};

/**
 * Replays migrations in one warm embedded Postgres that lives in a worker thread. Replays run one at a time; each
 * has a time limit, after which the worker is terminated and replaced. Outcomes are cached by content, so the same
 * migrations are never replayed twice.
 */
export class Replayer {
  private readonly options: Required<ReplayerOptions>;
  private readonly cache = new Map<string, ReplayOutcome>();
  private current: RunningWorker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  replays = 0;
  cacheHits = 0;
  workersStarted = 0;

  constructor(options: ReplayerOptions = {}) {
    this.options = {
      workerUrl: options.workerUrl ?? new URL('./replay-worker.js', import.meta.url),
      maxResidentBytes: options.maxResidentBytes ?? DEFAULTS.maxResidentBytes,
      maxJobsPerWorker: options.maxJobsPerWorker ?? DEFAULTS.maxJobsPerWorker,
      cacheEntries: options.cacheEntries ?? DEFAULTS.cacheEntries,
    };
  }

  run(job: ReplayJob, timeoutMs: number): Promise<ReplayOutcome> {
    const key = createHash('sha256').update(JSON.stringify(job)).digest('hex');
    const cached = this.cache.get(key);
    if (cached) {
      this.cacheHits += 1;
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    const result = this.queue.then(() => this.replay(job, timeoutMs));
    this.queue = result.catch(() => undefined);
    return result.then((outcome) => {
      if (outcome.ok || outcome.failure.kind === 'failed') this.remember(key, outcome);
      return outcome;
    });
  }

  /** Starts the embedded Postgres ahead of the first review, so a server's first review does not wait for it. */
  async warmUp(): Promise<void> {
    await this.worker().ready;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.stop();
  }

  private remember(key: string, outcome: ReplayOutcome): void {
    this.cache.set(key, outcome);
    while (this.cache.size > this.options.cacheEntries) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }

  private async replay(job: ReplayJob, timeoutMs: number): Promise<ReplayOutcome> {
    const running = this.worker();
    await running.ready;
    this.replays += 1;
    running.jobs += 1;
    const id = this.nextId++;
    running.progress.fill(0);
    const outcome = await new Promise<ReplayOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        const [fileIndex = 0, statementIndex = 0] = running.progress;
        void this.stop();
        resolve({
          ok: false,
          failure: {
            kind: 'timeout',
            fileIndex,
            statementIndex,
            message: `the migrations did not finish within ${Math.round(timeoutMs / 1000)}s; this statement was running and was stopped`,
          },
        });
      }, timeoutMs);
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        cleanup();
        if ('crashed' in reply) {
          void this.stop();
          reject(new Error(`the replay sandbox failed: ${reply.crashed}`));
          return;
        }
        if (!('outcome' in reply)) return;
        if (!reply.clean || this.overLimits(running)) void this.stop();
        resolve(reply.outcome);
      };
      const onExit = (code: number): void => {
        cleanup();
        this.current = undefined;
        reject(new Error(`the replay sandbox stopped unexpectedly (exit code ${code})`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        running.worker.off('message', onMessage);
        running.worker.off('exit', onExit);
      };
      running.worker.on('message', onMessage);
      running.worker.on('exit', onExit);
      running.worker.postMessage({ id, job });
    });
    return outcome;
  }

  private overLimits(running: RunningWorker): boolean {
    return (
      running.jobs >= this.options.maxJobsPerWorker || process.memoryUsage().rss > this.options.maxResidentBytes
    );
  }

  private worker(): RunningWorker {
    if (this.current) return this.current;
    this.workersStarted += 1;
    const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const worker = new Worker(this.options.workerUrl, {
      workerData: { progress: shared },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (reply: WorkerReply): void => {
        if (reply.id === -1) {
          worker.off('message', onReady);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
    worker.on('error', () => {
      if (this.current?.worker === worker) this.current = undefined;
    });
    const running = { worker, progress: new Int32Array(shared), ready, jobs: 0 };
    this.current = running;
    ready.catch(() => {
      if (this.current === running) this.current = undefined;
    });
    return running;
  }

  private async stop(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    if (running) await running.worker.terminate();
  }
}

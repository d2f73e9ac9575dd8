import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import {
  PHASE,
  PROGRESS,
  type BaseOutcome,
  type ReplayFailure,
  type ReplayJob,
  type ReplayLimits,
  type ReplayOutcome,
  type WorkerReply,
  type WorkerRequest,
} from './replay-protocol.js';

export interface SqliteReplayerOptions {
  /** The compiled worker script; defaults to the one beside this module. */
  workerUrl?: URL;
  /** Replace the worker after this many replays, so the memory a long-running server holds stays bounded. */
  maxJobsPerWorker?: number;
  /** Bytes of replay outcomes to keep, keyed by the content of the migrations replayed. */
  cacheBytes?: number;
  /** Bytes of database images each worker keeps, to continue from where an earlier job's base ended. */
  imageCacheBytes?: number;
  /** A statement that runs while the process's resident memory passes this is stopped. */
  maxResidentBytes?: number;
}

interface RunningWorker {
  worker: Worker;
  progress: Int32Array;
  ready: Promise<void>;
  jobs: number;
}

const DEFAULTS: Required<Omit<SqliteReplayerOptions, 'workerUrl'>> = {
  maxJobsPerWorker: 500,
  cacheBytes: 64 * 1024 * 1024,
  imageCacheBytes: 64 * 1024 * 1024,
  maxResidentBytes: 2 * 1024 ** 3,
};
/** Attempts of one job: each base statement that is stopped costs one more. */
const MAX_ATTEMPTS = 6;

type Attempt =
  | { kind: 'done'; outcome: ReplayOutcome }
  /** A statement ran past a limit, or broke the sandbox: the worker was replaced. */
  | { kind: 'stopped'; failure: ReplayFailure; phase: number; base: BaseOutcome | undefined }
  /** The whole commit ran past its bound. */
  | { kind: 'expired'; failure: ReplayFailure; phase: number; base: BaseOutcome | undefined };

/**
 * Replays SQLite migrations in sql.js, in a worker thread. Jobs run one at a time; outcomes are cached by the content
 * of the migrations, so the same job is never replayed twice, and the worker keeps images of the bases it replayed
 * (images.ts), so a review whose base starts with one only replays what is new. Every statement has a time limit:
 * one that runs past it is stopped (the worker is terminated and a new one started) and reported at its file and
 * line; at the base it is skipped and the base replayed without it.
 */
export class SqliteReplayer {
  private readonly options: Required<SqliteReplayerOptions>;
  private readonly cache: LRUCache<string, ReplayOutcome>;
  /** Base statements that were stopped, by file digest: later jobs skip them at once. */
  private readonly poisoned = new LRUCache<string, ReplayFailure[]>({ max: 1024 });
  private current: RunningWorker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Jobs sent to a worker (a retry after a stopped statement counts again). */
  replays = 0;
  cacheHits = 0;
  workersStarted = 0;
  /** Migration statements run, files replayed, and files whose state came from a kept image, over every job. */
  statementsExecuted = 0;
  filesReplayed = 0;
  filesReused = 0;
  /** Statements stopped for running past a limit, and sandboxes a statement broke. */
  timeouts = 0;
  crashes = 0;

  constructor(options: SqliteReplayerOptions = {}) {
    this.options = { workerUrl: options.workerUrl ?? new URL('./replay-worker.js', import.meta.url), ...DEFAULTS, ...definedOnly(options) };
    this.cache = new LRUCache<string, ReplayOutcome>({
      maxSize: this.options.cacheBytes,
      sizeCalculation: (outcome) => Math.max(1, JSON.stringify(outcome).length),
    });
  }

  /** Replays one job; never rejects for anything a migration does (a broken sandbox is reported as a failure). */
  replay(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const key = jobKey(job);
    const cached = this.cache.get(key);
    if (cached) {
      this.cacheHits += 1;
      return Promise.resolve(cached);
    }
    const result = this.queue.then(() => this.replayNow(job, limits));
    this.queue = result.catch(() => undefined);
    return result.then((outcome) => {
      if (deterministic(outcome)) this.cache.set(key, outcome);
      return outcome;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    const running = this.current;
    this.current = undefined;
    if (running) await this.replace(running);
  }

  private async replayNow(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const deadline = Date.now() + limits.commitTimeoutMs;
    const skip = this.knownSkips(job);
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt(job, skip, limits, deadline);
      if (result.kind === 'done') return result.outcome;
      const { failure, phase } = result;
      if (result.kind === 'stopped' && phase === PHASE.base && attempt < MAX_ATTEMPTS && Date.now() < deadline) {
        // The base is read as far as it can be: the next attempt skips the statement.
        skip.push({ fileIndex: failure.fileIndex, statementIndex: failure.statementIndex, failure });
        const digest = job.base[failure.fileIndex]?.digest;
        if (digest) this.poisoned.set(digest, [...(this.poisoned.get(digest) ?? []), failure]);
        continue;
      }
      if (phase === PHASE.head && result.base) return { base: result.base, head: { ok: false, failure } };
      // Out of time (or attempts) before the base was read: neither commit can be judged.
      const atHead =
        failure.fileIndex < job.trackFrom
          ? failure
          : { ...failure, fileIndex: Math.min(job.trackFrom, job.head.length - 1), statementIndex: -1 };
      return { base: result.base ?? { ok: false, failure }, head: { ok: false, failure: atHead } };
    }
  }

  private knownSkips(job: ReplayJob): WorkerRequest['skip'] {
    return job.base.flatMap((file, fileIndex) =>
      (this.poisoned.get(file.digest) ?? []).map((failure) => ({
        fileIndex,
        statementIndex: failure.statementIndex,
        failure: { ...failure, fileIndex },
      })),
    );
  }

  private async attempt(job: ReplayJob, skip: WorkerRequest['skip'], limits: ReplayLimits, deadline: number): Promise<Attempt> {
    const { statementTimeoutMs, commitTimeoutMs, settingNames } = limits;
    let commitDeadline = deadline;
    const running = this.worker();
    try {
      await running.ready;
    } catch (error) {
      if (this.current === running) this.current = undefined;
      throw new Error(`the SQLite replay sandbox could not start: ${(error as Error).message}`);
    }
    this.replays += 1;
    running.jobs += 1;
    const id = this.nextId++;
    let base: BaseOutcome | undefined;
    return new Promise<Attempt>((resolve) => {
      const { progress } = running;
      let seen = Atomics.load(progress, PROGRESS.sequence);
      let since = Date.now();
      const location = (): { phase: number; fileIndex: number; statementIndex: number } => ({
        phase: Atomics.load(progress, PROGRESS.phase),
        fileIndex: Atomics.load(progress, PROGRESS.fileIndex),
        statementIndex: Atomics.load(progress, PROGRESS.statementIndex),
      });
      const stopWith = (kind: 'stopped' | 'expired', failureKind: ReplayFailure['kind'], message: string, at = location()): void => {
        cleanup();
        void this.replace(running);
        resolve({ kind, phase: at.phase, base, failure: { kind: failureKind, fileIndex: at.fileIndex, statementIndex: at.statementIndex, message } });
      };
      const watchdog = setInterval(
        () => {
          const sequence = Atomics.load(progress, PROGRESS.sequence);
          const now = Date.now();
          if (sequence !== seen) {
            seen = sequence;
            since = now;
          }
          const at = location();
          const statementRuns = at.phase === PHASE.base || at.phase === PHASE.head;
          if (statementRuns && now - since > statementTimeoutMs) {
            this.timeouts += 1;
            stopWith('stopped', 'timeout', `this statement did not finish within ${seconds(statementTimeoutMs)} (${settingNames.statement}) and was stopped`, at);
          } else if (statementRuns && process.memoryUsage.rss() > this.options.maxResidentBytes) {
            this.timeouts += 1;
            stopWith('stopped', 'limit', `this statement was stopped when the process's memory passed ${mebibytes(this.options.maxResidentBytes)}`, at);
          } else if (now > commitDeadline) {
            this.timeouts += 1;
            stopWith('expired', 'timeout', `the commit's migrations did not finish within ${seconds(commitTimeoutMs)} (${settingNames.commit}); this statement was running`, at);
          }
        },
        Math.max(10, Math.min(250, Math.floor(statementTimeoutMs / 10))),
      );
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        if ('baseDone' in reply) {
          base = reply.baseDone;
          commitDeadline = Date.now() + commitTimeoutMs;
          return;
        }
        if ('crashed' in reply) {
          this.crashes += 1;
          stopWith('stopped', 'crashed', reply.crashed, reply.at ?? location());
          return;
        }
        if (!('outcome' in reply)) return;
        cleanup();
        this.statementsExecuted += reply.stats.statements;
        this.filesReplayed += reply.stats.files;
        this.filesReused += reply.stats.reused;
        if (running.jobs >= this.options.maxJobsPerWorker) void this.replace(running);
        resolve({ kind: 'done', outcome: reply.outcome });
      };
      const onExit = (code: number): void => {
        this.crashes += 1;
        stopWith('stopped', 'crashed', `the replay's SQLite stopped while this statement ran (exit code ${code}; out of memory?)`);
      };
      const onError = (error: Error): void => {
        this.crashes += 1;
        stopWith('stopped', 'crashed', `the replay's SQLite stopped while this statement ran: ${error.message}`);
      };
      const cleanup = (): void => {
        clearInterval(watchdog);
        running.worker.off('message', onMessage);
        running.worker.off('exit', onExit);
        running.worker.off('error', onError);
      };
      running.worker.on('message', onMessage);
      running.worker.on('exit', onExit);
      running.worker.on('error', onError);
      running.worker.postMessage({ id, job, skip } satisfies WorkerRequest);
    });
  }

  private worker(): RunningWorker {
    if (this.current) return this.current;
    this.workersStarted += 1;
    const shared = new SharedArrayBuffer(PROGRESS.length * Int32Array.BYTES_PER_ELEMENT);
    const worker = new Worker(this.options.workerUrl, {
      workerData: { progress: shared, imageCacheBytes: this.options.imageCacheBytes },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const running: RunningWorker = { worker, progress: new Int32Array(shared), ready: Promise.resolve(), jobs: 0 };
    running.ready = new Promise<void>((resolve, reject) => {
      const onReady = (reply: WorkerReply): void => {
        if (reply.id !== -1) return;
        worker.off('message', onReady);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        resolve();
      };
      const onFailure = (error: unknown): void => {
        worker.off('message', onReady);
        reject(error instanceof Error ? error : new Error(`the worker exited with code ${String(error)}`));
      };
      worker.on('message', onReady);
      worker.once('error', onFailure);
      worker.once('exit', onFailure);
    });
    running.ready.catch(() => {
      if (this.current === running) this.current = undefined;
    });
    this.current = running;
    return running;
  }

  /** Terminates a worker; the next job starts a new one. */
  private async replace(running: RunningWorker): Promise<void> {
    if (this.current === running) this.current = undefined;
    await running.ready.catch(() => undefined);
    await running.worker.terminate();
  }
}

/** A job is named by what decides its outcome: the files' digests (path and content), where tracking starts, the names. */
function jobKey(job: ReplayJob): string {
  const digests = (files: ReplayJob['base']) => files.map((file) => file.digest);
  return createHash('sha256')
    .update(JSON.stringify({ base: digests(job.base), head: digests(job.head), trackFrom: job.trackFrom, watch: job.watch }))
    .digest('hex');
}

function deterministic(outcome: ReplayOutcome): boolean {
  const failures = [...(outcome.base.ok ? outcome.base.failures : [outcome.base.failure]), ...(outcome.head.ok ? [] : [outcome.head.failure])];
  return failures.every((failure) => failure.kind === 'failed');
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}

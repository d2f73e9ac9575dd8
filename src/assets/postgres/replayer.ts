import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { cacheDirectory } from './image.js';
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

export interface ReplayerOptions {
  /** The compiled worker script; defaults to the one beside this module. */
  workerUrl?: URL;
  /** Replace the worker once the process's resident memory passes this (PGlite's memory never shrinks). */
  maxResidentBytes?: number;
  /** Replace the worker after this many replays, so memory a long-running server holds stays bounded. */
  maxJobsPerWorker?: number;
  /** Bytes of replay outcomes to keep, keyed by the content of the migrations replayed. */
  cacheBytes?: number;
  /** Where the pre-initialised Postgres image is kept (default: the OS cache directory, or `DCR_CACHE_DIR`). */
  cacheDirectory?: string;
}

interface RunningWorker {
  worker: Worker;
  progress: Int32Array;
  ready: Promise<void>;
  jobs: number;
  /** How long its Postgres took to start, and whether it had to build the image first. */
  start?: { ms: number; imageBuilt: boolean };
}

const DEFAULTS = {
  maxResidentBytes: 2 * 1024 ** 3,
  maxJobsPerWorker: 500,
  cacheBytes: 64 * 1024 * 1024,
};
/** Attempts of one job: each base statement that times out or crashes Postgres costs one more. */
const MAX_ATTEMPTS = 6;

const require = createRequire(import.meta.url);
/** A compiled WebAssembly.Module (this project's TypeScript libraries do not declare WebAssembly). */
type WasmModule = object;
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } };
let compiledPglite: Promise<WasmModule | undefined> | undefined;

/** PGlite's WebAssembly, compiled once per process and shared with every worker (saves a compile per start). */
function pgliteModule(): Promise<WasmModule | undefined> {
  compiledPglite ??= (async () => {
    try {
      return await wasm.compile(readFileSync(require.resolve('@electric-sql/pglite/pglite.wasm')));
    } catch {
      return undefined;
    }
  })();
  return compiledPglite;
}

type Attempt =
  | { kind: 'done'; outcome: ReplayOutcome }
  /** A statement ran past its limit, or broke Postgres: the worker was replaced. */
  | { kind: 'stopped'; failure: ReplayFailure; phase: number; base: BaseOutcome | undefined }
  /** The whole job ran past its bound. */
  | { kind: 'expired'; failure: ReplayFailure; phase: number; base: BaseOutcome | undefined };

/**
 * Replays migrations in an embedded Postgres that lives in a worker thread, started from a pre-initialised image.
 * Jobs run one at a time. The worker keeps the base it replayed last (see replay-worker.ts), so a review whose base
 * starts with it only replays what is new; outcomes are cached by content, so the same job is never replayed twice.
 * Every statement has a time limit: one that runs past it is stopped (the worker is terminated and a new one starts
 * from the image) and reported at its file and line; at the base it is skipped and the base replayed without it.
 */
export class Replayer {
  private readonly options: Required<ReplayerOptions>;
  private readonly cache: LRUCache<string, ReplayOutcome>;
  /** Base statements that timed out or crashed Postgres, by file digest: later jobs skip them at once. */
  private readonly poisoned = new LRUCache<string, ReplayFailure[]>({ max: 1024 });
  private current: RunningWorker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Jobs sent to a worker (a retry after a stopped statement counts again). */
  replays = 0;
  cacheHits = 0;
  workersStarted = 0;
  /** Migration statements run, and files replayed or found already applied, over every job. */
  statementsExecuted = 0;
  filesReplayed = 0;
  filesReused = 0;
  /** Statements stopped for running past their limit, and Postgres instances a statement broke. */
  timeouts = 0;
  crashes = 0;
  /** The last worker's start: how long Postgres took, and whether it built the image. */
  lastStart: { ms: number; imageBuilt: boolean } | undefined;

  constructor(options: ReplayerOptions = {}) {
    this.options = {
      workerUrl: options.workerUrl ?? new URL('./replay-worker.js', import.meta.url),
      maxResidentBytes: options.maxResidentBytes ?? DEFAULTS.maxResidentBytes,
      maxJobsPerWorker: options.maxJobsPerWorker ?? DEFAULTS.maxJobsPerWorker,
      cacheBytes: options.cacheBytes ?? DEFAULTS.cacheBytes,
      cacheDirectory: options.cacheDirectory ?? cacheDirectory(),
    };
    this.cache = new LRUCache<string, ReplayOutcome>({
      maxSize: this.options.cacheBytes,
      sizeCalculation: (outcome) => Math.max(1, JSON.stringify(outcome).length),
    });
  }

  /** Replays one job; never rejects for anything a migration does (a broken sandbox is reported as a failure). */
  replay(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const key = createHash('sha256').update(JSON.stringify(job)).digest('hex');
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

  /** Starts the embedded Postgres ahead of the first review, so a server's first review does not wait for it. */
  async warmUp(): Promise<void> {
    await this.worker().ready;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.stop();
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
      const atHead = failure.fileIndex < job.trackFrom ? failure : { ...failure, fileIndex: Math.min(job.trackFrom, job.head.length - 1), statementIndex: -1 };
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
    const { statementTimeoutMs, commitTimeoutMs } = limits;
    let commitDeadline = deadline;
    const running = this.worker();
    try {
      await running.ready;
    } catch (error) {
      this.current = undefined;
      throw new Error(`the replay sandbox could not start: ${(error as Error).message}`);
    }
    this.replays += 1;
    running.jobs += 1;
    const id = this.nextId++;
    let base: BaseOutcome | undefined;
    const result = await new Promise<Attempt>((resolve) => {
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
      const watchdog = setInterval(() => {
        const sequence = Atomics.load(progress, PROGRESS.sequence);
        const now = Date.now();
        if (sequence !== seen) {
          seen = sequence;
          since = now;
        }
        const at = location();
        const statementRuns = at.phase === PHASE.base || at.phase === PHASE.head;
        if (statementRuns && sequence === seen && now - since > statementTimeoutMs) {
          this.timeouts += 1;
          stopWith(
            'stopped',
            'timeout',
            `this statement did not finish within ${seconds(statementTimeoutMs)} (postgres.statementTimeoutSeconds) and was stopped`,
            at,
          );
        } else if (now > commitDeadline) {
          this.timeouts += 1;
          stopWith('expired', 'timeout', `the commit's migrations did not finish within ${seconds(commitTimeoutMs)} (postgres.timeoutSeconds); this statement was running`, at);
        }
      }, Math.max(10, Math.min(250, Math.floor(statementTimeoutMs / 10))));
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        if ('baseDone' in reply) {
          base = reply.baseDone;
          commitDeadline = Date.now() + commitTimeoutMs;
          return;
        }
        if ('crashed' in reply) {
          this.crashes += 1;
          const at = reply.at ?? location();
          stopWith('stopped', 'crashed', reply.crashed, at);
          return;
        }
        if (!('outcome' in reply)) return;
        cleanup();
        this.statementsExecuted += reply.stats.statements;
        this.filesReplayed += reply.stats.files;
        this.filesReused += reply.stats.reused;
        if (!reply.clean || this.overLimits(running)) void this.replace(running);
        resolve({ kind: 'done', outcome: reply.outcome });
      };
      const onExit = (code: number): void => {
        this.crashes += 1;
        stopWith('stopped', 'crashed', `the embedded Postgres stopped while this statement ran (exit code ${code}; out of memory?)`);
      };
      const onError = (error: Error): void => {
        this.crashes += 1;
        stopWith('stopped', 'crashed', `the embedded Postgres stopped while this statement ran: ${error.message}`);
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
    return result;
  }

  private overLimits(running: RunningWorker): boolean {
    return running.jobs >= this.options.maxJobsPerWorker || process.memoryUsage().rss > this.options.maxResidentBytes;
  }

  private worker(): RunningWorker {
    if (this.current) return this.current;
    this.workersStarted += 1;
    const shared = new SharedArrayBuffer(PROGRESS.length * Int32Array.BYTES_PER_ELEMENT);
    const running: RunningWorker = { worker: undefined as unknown as Worker, progress: new Int32Array(shared), ready: Promise.resolve(), jobs: 0 };
    running.ready = pgliteModule().then(
      (wasmModule) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(this.options.workerUrl, {
            workerData: { progress: shared, cacheDirectory: this.options.cacheDirectory, ...(wasmModule ? { wasmModule } : {}) },
            // A deep stack, so Postgres's own stack check (max_stack_depth) fires before the thread's stack runs out.
            resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 16 },
          });
          running.worker = worker;
          const onReady = (reply: WorkerReply): void => {
            if (reply.id === -1 && 'ready' in reply) {
              worker.off('message', onReady);
              worker.off('error', onFailure);
              worker.off('exit', onFailure);
              running.start = { ms: reply.startMs, imageBuilt: reply.imageBuilt };
              this.lastStart = running.start;
              resolve();
            }
          };
          const onFailure = (error: unknown): void => {
            worker.off('message', onReady);
            reject(error instanceof Error ? error : new Error(`the worker exited with code ${String(error)}`));
          };
          worker.on('message', onReady);
          worker.once('error', onFailure);
          worker.once('exit', onFailure);
          worker.on('error', () => {
            if (this.current === running) this.current = undefined;
          });
        }),
    );
    running.ready.catch(() => {
      if (this.current === running) this.current = undefined;
    });
    this.current = running;
    return running;
  }

  /** Terminates a worker; the next job starts a new one from the image. */
  private async replace(running: RunningWorker): Promise<void> {
    if (this.current === running) this.current = undefined;
    await running.ready.catch(() => undefined);
    await running.worker.terminate();
  }

  private async stop(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    if (running) await this.replace(running);
  }
}

function deterministic(outcome: ReplayOutcome): boolean {
  const failures = [
    ...(outcome.base.ok ? outcome.base.failures : [outcome.base.failure]),
    ...(outcome.head.ok ? [] : [outcome.head.failure]),
  ];
  return failures.every((failure) => failure.kind === 'failed');
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

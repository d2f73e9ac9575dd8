import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { CommitProgram } from './gather.js';
import type { AnalysisReply, AnalysisRequest, ReadRequest } from './protocol.js';
import type { ReadOutcome } from './shapes.js';

export interface TypescriptAnalyzerOptions {
  /** The compiled worker script; defaults to the one beside this module. */
  workerUrl?: URL;
  /** How long one commit's analysis may take before the worker is stopped. */
  timeoutMs?: number;
  /** The worker's heap: a program past it stops the worker, which is replaced. */
  maxHeapMb?: number;
}

/** What the analysis made of one commit's program: an outcome per read, or why it was stopped. */
export type AnalysisOutcome =
  | { kind: 'read'; outcomes: ReadOutcome[] }
  | { kind: 'stopped'; reason: 'timeout' | 'crashed'; message: string; file?: string };

const DEFAULTS = { timeoutMs: 60_000, maxHeapMb: 2048 };
const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The TypeScript compiler in a worker thread, one commit at a time, each bounded in time. An analysis that runs too
 * long or breaks the compiler costs the worker (a new one starts with the next), never the process. Outcomes are
 * cached by the program's content and the reads asked: a base read for one pull request serves the next.
 */
export class TypescriptAnalyzer {
  private readonly options: Required<TypescriptAnalyzerOptions>;
  private readonly cache = new LRUCache<string, ReadOutcome[]>({ maxSize: CACHE_BYTES });
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(options: TypescriptAnalyzerOptions = {}) {
    this.options = {
      workerUrl: options.workerUrl ?? new URL('./analysis-worker.js', import.meta.url),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxHeapMb: options.maxHeapMb ?? DEFAULTS.maxHeapMb,
    };
  }

  analyze(program: CommitProgram, reads: ReadRequest[]): Promise<AnalysisOutcome> {
    if (program.roots.length === 0) return Promise.resolve({ kind: 'read', outcomes: reads.map(() => ({ status: 'absent' })) });
    const key = createHash('sha256').update(JSON.stringify([program.files, program.roots, program.options, reads])).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve({ kind: 'read', outcomes: cached });
    const result = this.queue.then(() => this.analyzeNow({ id: this.nextId++, files: program.files, roots: program.roots, options: program.options, reads }));
    this.queue = result.catch(() => undefined);
    return result.then((outcome) => {
      if (outcome.kind === 'read') this.cache.set(key, outcome.outcomes, { size: Math.max(1, JSON.stringify(outcome.outcomes).length) });
      return outcome;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.retire();
  }

  private analyzeNow(request: AnalysisRequest): Promise<AnalysisOutcome> {
    const worker = this.running();
    return new Promise<AnalysisOutcome>((resolve) => {
      const stop = (outcome: Extract<AnalysisOutcome, { kind: 'stopped' }>): void => {
        cleanup();
        void this.retire();
        resolve(outcome);
      };
      const seconds = this.options.timeoutMs / 1000;
      const timer = setTimeout(
        () => stop({ kind: 'stopped', reason: 'timeout', message: `the TypeScript compiler did not finish reading these files within ${seconds}s and was stopped` }),
        this.options.timeoutMs,
      );
      const onMessage = (reply: AnalysisReply): void => {
        if (reply.id !== request.id) return;
        if (reply.kind === 'crashed') {
          return stop({ kind: 'stopped', reason: 'crashed', message: `the TypeScript compiler broke reading these files (${reply.message})`, ...(reply.file ? { file: reply.file } : {}) });
        }
        cleanup();
        resolve({ kind: 'read', outcomes: reply.outcomes });
      };
      const onError = (error: Error): void => stop({ kind: 'stopped', reason: 'crashed', message: `the TypeScript compiler stopped: ${error.message}` });
      const onExit = (code: number): void => stop({ kind: 'stopped', reason: 'crashed', message: `the TypeScript compiler stopped (exit code ${code}; out of memory?)` });
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    // Unreferenced: an idle compiler never keeps a command-line run from exiting.
    worker.unref();
    const forget = (): void => {
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    this.worker = worker;
    return worker;
  }

  private async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

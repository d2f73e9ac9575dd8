import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { BoundedWorker, type WorkerStopped } from '../bounded-worker.js';
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
 * The TypeScript compiler in a bounded worker thread, one commit at a time. Outcomes are cached by the program's
 * content and the reads asked: a base read for one pull request serves the next.
 */
export class TypescriptAnalyzer {
  private readonly cache = new LRUCache<string, ReadOutcome[]>({ maxSize: CACHE_BYTES });
  private readonly compiler: BoundedWorker<AnalysisRequest, AnalysisReply>;

  constructor(options: TypescriptAnalyzerOptions = {}) {
    this.compiler = new BoundedWorker({
      workerUrl: options.workerUrl ?? new URL('./analysis-worker.js', import.meta.url),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxHeapMb: options.maxHeapMb ?? DEFAULTS.maxHeapMb,
      name: 'the TypeScript compiler',
    });
  }

  async analyze(program: CommitProgram, reads: ReadRequest[]): Promise<AnalysisOutcome> {
    if (program.roots.length === 0) return { kind: 'read', outcomes: reads.map(() => ({ status: 'absent' })) };
    const key = createHash('sha256').update(JSON.stringify([program.files, program.roots, program.options, reads])).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return { kind: 'read', outcomes: cached };
    const outcome = this.outcomeOf(await this.compiler.request((id) => ({ id, files: program.files, roots: program.roots, options: program.options, reads })));
    if (outcome.kind === 'read') this.cache.set(key, outcome.outcomes, { size: Math.max(1, JSON.stringify(outcome.outcomes).length) });
    return outcome;
  }

  close(): Promise<void> {
    return this.compiler.close();
  }

  private outcomeOf(reply: AnalysisReply | WorkerStopped): AnalysisOutcome {
    if (reply.kind === 'stopped') return reply;
    if (reply.kind === 'crashed') {
      void this.compiler.retire();
      return { kind: 'stopped', reason: 'crashed', message: `the TypeScript compiler broke reading these files (${reply.message})`, ...(reply.file ? { file: reply.file } : {}) };
    }
    return { kind: 'read', outcomes: reply.outcomes };
  }
}

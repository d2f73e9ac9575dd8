import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { DmmfDatamodel } from './datamodel.js';
import type { EngineDiagnostic, EngineReply, EngineRequest, SchemaFiles } from './engine-protocol.js';

export interface PrismaEngineOptions {
  /** The compiled worker script; defaults to the one beside this module. */
  workerUrl?: URL;
  /** How long one read may take before the engine is stopped. */
  timeoutMs?: number;
  /** Replace the worker once the engine's WebAssembly memory (which never shrinks) passes this. */
  maxEngineBytes?: number;
}

/** What the engine made of one schema: its datamodel, the problems it found, or why it was stopped. */
export type EngineOutcome =
  | { kind: 'read'; datamodel: DmmfDatamodel; provider: string | undefined }
  | { kind: 'invalid'; diagnostics: EngineDiagnostic[] }
  | { kind: 'stopped'; reason: 'timeout' | 'crashed'; message: string };

const DEFAULTS = { timeoutMs: 30_000, maxEngineBytes: 512 * 1024 * 1024 };
const CACHE_BYTES = 256 * 1024 * 1024;
/** A datamodel takes about ten times the bytes of the schema it was read from. */
const DATAMODEL_BYTES_PER_SCHEMA_BYTE = 10;

/**
 * Prisma's schema engine in a worker thread, one read at a time, each bounded in time. A read that runs too long or
 * breaks the engine costs the worker (a new one starts with the next read), never the process. Outcomes are cached
 * by the files' content: base and head, and every contract on the same schema, share one read.
 */
export class PrismaSchemaEngine {
  private readonly options: Required<PrismaEngineOptions>;
  private readonly cache = new LRUCache<string, EngineOutcome>({ maxSize: CACHE_BYTES });
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(options: PrismaEngineOptions = {}) {
    this.options = {
      workerUrl: options.workerUrl ?? new URL('./engine-worker.js', import.meta.url),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxEngineBytes: options.maxEngineBytes ?? DEFAULTS.maxEngineBytes,
    };
  }

  read(files: SchemaFiles): Promise<EngineOutcome> {
    const key = createHash('sha256').update(JSON.stringify(files)).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const result = this.queue.then(() => this.readNow(files));
    this.queue = result.catch(() => undefined);
    return result.then((outcome) => {
      if (outcome.kind !== 'stopped') {
        const schemaBytes = files.reduce((bytes, [, text]) => bytes + text.length, 0);
        this.cache.set(key, outcome, { size: Math.max(1, schemaBytes * DATAMODEL_BYTES_PER_SCHEMA_BYTE) });
      }
      return outcome;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.retire();
  }

  private readNow(files: SchemaFiles): Promise<EngineOutcome> {
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<EngineOutcome>((resolve) => {
      const stop = (reason: 'timeout' | 'crashed', message: string): void => {
        cleanup();
        void this.retire();
        resolve({ kind: 'stopped', reason, message });
      };
      const timer = setTimeout(
        () => stop('timeout', `Prisma's schema engine did not finish reading these files within ${this.options.timeoutMs / 1000}s and was stopped`),
        this.options.timeoutMs,
      );
      const onMessage = (reply: EngineReply): void => {
        if (reply.id !== id) return;
        if (reply.kind === 'crashed') return stop('crashed', `Prisma's schema engine broke reading these files (${reply.message})`);
        cleanup();
        if (reply.memoryBytes > this.options.maxEngineBytes) void this.retire();
        resolve(reply.kind === 'read' ? { kind: 'read', datamodel: reply.datamodel, provider: reply.provider } : { kind: 'invalid', diagnostics: reply.diagnostics });
      };
      const onError = (error: Error): void => stop('crashed', `Prisma's schema engine stopped: ${error.message}`);
      const onExit = (code: number): void => stop('crashed', `Prisma's schema engine stopped (exit code ${code}; out of memory?)`);
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, files } satisfies EngineRequest);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    // Unreferenced: an idle engine never keeps a command-line run from exiting.
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

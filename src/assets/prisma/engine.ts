import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { BoundedWorker, type WorkerStopped } from '../bounded-worker.js';
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
 * Prisma's schema engine in a bounded worker thread. Outcomes are cached by the files' content: base and head, and
 * every contract on the same schema, share one read.
 */
export class PrismaSchemaEngine {
  private readonly cache = new LRUCache<string, EngineOutcome>({ maxSize: CACHE_BYTES });
  private readonly engine: BoundedWorker<EngineRequest, EngineReply>;
  private readonly maxEngineBytes: number;

  constructor(options: PrismaEngineOptions = {}) {
    this.engine = new BoundedWorker({
      workerUrl: options.workerUrl ?? new URL('./engine-worker.js', import.meta.url),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxHeapMb: 1024,
      name: "Prisma's schema engine",
    });
    this.maxEngineBytes = options.maxEngineBytes ?? DEFAULTS.maxEngineBytes;
  }

  async read(files: SchemaFiles): Promise<EngineOutcome> {
    const key = createHash('sha256').update(JSON.stringify(files)).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const outcome = this.outcomeOf(await this.engine.request((id) => ({ id, files })));
    if (outcome.kind !== 'stopped') {
      const schemaBytes = files.reduce((bytes, [, text]) => bytes + text.length, 0);
      this.cache.set(key, outcome, { size: Math.max(1, schemaBytes * DATAMODEL_BYTES_PER_SCHEMA_BYTE) });
    }
    return outcome;
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  private outcomeOf(reply: EngineReply | WorkerStopped): EngineOutcome {
    if (reply.kind === 'stopped') return reply;
    if (reply.kind === 'crashed') {
      void this.engine.retire();
      return { kind: 'stopped', reason: 'crashed', message: `Prisma's schema engine broke reading these files (${reply.message})` };
    }
    if (reply.memoryBytes > this.maxEngineBytes) void this.engine.retire();
    return reply.kind === 'read' ? { kind: 'read', datamodel: reply.datamodel, provider: reply.provider } : { kind: 'invalid', diagnostics: reply.diagnostics };
  }
}

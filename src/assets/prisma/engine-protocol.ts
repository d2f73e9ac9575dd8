import type { DmmfDatamodel } from './datamodel.js';

/** A schema's files as Prisma's engine takes them: `[path, text]`, one entry per `.prisma` file. */
export type SchemaFiles = [path: string, text: string][];

/** One problem the engine found, where it found it: `start` and `end` index the file's text (UTF-16 code units). */
export interface EngineDiagnostic {
  file: string;
  start?: number;
  end?: number;
  /** Set instead of a span when the engine's message only names a line. */
  line?: number;
  message: string;
}

export interface EngineRequest {
  id: number;
  files: SchemaFiles;
}

export type EngineReply =
  | { id: number; kind: 'read'; datamodel: DmmfDatamodel; provider: string | undefined; memoryBytes: number }
  | { id: number; kind: 'invalid'; diagnostics: EngineDiagnostic[]; memoryBytes: number }
  /** The engine trapped or panicked: its instance may be corrupt, so the worker is replaced. */
  | { id: number; kind: 'crashed'; message: string };

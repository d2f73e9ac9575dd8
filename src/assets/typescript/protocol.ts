import type { ReadOutcome } from './shapes.js';

/**
 * What the contract asks of the code: the exported declaration named `name`, or the payloads of the calls that emit
 * the event `event` (the call's `argument` is the payload; with an `argument` of 0 there is no event argument, and
 * every call is a site).
 */
export type ReadRequest = { kind: 'declared'; name: string } | { kind: 'emitted'; call: string; event: string; argument: number };

/** The compiler options the reader applies, as plain data: the repository's where they bear on reading types. */
export type PlainCompilerOptions = Record<string, unknown>;

/** One commit's program: its files (`[path, text]`, paths from the repository root), which are roots, and the reads. */
export interface AnalysisRequest {
  id: number;
  files: [path: string, text: string][];
  /** The files the contract's sources match: the program's roots, and where emit sites are looked for. */
  roots: string[];
  options: PlainCompilerOptions;
  reads: ReadRequest[];
}

export type AnalysisReply =
  | { id: number; kind: 'read'; outcomes: ReadOutcome[] }
  /** The analysis broke (the checker's stack, a bug): the worker is replaced. */
  | { id: number; kind: 'crashed'; message: string; file?: string };

import type { Statement } from './statements.js';

/** Replays one commit's migrations and reads back the watched tables. */
export interface ReplayJob {
  files: { path: string; statements: Statement[] }[];
  /**
   * Index of the first file the change brought (files before it are the same at base and head). From there on,
   * every statement's effect on the watched tables is recorded, so findings point at the statement behind them.
   */
  trackFrom: number;
  /** Table names as a contract writes them (`orders`, `public.orders`), resolved by Postgres itself. */
  watch: string[];
}

export interface RawColumn {
  num: number;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  enumLabels: string[] | null;
  /** Set when the column's type is a domain: what it is built on and the rules it adds. */
  domain: { base: string; notNull: boolean; checks: string[] } | null;
}

export interface RawIndex {
  columns: number[];
  primary: boolean;
  unique: boolean;
  partial: boolean;
}

export interface RawTable {
  oid: number;
  schema: string;
  name: string;
  kind: string;
  columns: RawColumn[];
  indexes: RawIndex[];
  checks: { columns: number[] | null; definition: string }[];
}

/** The watched tables at one moment: what each watched name resolves to, and the tables involved. */
export interface CatalogSnapshot {
  resolved: Record<string, number | null>;
  tables: RawTable[];
}

/** A statement after which a tracked table looked different. */
export interface TrackedChange {
  fileIndex: number;
  statementIndex: number;
  /** Tables (by oid) that the statement changed, with their new description, or null when it dropped them. */
  tables: { oid: number; table: RawTable | null }[];
}

export interface ReplayFailure {
  /** `failed`: Postgres refused a statement; `timeout`: the replay ran out of time and was stopped. */
  kind: 'failed' | 'timeout';
  fileIndex: number;
  statementIndex: number;
  message: string;
  /** 1-based character position inside the statement, when Postgres gave one. */
  position?: number;
}

export type ReplayOutcome =
  | { ok: true; fork: CatalogSnapshot; final: CatalogSnapshot; changes: TrackedChange[] }
  | { ok: false; failure: ReplayFailure };

export type WorkerRequest = { id: number; job: ReplayJob };
export type WorkerReply =
  | { id: number; outcome: ReplayOutcome; clean: boolean }
  | { id: -1; ready: true }
  | { id: number; crashed: string };

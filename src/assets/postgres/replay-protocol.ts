import type { Statement } from './statements.js';

/** One migration file as the replay sees it. */
export interface ReplayFile {
  path: string;
  /** Identifies what the file does (its path and content): equal digests are interchangeable replays. */
  digest: string;
  statements: Statement[];
  /**
   * Set when the file cannot be replayed at all (a syntax error, a NUL byte, bytes that are not UTF-8): at the base
   * the file is skipped and reported; in the change's own files it stops the head.
   */
  error?: { line: number; column?: number; message: string };
}

/** A table name as a contract writes it, split and case-folded as Postgres would read it (names.ts). */
export interface WatchedName {
  /** The name as written: the key of `CatalogSnapshot.resolved`. */
  name: string;
  schema: string;
  relation: string;
}

/**
 * One review of one group of migrations: the base commit's files, then the head's. `trackFrom` is how many leading
 * files the head shares with the base (same digests); the head is replayed as that state plus its own files, and
 * from there on every statement's effect on the watched tables is recorded, so findings point at the statement
 * behind them.
 */
export interface ReplayJob {
  base: ReplayFile[];
  head: ReplayFile[];
  trackFrom: number;
  watch: WatchedName[];
  /** Also read back every table and view of the migrations' own schemas at the base's end (to list them). */
  listAll?: boolean;
}

/** Time limits of one job. */
export interface ReplayLimits {
  /** A statement running longer is stopped and reported at its file and line. */
  statementTimeoutMs: number;
  /** Bound on each commit's replay (the base's, then the head's), for what no statement limit catches. */
  commitTimeoutMs: number;
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
  /** Watched names that matched no table exactly, but exactly one table up to case, which they resolved to. */
  loose?: string[];
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
  /**
   * `failed`: Postgres refused the statement (or the file could not be read); `timeout`: it ran past its time limit
   * and was stopped; `crashed`: it broke the embedded Postgres, which was replaced.
   */
  kind: 'failed' | 'timeout' | 'crashed';
  fileIndex: number;
  /** -1 when the whole file failed (see ReplayFile.error). */
  statementIndex: number;
  message: string;
  /** 1-based character position inside the statement, when Postgres gave one. */
  position?: number;
}

/** The base, read as far as it can be: every statement that failed was skipped, and is listed. */
export type BaseOutcome =
  | { ok: true; final: CatalogSnapshot; failures: ReplayFailure[] }
  /** Only when the whole job ran out of time before the base was read. */
  | { ok: false; failure: ReplayFailure };

/** The head: the base's shared files plus the change's own, which must all apply. */
export type HeadOutcome =
  | { ok: true; fork: CatalogSnapshot; final: CatalogSnapshot; changes: TrackedChange[] }
  | { ok: false; failure: ReplayFailure };

export interface ReplayOutcome {
  base: BaseOutcome;
  head: HeadOutcome;
}

/** What one job cost, for counters and tests. */
export interface ReplayStats {
  /** Migration statements sent to Postgres (re-runs after a failure included). */
  statements: number;
  /** Files replayed (not found already applied). */
  files: number;
  /** Files found already applied in the live database, from an earlier job. */
  reused: number;
}

export type WorkerRequest = {
  id: number;
  job: ReplayJob;
  /** Base statements to skip without running them: they timed out or crashed Postgres in an earlier attempt. */
  skip: { fileIndex: number; statementIndex: number; failure: ReplayFailure }[];
};

/** Progress cells shared with the parent, which watches for a statement running past its limit. */
export const PROGRESS = { sequence: 0, phase: 1, fileIndex: 2, statementIndex: 3, length: 4 } as const;
/** PROGRESS.phase values: which commit's statement runs, or the replay's own work. */
export const PHASE = { idle: 0, base: 1, head: 2, internal: 3 } as const;

export type WorkerReply =
  | { id: -1; ready: true; imageBuilt: boolean; startMs: number }
  | { id: number; baseDone: BaseOutcome }
  | { id: number; outcome: ReplayOutcome; stats: ReplayStats; clean: boolean }
  /** The instance broke (or failed the replay's own commands) while `at` ran: the parent replaces the worker. */
  | { id: number; crashed: string; at?: { phase: number; fileIndex: number; statementIndex: number } };

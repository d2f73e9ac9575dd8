import type { Statement } from './statements.js';

/** One migration file as the replay sees it. */
export interface ReplayFile {
  path: string;
  /** Identifies what the file does (its path and content): equal digests are interchangeable replays. */
  digest: string;
  statements: Statement[];
  /**
   * Set when the file cannot be replayed at all (a NUL byte, bytes that are not UTF-8): at the base the file is
   * skipped and reported; in the change's own files it stops the head.
   */
  error?: { line: number; column?: number; message: string };
}

/** A table name as a contract writes it, and the table it names (names.ts). */
export interface WatchedName {
  /** The name as written: the key of `CatalogSnapshot.resolved`. */
  name: string;
  table: string;
}

/**
 * One review of one group of migrations: the base commit's files, then the head's. `trackFrom` is how many leading
 * files the head shares with the base (same digests); the head is replayed as that state plus its own files, and
 * from there on every statement's effect on the tables is recorded, so findings point at the statement behind them.
 */
export interface ReplayJob {
  base: ReplayFile[];
  head: ReplayFile[];
  trackFrom: number;
  watch: WatchedName[];
  /** Also read back every table and view of the main database at the base's end (to list them). */
  listAll?: boolean;
}

/** Time limits of one job. */
export interface ReplayLimits {
  /** A statement running longer is stopped and reported at its file and line. */
  statementTimeoutMs: number;
  /** Bound on each commit's replay (the base's, then the head's), for what no statement limit catches. */
  commitTimeoutMs: number;
  /** The settings that set them, named in the errors. */
  settingNames: { statement: string; commit: string };
}

/** One row of `PRAGMA table_xinfo`. */
export interface RawColumn {
  name: string;
  /** The declared type as written (`VARCHAR(64)`), empty when none is. */
  type: string;
  notNull: boolean;
  default: string | null;
  /** The column's place in the primary key, from 1; 0 when it is not part of it. */
  primaryKey: number;
  /** 0: an ordinary column; 1: a virtual table's hidden column; 2 and 3: a generated column, virtual or stored. */
  hidden: number;
}

/** A unique index of `PRAGMA index_list` that is not partial, with its columns (null for an expression). */
export interface RawIndex {
  columns: (string | null)[];
  /** Made by the PRIMARY KEY clause (`origin = 'pk'`). */
  primary: boolean;
}

/**
 * A table or view as SQLite describes it. `id` follows the table through renames for as long as one replay
 * watches it (schema-tracker.ts); `sql` is its definition in `sqlite_schema`, where CHECK constraints are read.
 */
export interface RawTable {
  id: number;
  name: string;
  kind: 'table' | 'view' | 'virtual';
  strict: boolean;
  withoutRowid: boolean;
  columns: RawColumn[];
  uniqueIndexes: RawIndex[];
  sql: string | null;
  /** Why SQLite could not describe it (a view over a table that is gone): it has no columns then. */
  unreadable?: string;
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
  /** Tables (by id) that the statement changed, with their new description, or null when it dropped them. */
  tables: { id: number; table: RawTable | null }[];
}

export interface ReplayFailure {
  /**
   * `failed`: SQLite refused the statement (or the replay did, or the file could not be read); `timeout`: it ran past
   * its time limit and was stopped; `limit`: it ran out of the memory or disk the replay allows; `crashed`: it broke
   * the sandbox, which was replaced.
   */
  kind: 'failed' | 'timeout' | 'limit' | 'crashed';
  fileIndex: number;
  /** -1 when the whole file failed (see ReplayFile.error). */
  statementIndex: number;
  message: string;
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
  /** Migration statements run (re-runs after a stopped attempt included). */
  statements: number;
  /** Files replayed. */
  files: number;
  /** Files whose state came from an image the worker kept from an earlier job. */
  reused: number;
}

export type WorkerRequest = {
  id: number;
  job: ReplayJob;
  /** Base statements to skip without running them: they timed out or broke the sandbox in an earlier attempt. */
  skip: { fileIndex: number; statementIndex: number; failure: ReplayFailure }[];
};

/** Progress cells shared with the parent, which watches for a statement running past its limit. */
export const PROGRESS = { sequence: 0, phase: 1, fileIndex: 2, statementIndex: 3, length: 4 } as const;
/** PROGRESS.phase values: which commit's statement runs, or the replay's own work. */
export const PHASE = { idle: 0, base: 1, head: 2, internal: 3 } as const;

export type WorkerReply =
  | { id: -1; ready: true }
  | { id: number; baseDone: BaseOutcome }
  | { id: number; outcome: ReplayOutcome; stats: ReplayStats }
  /** The sandbox broke while `at` ran: the parent replaces the worker. */
  | { id: number; crashed: string; at?: { phase: number; fileIndex: number; statementIndex: number } };

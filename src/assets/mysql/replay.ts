import type { MigrationFile } from './migrations.js';
import type { ColumnRename } from './statement-facts.js';
import type { Approximation } from '../model.js';
import type { TableSnapshot } from './snapshot.js';

/** What one review asks of a way of reading migrations: the base's files, the head's, and the tables to watch. */
export interface ReplayJob {
  base: MigrationFile[];
  head: MigrationFile[];
  /** Index of the head's first file that is not the base's (the change's own files start there). */
  trackFrom: number;
  /** The table names the contracts give. */
  watch: string[];
  /** Also read back every table and view of the migrated database at the base's end (to list them). */
  listAll?: boolean;
}

export interface ReplayLimits {
  statementTimeoutMs: number;
  commitTimeoutMs: number;
}

/** A statement that failed, timed out or broke the connection; `statementIndex` -1 for a file that cannot be read. */
export interface ReplayFailure {
  kind: 'failed' | 'timeout' | 'crashed';
  fileIndex: number;
  statementIndex: number;
  message: string;
  /** Where in the file, when the failure says more precisely than the statement's start. */
  line?: number;
  column?: number;
}

/** What the tables the review watches look like at one point: every table named (exactly or up to case) or tracked. */
export interface TablesRead {
  tables: TableSnapshot[];
  /**
   * Statements that could change a table but could not be read without a server, by the table's name at this
   * point; `*` lists those that could change any table.
   */
  approximations: Record<string, Approximation[]>;
}

/** A head statement after which a tracked table differs: each such table as it then is (null: it is gone). */
export interface TrackedChange {
  fileIndex: number;
  statementIndex: number;
  tables: { name: string; table: TableSnapshot | null }[];
  tableRenames: [string, string][];
  columnRenames: ColumnRename[];
}

export type BaseOutcome = { ok: true; final: TablesRead; failures: ReplayFailure[] } | { ok: false; failure: ReplayFailure };

export type HeadOutcome = { ok: true; fork: TablesRead; final: TablesRead; changes: TrackedChange[] } | { ok: false; failure: ReplayFailure };

export interface ReplayOutcome {
  base: BaseOutcome;
  head: HeadOutcome;
}

/** One way of reading migrations: replayed in a MySQL server, or folded from the DDL without one. */
export interface MigrationReplay {
  /** `exact`: a MySQL server built the tables; `parsed`: the DDL was folded without one. */
  readonly method: 'exact' | 'parsed';
  replay(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome>;
  /** Says which server (or parser) read the migrations, once one has. */
  describe(): string;
  close(): Promise<void>;
}

/** Every table a read must include: those named exactly, or up to case, as MySQL on a case-sensitive file system would. */
export function isWatched(name: string, watch: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return watch.some((watched) => watched.toLowerCase() === lower);
}

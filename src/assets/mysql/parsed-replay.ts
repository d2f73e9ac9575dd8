import { LRUCache } from 'lru-cache';
import { Catalog } from './catalog.js';
import { foldStatement } from './fold.js';
import type { MigrationFile, Statement } from './migrations.js';
import type { MigrationReplay, ReplayFailure, ReplayJob, ReplayLimits, ReplayOutcome } from './replay.js';
import { changesTables, Tracker } from './tracking.js';

type Step = (statement: Statement, fileIndex: number, statementIndex: number) => void;

/** A commit's migrations folded in order; the first failure stops a head, a base skips it and goes on. */
function foldFiles(
  catalog: Catalog,
  files: MigrationFile[],
  range: { from: number; to: number },
  onFailure: (failure: ReplayFailure) => boolean,
  deadline: number,
  step?: Step,
): void {
  for (let fileIndex = range.from; fileIndex < range.to; fileIndex += 1) {
    const file = files[fileIndex]!;
    if (file.error) {
      if (onFailure({ kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message })) return;
      continue;
    }
    for (const [statementIndex, statement] of file.statements.entries()) {
      if (Date.now() > deadline) {
        onFailure({ kind: 'timeout', fileIndex, statementIndex, message: "the commit's migrations did not finish within the time limit (mysql.timeoutSeconds)" });
        return;
      }
      const failure = statementFailure(catalog, statement, file.path, fileIndex, statementIndex);
      if (failure && onFailure(failure)) return;
      if (!failure) step?.(statement, fileIndex, statementIndex);
    }
  }
}

function statementFailure(catalog: Catalog, statement: Statement, path: string, fileIndex: number, statementIndex: number): ReplayFailure | undefined {
  if (statement.refusal) {
    const { message, line, column } = statement.refusal;
    return { kind: 'failed', fileIndex, statementIndex, message, line, column };
  }
  const result = foldStatement(catalog, statement, path);
  if (result.ok) return undefined;
  return { kind: 'failed', fileIndex, statementIndex, message: result.message };
}

/**
 * The default way: the migrations' DDL folded by node-sql-parser, without a server. What it cannot fold and could
 * change a table is carried as an approximation of that table (see fold.ts), never dropped silently.
 */
export class ParsedReplay implements MigrationReplay {
  readonly method = 'parsed';
  /** Bases folded lately, by their files' digests: reviews of one branch share their base. */
  private readonly bases = new LRUCache<string, { catalog: Catalog; failures: ReplayFailure[] }>({ max: 8 });

  describe(): string {
    return 'node-sql-parser (no server)';
  }

  async replay(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const deadline = Date.now() + limits.commitTimeoutMs;
    const folded = this.foldedBase(job.base, deadline);
    if (!folded.ok) return { base: { ok: false, failure: folded.failure }, head: { ok: false, failure: folded.failure } };
    const { catalog: base, failures } = folded;
    const baseFinal = job.listAll ? base.readAll() : base.read(job.watch, new Set());

    const catalog = job.trackFrom === job.base.length ? base.clone() : new Catalog();
    if (job.trackFrom < job.base.length) foldFiles(catalog, job.head, { from: 0, to: job.trackFrom }, () => false, deadline);
    const fork = catalog.read(job.watch, new Set());
    const tracker = new Tracker(job.watch, fork);
    let headFailure: ReplayFailure | undefined;
    foldFiles(
      catalog,
      job.head,
      { from: job.trackFrom, to: job.head.length },
      (failure) => {
        headFailure = failure;
        return true;
      },
      deadline,
      (statement, fileIndex, statementIndex) => {
        if (!changesTables(statement)) return;
        tracker.follow(statement);
        tracker.record(catalog.read(job.watch, tracker.names), fileIndex, statementIndex, statement);
      },
    );
    return {
      base: { ok: true, final: baseFinal, failures },
      head: headFailure ? { ok: false, failure: headFailure } : { ok: true, fork, final: catalog.read(job.watch, tracker.names), changes: tracker.changes },
    };
  }

  /** The base folded, or taken from an earlier review with the same base (the head is folded on a copy). */
  private foldedBase(files: MigrationFile[], deadline: number): { ok: true; catalog: Catalog; failures: ReplayFailure[] } | { ok: false; failure: ReplayFailure } {
    const key = files.map((file) => file.digest).join(',');
    const known = this.bases.get(key);
    if (known) return { ok: true, catalog: known.catalog, failures: known.failures };
    const catalog = new Catalog();
    const failures: ReplayFailure[] = [];
    let stopped: ReplayFailure | undefined;
    const onFailure = (failure: ReplayFailure): boolean => {
      if (failure.kind === 'timeout') stopped = failure;
      else failures.push(failure);
      return false;
    };
    foldFiles(catalog, files, { from: 0, to: files.length }, onFailure, deadline);
    if (stopped) return { ok: false, failure: stopped };
    this.bases.set(key, { catalog, failures });
    return { ok: true, catalog, failures };
  }

  async close(): Promise<void> {}
}

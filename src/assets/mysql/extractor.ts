import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { sourceMatcher } from '../../core/glob-match.js';
import type { ChangeSet, RepoSnapshot } from '../../core/snapshot.js';
import type { AssetComparison, AssetListing, AssetState, ExtractionError } from '../model.js';
import type { AssetRequest } from '../reader.js';
import { comparisonOf, resolve, stateOf } from './comparison.js';
import { migrationPaths, MigrationFiles, type LoadedMigrations, type MigrationFile } from './migrations.js';
import { parseTableName, writtenTableName } from './names.js';
import type { MigrationReplay, ReplayFailure, ReplayJob, ReplayOutcome, TablesRead, TrackedChange } from './replay.js';

/** Limits on replaying one commit's MySQL migrations (the settings' `mysql` section). */
export interface MysqlLimits {
  statementTimeoutSeconds: number;
  timeoutSeconds: number;
  maxBytes: number;
}

export const DEFAULT_MYSQL_LIMITS: MysqlLimits = { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 };

const EMPTY: TablesRead = { tables: [], approximations: {} };
const KINDS: Record<ReplayFailure['kind'], ExtractionError['kind']> = { failed: 'failed', timeout: 'timeout', crashed: 'crashed' };

/**
 * Builds MySQL tables at the base and head of a change from the migrations that define them, one way or the other
 * (a server, or the parser). Assets sharing their sources share one replay; nothing one contract's migrations or name
 * do can make another contract's comparison fail.
 */
export class MysqlExtractor {
  private readonly files = new MigrationFiles();
  /** Outcomes by the content of what was replayed (by this extractor's one way): the same job is never replayed twice. */
  private readonly outcomes = new LRUCache<string, ReplayOutcome>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (outcome) => Math.max(1, JSON.stringify(outcome).length),
  });

  constructor(readonly replay: MigrationReplay) {}

  async compare(requests: AssetRequest[], change: ChangeSet, limits: MysqlLimits): Promise<Map<string, AssetComparison>> {
    const results = new Map<string, AssetComparison>();
    for (const group of groupBySource(requests)) {
      const matches = sourceMatcher(group[0]!.asset.source);
      // A repository that cannot be read stops the whole review, so its errors are not caught here.
      const [basePaths, headPaths] = await Promise.all([migrationPaths(change.base, matches), migrationPaths(change.head, matches)]);
      const [base, head] = await Promise.all([
        this.files.load(change.base, basePaths, limits.maxBytes),
        this.files.load(change.head, headPaths, limits.maxBytes),
      ]);
      for (const [key, comparison] of await this.compareGroup(group, base, head, limits)) results.set(key, comparison);
    }
    return results;
  }

  /**
   * Every table and view the migrations leave in the migrated database at one commit (see `mysqlReader`'s `list`),
   * read this extractor's one way, each built as `compare` builds it for a contract naming it at an unchanged commit.
   */
  async list(source: string | string[], snapshot: RepoSnapshot, limits: MysqlLimits): Promise<AssetListing> {
    const loaded = await this.files.load(snapshot, await migrationPaths(snapshot, sourceMatcher(source)), limits.maxBytes);
    if (!loaded.ok) return { assets: [], errors: [loaded.error] };
    const { files } = loaded;
    if (files.length === 0) return { assets: [], errors: [] };
    let outcome: ReplayOutcome;
    try {
      outcome = await this.replayed({ base: files, head: files, trackFrom: files.length, watch: [], listAll: true }, limits);
    } catch (error) {
      return { assets: [], errors: [replayFailure([source].flat()[0] ?? '', error)] };
    }
    if (!outcome.base.ok) return { assets: [], errors: [failureAt(outcome.base.failure, files)] };
    const { final } = outcome.base;
    const listing: AssetListing = { assets: [], errors: outcome.base.failures.map((failure) => failureAt(failure, files)) };
    for (const { name } of [...final.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const state = stateOf(final, name);
      if (state.status === 'present') listing.assets.push({ ...state.schema, name: writtenTableName(name) });
      else if (state.status === 'error') listing.errors.push(state.error);
    }
    return listing;
  }

  private async compareGroup(requests: AssetRequest[], base: LoadedMigrations, head: LoadedMigrations, limits: MysqlLimits): Promise<Map<string, AssetComparison>> {
    const results = new Map<string, AssetComparison>();
    const named = new Map<string, string>();
    for (const request of requests) {
      const parsed = parseTableName(request.asset.name);
      if (parsed.ok) {
        named.set(request.key, parsed.name);
      } else {
        const message = `asset.name "${request.asset.name}" is not a MySQL table name: ${parsed.message}`;
        results.set(request.key, this.errorComparison({ kind: 'failed', ...request.nameLocation, message }));
      }
    }
    if (named.size === 0) return results;

    const baseFiles = base.ok ? base.files : [];
    const headFiles = head.ok ? head.files : [];
    const trackFrom = sharedPrefixLength(baseFiles, headFiles);
    const job: ReplayJob = { base: baseFiles, head: head.ok ? headFiles : baseFiles.slice(0, trackFrom), trackFrom, watch: [...new Set(named.values())] };
    let outcome: ReplayOutcome;
    try {
      outcome = await this.replayed(job, limits);
    } catch (error) {
      // Only the way of reading itself failing lands here (the server cannot be reached, say).
      const failure = replayFailure([requests[0]!.asset.source].flat()[0] ?? '', error);
      for (const key of named.keys()) results.set(key, this.errorComparison(failure));
      return results;
    }

    const baseSkipped = outcome.base.ok ? outcome.base.failures.map((failure) => failureAt(failure, baseFiles)) : [];
    // The head inherits the failures of the files it shares with the base: both commits are read without them.
    const headSkipped = outcome.base.ok ? outcome.base.failures.filter((failure) => failure.fileIndex < trackFrom).map((failure) => failureAt(failure, baseFiles)) : [];
    const baseRead = outcome.base.ok ? outcome.base.final : EMPTY;
    const baseError = !base.ok ? base.error : !outcome.base.ok ? failureAt(outcome.base.failure, baseFiles) : undefined;
    const headError = !head.ok ? head.error : !outcome.head.ok ? failureAt(outcome.head.failure, headFiles) : undefined;
    const locate = (tracked: TrackedChange) => {
      const file = headFiles[tracked.fileIndex]!;
      return { file: file.path, line: file.statements[tracked.statementIndex]?.line ?? 1 };
    };

    for (const [key, name] of named) {
      const headOutcome = outcome.head;
      const comparison =
        !headError && headOutcome.ok
          ? comparisonOf({ watched: name, base: baseRead, fork: headOutcome.fork, final: headOutcome.final, changes: headOutcome.changes, locate })
          : { base: stateOf(baseRead, name), head: { status: 'error' as const, error: headError! }, fieldRenames: [], fieldRemovedAt: {} };
      comparison.base = readInPart(comparison.base, baseSkipped, true);
      comparison.head = readInPart(comparison.head, headSkipped, false);
      if (baseError) comparison.base = { status: 'error', error: baseError };
      const resolvedAs = looseResolution(name, baseRead, headOutcome.ok && !headError ? headOutcome.final : undefined);
      results.set(key, { ...comparison, ...(resolvedAs ? { resolvedAs } : {}), readBy: this.readBy() });
    }
    return results;
  }

  private async replayed(job: ReplayJob, limits: MysqlLimits): Promise<ReplayOutcome> {
    if (job.base.length === 0 && job.head.length === 0) {
      return { base: { ok: true, final: EMPTY, failures: [] }, head: { ok: true, fork: EMPTY, final: EMPTY, changes: [] } };
    }
    const digests = (files: MigrationFile[]) => files.map((file) => file.digest);
    const key = createHash('sha256')
      .update(JSON.stringify([digests(job.base), digests(job.head), job.trackFrom, job.watch, job.listAll === true]))
      .digest('hex');
    const cached = this.outcomes.get(key);
    if (cached) return cached;
    const outcome = await this.replay.replay(job, { statementTimeoutMs: limits.statementTimeoutSeconds * 1000, commitTimeoutMs: limits.timeoutSeconds * 1000 });
    if (deterministic(outcome)) this.outcomes.set(key, outcome);
    return outcome;
  }

  private readBy(): NonNullable<AssetComparison['readBy']> {
    const parsed = this.replay.method === 'parsed';
    return { method: this.replay.method, by: this.replay.describe(), ...(parsed ? { exactly: 'set DCR_MYSQL_URL to replay the migrations exactly' } : {}) };
  }

  private errorComparison(error: ExtractionError): AssetComparison {
    const state: AssetState = { status: 'error', error };
    return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {}, readBy: this.readBy() };
  }
}

function replayFailure(file: string, error: unknown): ExtractionError {
  return { kind: 'failed', file, message: `the MySQL replay failed: ${(error as Error)?.message ?? String(error)}` };
}

function groupBySource(requests: AssetRequest[]): AssetRequest[][] {
  const groups = new Map<string, AssetRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}

function sharedPrefixLength(base: MigrationFile[], head: MigrationFile[]): number {
  let index = 0;
  while (index < base.length && index < head.length && base[index]!.digest === head[index]!.digest) index += 1;
  return index;
}

function deterministic(outcome: ReplayOutcome): boolean {
  const failures = [...(outcome.base.ok ? outcome.base.failures : [outcome.base.failure]), ...(outcome.head.ok ? [] : [outcome.head.failure])];
  return failures.every((failure) => failure.kind === 'failed');
}

/** A failure at its file and line: the failure's own position, else its statement's, else its file's error's. */
function failureAt(failure: ReplayFailure, files: MigrationFile[]): ExtractionError {
  const file = files[failure.fileIndex] ?? files[files.length - 1];
  const kind = KINDS[failure.kind];
  if (!file) return { kind, file: '', message: failure.message };
  if (failure.line !== undefined) return { kind, file: file.path, line: failure.line, ...(failure.column ? { column: failure.column } : {}), message: failure.message };
  const statement = file.statements[failure.statementIndex];
  if (statement) return { kind, file: file.path, line: statement.line, column: statement.column, message: failure.message };
  if (file.error) return { kind, file: file.path, line: file.error.line, column: file.error.column, message: failure.message };
  return { kind, file: file.path, message: failure.message };
}

/**
 * A state read without the statements that failed, which it lists in `skipped`. A base table missing where statements
 * failed may be missing because of them: it is reported as the first failure instead.
 */
function readInPart(state: AssetState, skipped: ExtractionError[], atBase: boolean): AssetState {
  if (skipped.length === 0) return state;
  if (state.status === 'present') return { ...state, skipped };
  if (state.status === 'absent' && atBase) return { status: 'error', error: skipped[0]! };
  return state;
}

/** The table a name found only up to case, at base and head, when it did. */
function looseResolution(name: string, base: TablesRead, head: TablesRead | undefined): AssetComparison['resolvedAs'] {
  const commits: ('base' | 'head')[] = [];
  let asset: string | undefined;
  for (const [commit, read] of [['base', base], ['head', head]] as const) {
    const found = read ? resolve(read, name) : undefined;
    if (!found?.loose) continue;
    commits.push(commit);
    asset ??= found.table.name;
  }
  if (!asset) return undefined;
  return {
    name,
    asset,
    commits,
    message: `No table is named ${name}, but exactly one is up to case: ${asset}, which was judged. MySQL on Linux tells table names apart by case (lower_case_table_names=0): write ${asset} in asset.name to say so.`,
  };
}

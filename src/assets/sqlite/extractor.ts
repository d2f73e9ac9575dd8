import { sourceMatcher } from '../../core/glob-match.js';
import type { ChangeSet, RepoSnapshot } from '../../core/snapshot.js';
import type { AssetComparison, AssetListing, AssetState, ExtractionError } from '../model.js';
import type { AssetRequest } from '../reader.js';
import { comparisonFromReplay, stateOf, tableState } from './comparison.js';
import type { SqliteLimits } from './limits.js';
import { type LoadedMigrations, MigrationFiles } from './migration-files.js';
import { parseTableName, writtenTableName } from './names.js';
import type { CatalogSnapshot, ReplayFailure, ReplayFile, ReplayJob, ReplayOutcome, WatchedName } from './replay-protocol.js';
import type { SqliteReplayer } from './replayer.js';

/** One group's migrations as both commits list and hold them. */
interface GroupSources {
  basePaths: string[];
  headPaths: string[];
  base: LoadedMigrations;
  head: LoadedMigrations;
}

const EMPTY: CatalogSnapshot = { resolved: {}, tables: [] };

/**
 * Builds the base and head state of SQLite tables by replaying the migrations that define them. Assets that share
 * their sources share one replay per review. Nothing one contract's migrations or name do can make the comparison of
 * another contract fail: every problem becomes an error state of the contracts it concerns.
 */
export class SqliteExtractor {
  private readonly files = new MigrationFiles();

  constructor(private readonly replayer: SqliteReplayer) {}

  async compare(requests: AssetRequest[], change: ChangeSet, limits: SqliteLimits): Promise<Map<string, AssetComparison>> {
    const results = new Map<string, AssetComparison>();
    for (const group of groupBySource(requests)) {
      // A repository that cannot be read stops the whole review (it is re-run), so its errors are not caught here.
      const sources = await this.readSources(group, change, limits);
      let compared: Map<string, AssetComparison>;
      try {
        compared = await this.compareGroup(group, sources, limits);
      } catch (error) {
        // Only the sandbox itself failing lands here (it could not start, say): those contracts could not be judged.
        const failure = sandboxFailure([group[0]!.asset.source].flat()[0] ?? '', error);
        compared = new Map(group.map((request) => [request.key, errorComparison(failure)]));
      }
      for (const [key, comparison] of compared) results.set(key, comparison);
    }
    return results;
  }

  /**
   * Every table, view and virtual table the migrations leave in the main database at one commit (see
   * `sqliteReader`'s `list`), each built as `compare` builds it for a contract naming it at an unchanged commit. The
   * migrations are replayed once, as a review replays a base, in the same sandbox, with the same limits and cache.
   */
  async list(source: string | string[], snapshot: RepoSnapshot, limits: SqliteLimits): Promise<AssetListing> {
    const paths = await this.files.paths(snapshot, sourceMatcher(source));
    const loaded = await this.files.load(snapshot, paths, limits.bytes);
    if (!loaded.ok) return { assets: [], errors: [loaded.error] };
    const { files } = loaded;
    if (files.length === 0) return { assets: [], errors: [] };
    const job: ReplayJob = { base: files, head: files, trackFrom: files.length, watch: [], listAll: true };
    let outcome: ReplayOutcome;
    try {
      outcome = await this.replayer.replay(job, limits.replay);
    } catch (error) {
      return { assets: [], errors: [sandboxFailure([source].flat()[0] ?? '', error)] };
    }
    if (!outcome.base.ok) return { assets: [], errors: [failureAt(outcome.base.failure, files)] };
    const listing: AssetListing = { assets: [], errors: outcome.base.failures.map((failure) => failureAt(failure, files)) };
    const tables = [...outcome.base.final.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const table of tables) {
      const state = tableState(table, paths[paths.length - 1]!);
      if (state.status === 'present') listing.assets.push({ ...state.schema, name: writtenTableName(table.name) });
      else if (state.status === 'error') listing.errors.push(state.error);
    }
    return listing;
  }

  private async readSources(requests: AssetRequest[], change: ChangeSet, limits: SqliteLimits): Promise<GroupSources> {
    const matches = sourceMatcher(requests[0]!.asset.source);
    // Both commits' files are listed before any is read, so their reads go out together (one batch on GitHub).
    const [basePaths, headPaths] = await Promise.all([this.files.paths(change.base, matches), this.files.paths(change.head, matches)]);
    const [base, head] = await Promise.all([this.files.load(change.base, basePaths, limits.bytes), this.files.load(change.head, headPaths, limits.bytes)]);
    return { basePaths, headPaths, base, head };
  }

  private async compareGroup(requests: AssetRequest[], sources: GroupSources, limits: SqliteLimits): Promise<Map<string, AssetComparison>> {
    const results = new Map<string, AssetComparison>();
    const watch: WatchedName[] = [];
    for (const { key, asset, nameLocation } of requests) {
      const parsed = parseTableName(asset.name);
      if (parsed.ok) watch.push({ name: asset.name, table: parsed.table });
      else {
        const message = `asset.name "${asset.name}" is not a table name SQLite accepts: ${parsed.message}`;
        results.set(key, errorComparison({ kind: 'failed', file: nameLocation.file, line: nameLocation.line ?? 1, message }));
      }
    }
    const valid = requests.filter((request) => !results.has(request.key));
    if (valid.length === 0) return results;

    const { base, head } = sources;
    const baseFiles = base.ok ? base.files : [];
    const headFiles = head.ok ? head.files : [];
    const trackFrom = sharedPrefixLength(baseFiles, headFiles);
    const job: ReplayJob = { base: baseFiles, head: headFiles, trackFrom, watch: uniqueNames(watch) };
    const outcome: ReplayOutcome =
      baseFiles.length === 0 && headFiles.length === 0
        ? { base: { ok: true, final: EMPTY, failures: [] }, head: { ok: true, fork: EMPTY, final: EMPTY, changes: [] } }
        : await this.replayer.replay(job, limits.replay);

    const baseFailures = outcome.base.ok ? outcome.base.failures : [];
    const baseSkipped = baseFailures.map((failure) => failureAt(failure, baseFiles));
    // The head inherits the failures of the files it shares with the base: both commits are read without them.
    const headSkipped = baseFailures.filter((failure) => failure.fileIndex < trackFrom).map((failure) => failureAt(failure, baseFiles));
    const baseSnapshot = outcome.base.ok ? outcome.base.final : EMPTY;
    const baseError = !base.ok ? base.error : !outcome.base.ok ? failureAt(outcome.base.failure, baseFiles) : undefined;
    const headError = !head.ok ? head.error : !outcome.head.ok ? failureAt(outcome.head.failure, headFiles) : undefined;
    const lastPath = (paths: string[]): string => paths[paths.length - 1] ?? '';
    const files = { base: lastPath(sources.basePaths), head: lastPath(sources.headPaths) };

    for (const { key, asset } of valid) {
      const headOutcome = outcome.head;
      const comparison: AssetComparison =
        !headError && headOutcome.ok
          ? comparisonFromReplay({
              watched: asset.name,
              base: baseSnapshot,
              fork: headOutcome.fork,
              final: headOutcome.final,
              changes: headOutcome.changes,
              locate: (tracked) => statementLocation(headFiles, tracked.fileIndex, tracked.statementIndex),
              files,
            })
          : {
              base: stateOf(baseSnapshot, asset.name, files.base),
              head: { status: 'error', error: headError ?? { kind: 'failed', file: files.head, message: 'the head could not be replayed' } },
              fieldRenames: [],
              fieldRemovedAt: {},
            };
      comparison.base = baseError ? { status: 'error', error: baseError } : readInPart(comparison.base, baseSkipped, true);
      comparison.head = readInPart(comparison.head, headSkipped, false);
      results.set(key, comparison);
    }
    return results;
  }
}

function sandboxFailure(file: string, error: unknown): ExtractionError {
  return { kind: 'failed', file, message: `the SQLite replay sandbox failed: ${(error as Error)?.message ?? String(error)}` };
}

function groupBySource(requests: AssetRequest[]): AssetRequest[][] {
  const groups = new Map<string, AssetRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}

function uniqueNames(watch: WatchedName[]): WatchedName[] {
  return [...new Map(watch.map((entry) => [entry.name, entry])).values()];
}

function sharedPrefixLength(base: ReplayFile[], head: ReplayFile[]): number {
  let index = 0;
  while (index < base.length && index < head.length && base[index]!.digest === head[index]!.digest) index += 1;
  return index;
}

function statementLocation(files: ReplayFile[], fileIndex: number, statementIndex: number): { file: string; line: number } {
  const file = files[fileIndex]!;
  return { file: file.path, line: file.statements[statementIndex]?.line ?? 1 };
}

/** Where a failure points: its statement's first line and column, or the file's own error. */
function failureAt(failure: ReplayFailure, files: ReplayFile[]): ExtractionError {
  const file = files[failure.fileIndex] ?? files[files.length - 1];
  if (!file) return { kind: failure.kind, file: '', message: failure.message };
  if (failure.statementIndex < 0) {
    const { line = 1, column } = file.error ?? {};
    return { kind: failure.kind, file: file.path, line, ...(column ? { column } : {}), message: failure.message };
  }
  const statement = file.statements[failure.statementIndex];
  if (!statement) return { kind: failure.kind, file: file.path, line: 1, message: failure.message };
  return { kind: failure.kind, file: file.path, line: statement.line, column: statement.column, message: failure.message };
}

/**
 * A state read without the statements that failed, which it lists in `skipped`. A base table missing where statements
 * failed may be missing because of them: it is reported as the first failure instead, so that no failure goes
 * unreported and the head is judged as if the base met the contract.
 */
function readInPart(state: AssetState, skipped: ExtractionError[], atBase: boolean): AssetState {
  if (skipped.length === 0) return state;
  if (state.status === 'present') return { ...state, skipped };
  if (state.status === 'absent' && atBase) return { status: 'error', error: skipped[0]! };
  return state;
}

function errorComparison(error: ExtractionError): AssetComparison {
  const state: AssetState = { status: 'error', error };
  return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {} };
}

import { createHash } from 'node:crypto';
import { loadModule } from 'libpg-query';
import { LRUCache } from 'lru-cache';
import type { Settings } from '../../config/schema.js';
import { sourceMatcher } from '../../core/glob-match.js';
import { readSourceFiles } from '../source-files.js';
import type { ChangeSet, RepoSnapshot } from '../../core/snapshot.js';
import type { AssetComparison, AssetListing, AssetState, ExtractionError } from '../model.js';
import { comparisonFromReplay, schemaOfTable, stateOf } from './comparison.js';
import { migrationPaths, prepareMigration } from './migrations.js';
import { parseTableName, writtenTableName } from './names.js';
import type { CatalogSnapshot, RawTable, ReplayFailure, ReplayFile, ReplayJob, ReplayLimits, ReplayOutcome, TrackedChange, WatchedName } from './replay-protocol.js';
import type { Replayer } from './replayer.js';
import { splitStatements } from './statements.js';
import { postgresTypes } from './types.js';

export interface PostgresAssetRequest {
  /** The caller's key for the result (a contract id). */
  key: string;
  name: string;
  source: string | string[];
  /** Where the contract names the table: an error about the name itself (one Postgres refuses) points there. */
  nameLocation?: { file: string; line?: number };
}

type MigrationFile = ReplayFile;
type LoadedMigrations = { ok: true; files: MigrationFile[] } | { ok: false; error: ExtractionError };
/** One group's migrations as both commits list and hold them. */
interface GroupSources {
  basePaths: string[];
  headPaths: string[];
  base: LoadedMigrations;
  head: LoadedMigrations;
}

export type PostgresLimits = Settings['postgres'];

const EMPTY: CatalogSnapshot = { resolved: {}, tables: [] };
const normalizeType = (type: string): string => postgresTypes.normalize(type);

/**
 * Builds the base and head state of Postgres tables by replaying the migrations that define them. Assets that
 * share their sources share one replay per review. Nothing one contract's migrations or name do can make the
 * comparison of another contract fail: every problem becomes an error state of the contracts it concerns.
 */
export class PostgresExtractor {
  /** Migration files read and split, by path and content; bounded, as a server sees migrations without end. */
  private readonly filesByContent = new LRUCache<string, MigrationFile>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (file) => Math.max(1, file.statements.reduce((bytes, statement) => bytes + statement.sql.length, 0)),
  });

  constructor(private readonly replayer: Replayer) {}

  async compare(assets: PostgresAssetRequest[], change: ChangeSet, limits: PostgresLimits): Promise<Map<string, AssetComparison>> {
    // The embedded Postgres starts while the migrations are listed, read and split.
    if (assets.length > 0) this.replayer.warmUp().catch(() => undefined);
    await loadModule();
    const results = new Map<string, AssetComparison>();
    for (const group of groupBySource(assets)) {
      // A repository that cannot be read stops the whole review (it is re-run), so its errors are not caught here.
      const sources = await this.readSources(group, change, limits);
      let compared: Map<string, AssetComparison>;
      try {
        compared = await this.compareGroup(group, sources, limits);
      } catch (error) {
        // Only the sandbox itself failing lands here (it could not start, say): those contracts could not be judged.
        const failure = sandboxFailure([group[0]!.source].flat()[0] ?? '', error);
        compared = new Map(group.map((asset) => [asset.key, errorComparison(failure)]));
      }
      for (const [key, comparison] of compared) results.set(key, comparison);
    }
    return results;
  }

  /**
   * Every relation the migrations leave in their own schemas at one commit (see `postgresReader`'s `list`), each
   * built as `compare` builds it for a contract naming it at an unchanged commit. The migrations are replayed once,
   * as a review replays a base, in the same sandbox, with the same limits and the same caches: reading a listed table
   * afterwards continues from this replay.
   */
  async list(source: string | string[], snapshot: RepoSnapshot, limits: PostgresLimits): Promise<AssetListing> {
    await loadModule();
    const loaded = await this.load(snapshot, await migrationPaths(snapshot, sourceMatcher(source)), limits);
    if (!loaded.ok) return { assets: [], errors: [loaded.error] };
    const { files } = loaded;
    if (files.length === 0) return { assets: [], errors: [] };
    const job: ReplayJob = { base: files, head: files, trackFrom: files.length, watch: [], listAll: true };
    let outcome: ReplayOutcome;
    try {
      outcome = await this.replayer.replay(job, replayLimits(limits));
    } catch (error) {
      return { assets: [], errors: [sandboxFailure([source].flat()[0] ?? '', error)] };
    }
    if (!outcome.base.ok) return { assets: [], errors: [failureAt(outcome.base.failure, files)] };
    const key = (table: RawTable): string => `${table.schema}\u0000${table.name}`;
    const assets = [...outcome.base.final.tables]
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .map((table) => ({ ...schemaOfTable(table, normalizeType), name: writtenTableName(table.schema, table.name) }));
    return { assets, errors: outcome.base.failures.map((failure) => failureAt(failure, files)) };
  }

  private async readSources(assets: PostgresAssetRequest[], change: ChangeSet, limits: PostgresLimits): Promise<GroupSources> {
    const matches = sourceMatcher(assets[0]!.source);
    // Both commits' files are listed before any is read, so their reads go out together (one batch on GitHub).
    const [basePaths, headPaths] = await Promise.all([migrationPaths(change.base, matches), migrationPaths(change.head, matches)]);
    const [base, head] = await Promise.all([this.load(change.base, basePaths, limits), this.load(change.head, headPaths, limits)]);
    return { basePaths, headPaths, base, head };
  }

  private async compareGroup(
    assets: PostgresAssetRequest[],
    { basePaths, headPaths, base, head }: GroupSources,
    limits: PostgresLimits,
  ): Promise<Map<string, AssetComparison>> {
    const results = new Map<string, AssetComparison>();
    const watch = new Map<string, WatchedName>();
    for (const asset of assets) {
      const parsed = parseTableName(asset.name);
      if (parsed.ok) {
        watch.set(asset.name, { name: asset.name, schema: parsed.schema, relation: parsed.relation });
      } else {
        const location = asset.nameLocation ?? { file: basePaths[0] ?? headPaths[0] ?? '' };
        results.set(
          asset.key,
          errorComparison({
            kind: 'failed',
            ...location,
            message: `asset.name "${asset.name}" is not a table name Postgres accepts: ${parsed.message}`,
          }),
        );
      }
    }
    const valid = assets.filter((asset) => watch.has(asset.name));
    if (valid.length === 0) return results;

    const baseFiles = base.ok ? base.files : [];
    const headFiles = head.ok ? head.files : [];
    const trackFrom = sharedPrefixLength(baseFiles, headFiles);
    // A change whose own file cannot even be read fails there; only the base is replayed.
    const unreadable = headFiles.findIndex((file, index) => index >= trackFrom && file.error !== undefined);
    const replayHead = head.ok && unreadable < 0;
    const job: ReplayJob = {
      base: baseFiles,
      head: replayHead ? headFiles : baseFiles.slice(0, trackFrom),
      trackFrom,
      watch: [...watch.values()],
    };
    const outcome: ReplayOutcome =
      job.base.length === 0 && job.head.length === 0
        ? { base: { ok: true, final: EMPTY, failures: [] }, head: { ok: true, fork: EMPTY, final: EMPTY, changes: [] } }
        : await this.replayer.replay(job, replayLimits(limits));

    const baseSkipped = outcome.base.ok ? outcome.base.failures.map((failure) => failureAt(failure, baseFiles)) : [];
    // The head inherits the failures of the files it shares with the base: both commits are read without them.
    const headSkipped = outcome.base.ok
      ? outcome.base.failures.filter((failure) => failure.fileIndex < trackFrom).map((failure) => failureAt(failure, baseFiles))
      : [];
    const baseSnapshot = outcome.base.ok ? outcome.base.final : EMPTY;
    const baseError = !base.ok ? base.error : !outcome.base.ok ? failureAt(outcome.base.failure, baseFiles) : undefined;
    const headError: ExtractionError | undefined = !head.ok
      ? head.error
      : unreadable >= 0
        ? fileError(headFiles[unreadable]!)
        : !outcome.head.ok
          ? failureAt(outcome.head.failure, headFiles)
          : undefined;

    for (const asset of valid) {
      const headOutcome = outcome.head;
      const comparison: AssetComparison =
        !headError && headOutcome.ok
          ? comparisonFromReplay({
              watched: asset.name,
              base: baseSnapshot,
              fork: headOutcome.fork,
              final: headOutcome.final,
              changes: headOutcome.changes,
              locate: (tracked: TrackedChange) => statementLocation(headFiles, tracked.fileIndex, tracked.statementIndex),
              normalizeType,
            })
          : {
              base: stateOf(baseSnapshot, asset.name, normalizeType),
              head: { status: 'error', error: headError ?? unknownHeadFailure(headFiles) },
              fieldRenames: [],
              fieldRemovedAt: {},
            };
      comparison.base = readInPart(comparison.base, baseSkipped, true);
      comparison.head = readInPart(comparison.head, headSkipped, false);
      if (baseError) comparison.base = { status: 'error', error: baseError };
      const resolvedAs = looseResolution(asset.name, baseSnapshot, headOutcome.ok && !headError ? headOutcome.final : undefined);
      if (resolvedAs) comparison.resolvedAs = resolvedAs;
      results.set(asset.key, comparison);
    }
    return results;
  }

  private async load(snapshot: RepoSnapshot, paths: string[], limits: PostgresLimits): Promise<LoadedMigrations> {
    const read = await readSourceFiles(snapshot, paths, limits.maxBytes, 'postgres.maxBytes');
    if (!read.ok) return read;
    const files: MigrationFile[] = [];
    for (const { path, text } of read.files) files.push(await this.file(path, text));
    return { ok: true, files };
  }

  /** A file read, checked and split into statements; a file that cannot be replayed carries its error. */
  private async file(path: string, text: string): Promise<MigrationFile> {
    const digest = createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
    const known = this.filesByContent.get(digest);
    if (known) return known;
    let file: MigrationFile;
    const prepared = prepareMigration(text);
    if (!prepared.ok) {
      file = { path, digest, statements: [], error: { line: prepared.line, column: prepared.column, message: prepared.message } };
    } else {
      const split = await splitStatements(prepared.text);
      file = split.ok
        ? { path, digest, statements: split.statements }
        : { path, digest, statements: [], error: { line: split.line, column: split.column, message: split.message } };
    }
    this.filesByContent.set(digest, file);
    return file;
  }
}

function replayLimits(limits: PostgresLimits): ReplayLimits {
  return { statementTimeoutMs: limits.statementTimeoutSeconds * 1000, commitTimeoutMs: limits.timeoutSeconds * 1000 };
}

function sandboxFailure(file: string, error: unknown): ExtractionError {
  return { kind: 'failed', file, message: `the Postgres replay sandbox failed: ${(error as Error)?.message ?? String(error)}` };
}

function groupBySource(assets: PostgresAssetRequest[]): PostgresAssetRequest[][] {
  const groups = new Map<string, PostgresAssetRequest[]>();
  for (const asset of assets) {
    const key = JSON.stringify([asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), asset]);
  }
  return [...groups.values()];
}

function sharedPrefixLength(base: MigrationFile[], head: MigrationFile[]): number {
  let index = 0;
  while (index < base.length && index < head.length && base[index]!.digest === head[index]!.digest) index += 1;
  return index;
}

function statementLocation(files: MigrationFile[], fileIndex: number, statementIndex: number): { file: string; line: number } {
  const file = files[fileIndex]!;
  return { file: file.path, line: file.statements[statementIndex]?.line ?? 1 };
}

function fileError(file: MigrationFile): ExtractionError {
  const { line, column, message } = file.error!;
  return { kind: 'failed', file: file.path, line, ...(column ? { column } : {}), message };
}

const KINDS: Record<ReplayFailure['kind'], ExtractionError['kind']> = { failed: 'failed', timeout: 'timeout', crashed: 'crashed' };

function failureAt(failure: ReplayFailure, files: MigrationFile[]): ExtractionError {
  const file = files[failure.fileIndex] ?? files[files.length - 1];
  if (!file) return { kind: KINDS[failure.kind], file: '', message: failure.message };
  if (failure.statementIndex < 0 && file.error) return { ...fileError(file), kind: KINDS[failure.kind], message: failure.message };
  const statement = file.statements[failure.statementIndex];
  const location = { file: file.path, line: statement?.line ?? 1 };
  if (statement && failure.position) {
    const before = statement.sql.slice(0, failure.position - 1).split('\n');
    const last = before[before.length - 1] ?? '';
    return {
      kind: KINDS[failure.kind],
      file: file.path,
      line: location.line + before.length - 1,
      column: before.length === 1 ? statement.column + last.length : last.length + 1,
      message: failure.message,
    };
  }
  return { kind: KINDS[failure.kind], ...location, message: failure.message };
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

function unknownHeadFailure(files: MigrationFile[]): ExtractionError {
  return { kind: 'failed', file: files[files.length - 1]?.path ?? '', message: 'the head could not be replayed' };
}

function errorComparison(error: ExtractionError): AssetComparison {
  const state: AssetState = { status: 'error', error };
  return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {} };
}

/** The table a name resolved to only up to case, at base and head, when it did. */
function looseResolution(
  name: string,
  base: CatalogSnapshot,
  head: CatalogSnapshot | undefined,
): AssetComparison['resolvedAs'] | undefined {
  const commits: ('base' | 'head')[] = [];
  let asset: string | undefined;
  for (const [commit, snapshot] of [['base', base], ['head', head]] as const) {
    if (!snapshot?.loose?.includes(name)) continue;
    const oid = snapshot.resolved[name];
    const found = snapshot.tables.find((candidate) => candidate.oid === oid);
    if (!found) continue;
    commits.push(commit);
    asset ??= writtenTableName(found.schema, found.name);
  }
  if (!asset) return undefined;
  return {
    name,
    asset,
    commits,
    message: `No table is named ${name} as Postgres reads it (unquoted names are folded to lower case), but exactly one is up to case: ${asset}, which was judged. Write ${asset} in asset.name to say so.`,
  };
}

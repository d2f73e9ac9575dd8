import { createHash } from 'node:crypto';
import { loadModule } from 'libpg-query';
import { LRUCache } from 'lru-cache';
import type { Settings } from '../../config/schema.js';
import { sourceMatcher } from '../../contracts/select.js';
import { readSourceFiles } from '../source-files.js';
import type { ChangeSet, RepoSnapshot } from '../../review/ports.js';
import type { AssetComparison, ExtractionError } from '../model.js';
import { comparisonFromReplay, stateOf } from './comparison.js';
import { migrationPaths } from './migrations.js';
import type { CatalogSnapshot, ReplayFailure, ReplayOutcome, TrackedChange } from './replay-protocol.js';
import type { Replayer } from './replayer.js';
import { type Statement, splitStatements } from './statements.js';
import { postgresTypes } from './types.js';

export interface PostgresAssetRequest {
  /** The caller's key for the result (a contract id). */
  key: string;
  name: string;
  source: string | string[];
}

interface MigrationFile {
  path: string;
  text: string;
  statements: Statement[];
}

type LoadedMigrations = { ok: true; files: MigrationFile[] } | { ok: false; error: ExtractionError };

export type PostgresLimits = Settings['postgres'];

const EMPTY: CatalogSnapshot = { resolved: {}, tables: [] };
const normalizeType = (type: string): string => postgresTypes.normalize(type);

/**
 * Builds the base and head state of Postgres tables by replaying the migrations that define them. Assets that
 * share their sources share one replay per commit.
 */
export class PostgresExtractor {
  /** Split statements by the content they came from; bounded, as a server sees migrations without end. */
  private readonly statementsByContent = new LRUCache<string, Awaited<ReturnType<typeof splitStatements>>>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (split) => (split.ok ? Math.max(1, split.statements.reduce((bytes, statement) => bytes + statement.sql.length, 0)) : 1),
  });

  constructor(private readonly replayer: Replayer) {}

  async compare(assets: PostgresAssetRequest[], change: ChangeSet, limits: PostgresLimits): Promise<Map<string, AssetComparison>> {
    await loadModule();
    const results = new Map<string, AssetComparison>();
    for (const group of groupBySource(assets)) {
      const compared = await this.compareGroup(group, change, limits);
      for (const [key, comparison] of compared) results.set(key, comparison);
    }
    return results;
  }

  private async compareGroup(
    assets: PostgresAssetRequest[],
    change: ChangeSet,
    limits: PostgresLimits,
  ): Promise<Map<string, AssetComparison>> {
    const matches = sourceMatcher(assets[0]!.source);
    // Both commits' files are listed before any is read, so their reads go out together (one batch on GitHub).
    const [basePaths, headPaths] = await Promise.all([migrationPaths(change.base, matches), migrationPaths(change.head, matches)]);
    const [base, head] = await Promise.all([
      this.load(change.base, basePaths, limits),
      this.load(change.head, headPaths, limits),
    ]);
    const watch = [...new Set(assets.map((asset) => asset.name))];
    const replay = async (files: MigrationFile[], trackFrom: number): Promise<ReplayOutcome> =>
      files.length === 0
        ? { ok: true, fork: EMPTY, final: EMPTY, changes: [] }
        : this.replayer.run(
        { files: files.map(({ path, statements }) => ({ path, statements })), trackFrom, watch },
        limits.timeoutSeconds * 1000,
      );

    const trackFrom = base.ok && head.ok ? sharedPrefixLength(base.files, head.files) : 0;
    const headOutcome = head.ok ? await replay(head.files, trackFrom) : undefined;
    const headError = !head.ok ? head.error : headOutcome && !headOutcome.ok ? failureAt(headOutcome.failure, head.files) : undefined;

    // When the change only adds migrations, the base is the head's replay stopped where its own files begin.
    const baseIsFork = base.ok && headOutcome?.ok === true && base.files.length === trackFrom;
    const baseOutcome = base.ok && !baseIsFork ? await replay(base.files, base.files.length) : undefined;
    const baseError = !base.ok ? base.error : baseOutcome && !baseOutcome.ok ? failureAt(baseOutcome.failure, base.files) : undefined;
    const baseSnapshot = headOutcome?.ok && baseIsFork ? headOutcome.fork : baseOutcome?.ok ? baseOutcome.final : EMPTY;

    const results = new Map<string, AssetComparison>();
    for (const asset of assets) {
      const comparison: AssetComparison =
        headOutcome?.ok && head.ok
          ? comparisonFromReplay({
              watched: asset.name,
              base: baseSnapshot,
              fork: headOutcome.fork,
              final: headOutcome.final,
              changes: headOutcome.changes,
              locate: (tracked: TrackedChange) => statementLocation(head.files, tracked.fileIndex, tracked.statementIndex),
              normalizeType,
            })
          : {
              base: stateOf(baseSnapshot, asset.name, normalizeType),
              head: { status: 'error', error: headError! },
              fieldRenames: [],
              fieldRemovedAt: {},
            };
      if (baseError) comparison.base = { status: 'error', error: baseError };
      results.set(asset.key, comparison);
    }
    return results;
  }

  private async load(snapshot: RepoSnapshot, paths: string[], limits: PostgresLimits): Promise<LoadedMigrations> {
    const read = await readSourceFiles(snapshot, paths, limits.maxBytes, 'postgres.maxBytes');
    if (!read.ok) return read;
    const files: MigrationFile[] = [];
    for (const { path, text } of read.files) {
      const split = await this.split(text);
      if (!split.ok) {
        return { ok: false, error: { kind: 'failed', file: path, line: split.line, column: split.column, message: split.message } };
      }
      files.push({ path, text, statements: split.statements });
    }
    return { ok: true, files };
  }

  private async split(text: string): ReturnType<typeof splitStatements> {
    const key = createHash('sha256').update(text).digest('hex');
    const known = this.statementsByContent.get(key);
    if (known) return known;
    const split = await splitStatements(text);
    this.statementsByContent.set(key, split);
    return split;
  }
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
  while (index < base.length && index < head.length && base[index]!.path === head[index]!.path && base[index]!.text === head[index]!.text) {
    index += 1;
  }
  return index;
}

function statementLocation(files: MigrationFile[], fileIndex: number, statementIndex: number): { file: string; line: number } {
  const file = files[fileIndex]!;
  return { file: file.path, line: file.statements[statementIndex]?.line ?? 1 };
}

function failureAt(failure: ReplayFailure, files: MigrationFile[]): ExtractionError {
  const file = files[failure.fileIndex]!;
  const statement = file.statements[failure.statementIndex];
  const location = { file: file.path, line: statement?.line ?? 1 };
  if (statement && failure.position) {
    const before = statement.sql.slice(0, failure.position - 1).split('\n');
    return {
      kind: failure.kind,
      ...location,
      line: location.line + before.length - 1,
      column: (before[before.length - 1]?.length ?? 0) + 1,
      message: failure.message,
    };
  }
  return { kind: failure.kind, ...location, message: failure.message };
}

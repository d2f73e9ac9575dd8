import type { AssetComparison, AssetReading, AssetState } from '../assets/model.js';
import { memorySnapshot } from '../core/memory-snapshot.js';
import type { AssetListing } from '../assets/reader.js';
import type { Settings } from '../config/schema.js';
import type { LoadedContract } from '../contracts/load.js';
import type { AssetType, Contract } from '../contracts/schema.js';
import type { Finding, ReviewError } from '../core/review.js';
import type { ChangeSet, RepoSnapshot } from '../core/snapshot.js';
import { evaluateContracts } from './evaluate.js';
import { type Extractors, extractAssets, readerOf } from './extraction.js';
import { readContracts, readSettings } from './run.js';
import { loadSettings } from '../config/load.js';
import { SETTINGS_PATH } from '../config/schema.js';

/** One contract's asset as one commit defines it, and what that commit breaks of the contract. */
export interface ContractAtCommit {
  loaded: LoadedContract;
  asset: AssetState;
  /**
   * What the commit itself breaks of the contract (drift), what the asset cannot be judged on, and what the reading
   * could not see; empty when the asset keeps every guarantee.
   */
  findings: Finding[];
  readBy?: AssetReading;
}

/** Every contract of a commit, judged against the assets of that same commit. */
export interface Survey {
  rev: string;
  settings: Settings;
  contracts: ContractAtCommit[];
  /** Broken settings or contract files: the contracts they hold are not in `contracts`. */
  errors: ReviewError[];
}

/** A commit seen as a change that changes nothing: every asset built once, every broken guarantee drift. */
function unchanged(snapshot: RepoSnapshot): ChangeSet {
  return { target: snapshot, base: snapshot, head: snapshot, changedFiles: [] };
}

/**
 * A commit seen as the change that wrote every file of it: readers then say which statement or line last shaped each
 * field (its origin), which they only tell for what a change does.
 */
function writtenFromNothing(snapshot: RepoSnapshot, paths: string[]): ChangeSet {
  return { target: snapshot, base: memorySnapshot(`${snapshot.rev} (empty)`, {}), head: snapshot, changedFiles: paths };
}

/** The comparison of a commit with itself, from a reading of it from nothing: the same asset at both ends. */
function asUnchanged(comparison: AssetComparison): AssetComparison {
  const { assetRename: _rename, removedAt: _removed, ...kept } = comparison;
  return { ...kept, base: comparison.head, fieldRenames: [], fieldRemovedAt: {} };
}

/** Reads every contract of a commit and the asset each one names, at that commit. */
export async function surveyCommit(snapshot: RepoSnapshot, extractors: Extractors): Promise<Survey> {
  const { settings, errors: settingsErrors } = loadSettings(await snapshot.readFile(SETTINGS_PATH));
  const paths = await snapshot.listFiles();
  const { contracts, errors } = await readContracts(snapshot, paths, settings);
  const read = await extractAssets(contracts, writtenFromNothing(snapshot, paths), settings, extractors);
  const judged = read.map((input) => ({ ...input, comparison: asUnchanged(input.comparison), baseName: 'this commit' }));
  const findings = evaluateContracts(judged);
  return {
    rev: snapshot.rev,
    settings,
    errors: [...settingsErrors, ...errors],
    contracts: judged.map((input, index) => ({
      loaded: contracts[index]!,
      asset: input.comparison.head,
      findings: findings.filter((finding) => finding.contract === input.contract.id),
      ...(input.comparison.readBy ? { readBy: input.comparison.readBy } : {}),
    })),
  };
}

/** The asset one contract's `asset` section would name at a commit, before any contract names it. */
export async function readAsset(snapshot: RepoSnapshot, asset: Contract['asset'], extractors: Extractors): Promise<AssetState> {
  const reader = readerOf(asset.type, extractors);
  const key = 'asset';
  const results = await reader.compare([{ key, asset, nameLocation: { file: '(command line)' } }], unchanged(snapshot), await readSettings(snapshot));
  return results.get(key)!.comparison.head;
}

/** Every asset of one type the files matching `source` define at a commit; undefined when the type has no list. */
export async function listAssets(snapshot: RepoSnapshot, type: AssetType, source: readonly string[], extractors: Extractors): Promise<AssetListing | undefined> {
  const reader = readerOf(type, extractors);
  return reader.list?.(type, source, snapshot, await readSettings(snapshot));
}

import type { Settings } from '../config/schema.js';
import type { AssetType, Contract } from '../contracts/schema.js';
import type { ChangeSet } from '../core/snapshot.js';
import type { CompatibilityOutcome } from './events/compatibility.js';
import type { RegistryOutcome } from './events/registry-check.js';
import type { AssetComparison, AssetListing, TypeSystem } from './model.js';
import type { RepoSnapshot } from '../core/snapshot.js';

/** One contract's asset, as the review asks a reader for it. */
export interface AssetRequest {
  /** The caller's key for the result (a contract id). */
  key: string;
  asset: Contract['asset'];
  /** Where the contract names the asset: an error about the name itself points there. */
  nameLocation: { file: string; line?: number };
}

/** What the whole schema owes every consumer, beyond the fields the contract names. */
export interface SchemaGuarantees {
  compatibility?: CompatibilityOutcome;
  registry?: RegistryOutcome;
}

export interface AssetResult {
  comparison: AssetComparison;
  /** Event schemas: the whole-schema checks the contract asks for. */
  guarantees?: SchemaGuarantees;
}

/**
 * A reader of one or more asset types: builds each requested asset at the base and the head of a change, from the
 * files its contract's sources match. Every asset type the contract schema accepts has exactly one reader, and every
 * reader's assets are judged by the same review.
 */
export interface AssetReader {
  readonly assetTypes: readonly AssetType[];
  /** How the asset type spells and compares its types. */
  typesOf(type: AssetType): TypeSystem;
  compare(requests: AssetRequest[], change: ChangeSet, settings: Settings): Promise<Map<string, AssetResult>>;
  /**
   * Every asset the files matching `source` define at one commit (tables, records, messages, models), for proposing
   * contracts. A reader whose asset type has no natural list (code, where any type could be one) has no `list`.
   */
  list?(type: AssetType, source: readonly string[], snapshot: RepoSnapshot, settings: Settings): Promise<AssetListing>;
  /** Lets go of what the reader holds (a server connection, a sandbox). */
  close?(): Promise<void>;
}

export type { AssetListing } from './model.js';

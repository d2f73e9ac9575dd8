import type { AssetSchema, FieldSchema, Rename, SourceLocation } from '../assets/model.js';
import type { ContractField } from '../contracts/schema.js';
import { assetLocation, contractLocation, firstLocation, type EvaluationContext, type FindingLocation } from './context.js';
import type { AffectedConsumer } from '../core/review.js';

/** A field being judged: a contracted one, with its guarantees and consumers, or one no contract names. */
export interface FieldSubject {
  /** The name at the base commit (the contract's name for a contracted field). */
  name: string;
  contracted?: { field: ContractField; index: number };
  /** Who breaking one of its guarantees affects: none for a field no contract names. */
  consumers: AffectedConsumer[];
}

/** The field at both commits, and where the head's changes renamed or removed it. */
export interface FieldStates {
  /**
   * False when there is no base asset to compare with (it could not be built, or the change creates it): `base` is
   * then unknown, not absent, and judged as meeting the contract, so every guarantee the head breaks is the change's.
   */
  baseKnown: boolean;
  base?: FieldSchema;
  baseAsset?: AssetSchema;
  head?: FieldSchema;
  headAsset: AssetSchema;
  rename?: Rename;
  removedAt?: SourceLocation;
}

/** Where a finding on the field at head points: the statement that shaped it, else the contract's line for it. */
export function headLocation(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): FindingLocation {
  return firstLocation(states.head?.origin, fallbackLocation(ctx, subject, states.headAsset));
}

/** Where drift points: the base statement that shaped the field, else the contract's line for it. */
export function baseLocation(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): FindingLocation {
  return firstLocation(states.base?.origin, fallbackLocation(ctx, subject, states.headAsset));
}

/**
 * Without a statement to point at: the contract's line for a contracted field, else the head's table statement,
 * else (the change deleted or edited a migration, so no statement of the head shaped the table) the contract's
 * line for the asset.
 */
export function fallbackLocation(ctx: EvaluationContext, subject: FieldSubject, headAsset: AssetSchema): FindingLocation {
  if (subject.contracted) return contractLocation(ctx, ['fields', subject.contracted.index]);
  return firstLocation(headAsset.origin, assetLocation(ctx));
}

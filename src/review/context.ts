import type { AssetComparison, AssetKind, SourceLocation, TypeSystem } from '../assets/model.js';
import type { SchemaGuarantees } from '../assets/reader.js';
import type { AssetType, Contract } from '../contracts/schema.js';
import type { AffectedConsumer, Finding } from '../core/review.js';
import type { RuleId } from '../rules/catalogue.js';
import { severityOf, type Standing } from './severity.js';

export type { SchemaGuarantees } from '../assets/reader.js';

/** Finds the line of a node of the contract's YAML, by its path (`['fields', 2]`). */
export type LineOf = (path: (string | number)[]) => number | undefined;

export interface EvaluationInput {
  contract: Contract;
  /** The contract file's path, where findings point when no definition line explains them. */
  file: string;
  lineOf?: LineOf;
  comparison: AssetComparison;
  types: TypeSystem;
  /** Event schemas: the whole-schema checks the contract asks for. */
  guarantees?: SchemaGuarantees;
  /**
   * How findings name the base commit, where a guarantee was already broken: `the base commit` in the review of a
   * change (the default), `this commit` where one commit is judged on its own (the catalogue).
   */
  baseName?: string;
}

/** What judging one contract needs everywhere: the input, and the words for its asset. */
export interface EvaluationContext extends EvaluationInput {
  /** `table`, `record`, ...: how messages name the asset. */
  assetNoun: string;
  /** `column` or `field`: how messages name a field. */
  fieldNoun: string;
  /** How a message about a guarantee already broken starts: `At the base commit`. */
  atBaseWords: string;
  /** How a field that may be absent is named: a nullable column, an optional record field. */
  presence: { required: string; optional: string; isOptional: string; nowOptional: string };
}

/** A column allows NULL; a record, message or object field is optional. */
const TABLE_PRESENCE = { required: 'NOT NULL', optional: 'nullable', isOptional: 'allows NULL', nowOptional: 'now allows NULL' };
const FIELD_PRESENCE = { required: 'required', optional: 'optional', isOptional: 'is optional', nowOptional: 'is now optional' };

/** What an asset type defines when the asset itself cannot say (it is absent at both commits). */
const DEFAULT_KIND: Record<AssetType, AssetKind> = {
  postgres: 'table',
  mysql: 'table',
  sqlite: 'table',
  prisma: 'model',
  dbt: 'model',
  typescript: 'object',
  avro: 'record',
  protobuf: 'message',
  jsonschema: 'object',
};

export function contextFor(input: EvaluationInput): EvaluationContext {
  const { base, head } = input.comparison;
  const kind =
    (base.status === 'present' ? base.schema.kind : undefined) ??
    (head.status === 'present' ? head.schema.kind : undefined) ??
    DEFAULT_KIND[input.contract.asset.type];
  const isTable = kind === 'table' || kind === 'view';
  return {
    ...input,
    assetNoun: kind,
    fieldNoun: isTable ? 'column' : 'field',
    atBaseWords: `At ${input.baseName ?? 'the base commit'}`,
    presence: isTable ? TABLE_PRESENCE : FIELD_PRESENCE,
  };
}

export interface FindingLocation {
  file: string;
  line?: number;
}

/**
 * The first of the candidate locations that is known. The last candidate is always known (a line of the contract),
 * so every finding points somewhere even when no statement explains it, as when a change deletes a migration.
 */
export function firstLocation(
  ...candidates: [...(SourceLocation | FindingLocation | undefined)[], FindingLocation]
): FindingLocation {
  // Never undefined: the type makes the last candidate known.
  const found = candidates.find((candidate) => candidate !== undefined)!;
  return { file: found.file, ...(found.line === undefined ? {} : { line: found.line }) };
}

/** The contract file, at the line of `path` when the caller can tell it. */
export function contractLocation(ctx: EvaluationContext, path: (string | number)[]): FindingLocation {
  const line = ctx.lineOf?.(path);
  return line === undefined ? { file: ctx.file } : { file: ctx.file, line };
}

/** The contract's line for its asset: where findings about the asset as a whole point without a statement. */
export function assetLocation(ctx: EvaluationContext): FindingLocation {
  const line = ctx.lineOf?.(['asset', 'name']) ?? ctx.lineOf?.(['asset']);
  return line === undefined ? { file: ctx.file } : { file: ctx.file, line };
}

/** What a finding says. Its severity is no part of it: the rule's severity policy decides it from the situation. */
export interface FindingParts {
  rule: RuleId;
  standing: Standing;
  consumers: AffectedConsumer[];
  message: string;
  field?: string;
  before?: string;
  after?: string;
  location: FindingLocation;
}

export function makeFinding(ctx: EvaluationContext, parts: FindingParts): Finding {
  const { location, standing, rule, consumers, ...rest } = parts;
  const severity = severityOf(rule, { contract: ctx.contract, consumers, standing });
  const finding: Finding = { contract: ctx.contract.id, rule, severity, consumers, ...rest, ...location };
  // Optional parts stay absent rather than `undefined`, so findings compare and serialise cleanly.
  for (const key of Object.keys(finding) as (keyof Finding)[]) {
    if (finding[key] === undefined) delete finding[key];
  }
  return finding;
}

/** `table public.orders`, as messages name the asset. */
export function assetPhrase(ctx: EvaluationContext): string {
  return `${ctx.assetNoun} ${ctx.contract.asset.name}`;
}

/** `column "email" of public.users`, as messages name a field. */
export function fieldPhrase(ctx: EvaluationContext, field: string): string {
  return `${ctx.fieldNoun} "${field}" of ${ctx.contract.asset.name}`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value list for before/after columns: `pending, paid`. */
export function valueList(values: readonly string[]): string {
  return values.join(', ');
}

/** Values inside a sentence: `'pending', 'paid'`. */
export function quotedValues(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

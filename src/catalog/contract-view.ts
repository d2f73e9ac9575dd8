import type { AssetState, FieldSchema } from '../assets/model.js';
import type { Consumer, Contract, ContractField } from '../contracts/schema.js';
import { sourceMatcher } from '../core/glob-match.js';
import type { Finding } from '../core/review.js';
import { consumersOfField } from '../review/consumers.js';
import type { ContractAtCommit } from '../review/survey.js';

/** One consumer and the contract fields it relies on. */
export interface ConsumerView {
  consumer: Consumer;
  /** The names of the contract's fields it uses: all of them when its `uses` is left out. */
  fields: string[];
  usesAll: boolean;
}

/** One row of the schema beside the contract: a contracted field, an asset field no contract names, or both. */
export interface FieldRow {
  name: string;
  /** What the contract guarantees about it; absent for a field no contract names. */
  guaranteed?: ContractField;
  /** The field as the asset defines it at the commit; absent when the asset lacks it (or could not be read). */
  actual?: FieldSchema;
  /** What the commit breaks of this field's guarantees. */
  findings: Finding[];
  /** The consumers that rely on it, in the contract's order. */
  consumers: ConsumerView[];
}

/** A file that defines the asset: one matching `asset.source`, or one a field's definition points to. */
export interface SourceFile {
  path: string;
  /** The fields whose definition is in this file, with the line, where the reader knows it. */
  defines: { field: string; line: number }[];
}

/** Everything one contract's page and index row show, worked out once. */
export interface ContractView {
  id: string;
  /** The page's path in the site, relative to its root. */
  page: string;
  file: string;
  contract: Contract;
  asset: AssetState;
  readBy: ContractAtCommit['readBy'];
  consumers: ConsumerView[];
  /** The contract's fields in its order, then the asset's other fields in the asset's order. */
  rows: FieldRow[];
  sources: SourceFile[];
  /** Guarantees the commit already breaks. */
  drift: Finding[];
  /** Anything else the survey found: what could not be judged or read. */
  problems: Finding[];
}

export function contractView(surveyed: ContractAtCommit, page: string, files: readonly string[]): ContractView {
  const { contract, file } = surveyed.loaded;
  const consumers = contract.consumers.map((consumer) => consumerView(contract, consumer));
  return {
    id: contract.id,
    page,
    file,
    contract,
    asset: surveyed.asset,
    readBy: surveyed.readBy,
    consumers,
    rows: fieldRows(contract, surveyed.asset, surveyed.findings, consumers),
    sources: sourceFiles(contract, surveyed.asset, files),
    drift: surveyed.findings.filter((finding) => finding.severity === 'drift'),
    problems: surveyed.findings.filter((finding) => finding.severity !== 'drift'),
  };
}

/** Asked of the engine's own rule, one consumer at a time, so that `uses` means here what it means in a review. */
function consumerView(contract: Contract, consumer: Consumer): ConsumerView {
  const alone = { ...contract, consumers: [consumer] };
  const fields = contract.fields.map((field) => field.name).filter((name) => consumersOfField(alone, name).length > 0);
  return { consumer, fields, usesAll: consumer.uses === undefined };
}

function fieldRows(contract: Contract, asset: AssetState, findings: readonly Finding[], consumers: readonly ConsumerView[]): FieldRow[] {
  const actualFields = asset.status === 'present' ? asset.schema.fields : [];
  const actualByName = new Map(actualFields.map((field) => [field.name, field]));
  const contracted = new Set(contract.fields.map((field) => field.name));
  const row = (name: string, guaranteed: ContractField | undefined): FieldRow => ({
    name,
    ...(guaranteed ? { guaranteed } : {}),
    ...(actualByName.has(name) ? { actual: actualByName.get(name)! } : {}),
    findings: findings.filter((finding) => finding.field === name),
    consumers: consumers.filter((view) => view.fields.includes(name)),
  });
  return [
    ...contract.fields.map((field) => row(field.name, field)),
    ...actualFields.filter((field) => !contracted.has(field.name)).map((field) => row(field.name, undefined)),
  ];
}

/**
 * The files that define the asset: where readers say which file shaped each field (a migration, a schema line), those
 * files; otherwise every file the contract's sources match. A migration folder's other tables are not this asset's.
 */
function sourceFiles(contract: Contract, asset: AssetState, files: readonly string[]): SourceFile[] {
  const defines = new Map<string, SourceFile['defines']>();
  const schema = asset.status === 'present' ? asset.schema : undefined;
  if (schema?.origin) defines.set(schema.origin.file, []);
  for (const field of schema?.fields ?? []) {
    if (!field.origin) continue;
    const list = defines.get(field.origin.file) ?? [];
    list.push({ field: field.name, line: field.origin.line });
    defines.set(field.origin.file, list);
  }
  if (defines.size === 0) for (const path of files.filter(sourceMatcher(contract.asset.source))) defines.set(path, []);
  return [...defines].map(([path, fields]) => ({ path, defines: fields })).sort((a, b) => naturalOrder(a.path, b.path));
}

/** Numbers compare as numbers (V10__ after V9__, as migrations run); one fixed locale, not the machine's. */
export const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

import type { AssetComparison, AssetSchema, AssetState, FieldSchema, Rename, SourceLocation } from '../../src/assets/model.js';
import { postgresTypes } from '../../src/assets/postgres/types.js';
import { contractSchema, type Contract } from '../../src/contracts/schema.js';
import { evaluateContract } from '../../src/review/evaluate.js';
import type { Finding } from '../../src/core/review.js';

export const CONTRACT_FILE = 'contracts/orders.yaml';

/** A field as the extractor reports it: nullable, no keys, unless told otherwise. */
export function field(name: string, type: string, details: Partial<FieldSchema> = {}): FieldSchema {
  return { name, type, nullable: true, primaryKey: false, unique: false, ...details };
}

export function table(...fields: FieldSchema[]): AssetState {
  const schema: AssetSchema = { name: 'public.orders', kind: 'table', fields };
  return { status: 'present', schema };
}

/** A table whose last shaping statement is known, as the head's replay tells it. */
export function tableShapedAt(origin: SourceLocation, ...fields: FieldSchema[]): AssetState {
  return { status: 'present', schema: { name: 'public.orders', kind: 'table', fields, origin } };
}

export const absent: AssetState = { status: 'absent' };

export function comparison(base: AssetState, head: AssetState, extra: Partial<AssetComparison> = {}): AssetComparison {
  return { base, head, fieldRenames: [], fieldRemovedAt: {}, ...extra };
}

export function renamed(from: string, to: string, origin?: SourceLocation): Rename {
  return origin ? { from, to, origin } : { from, to };
}

const FINANCE = { name: 'Finance dashboards', contact: '@acme/analytics', enforcement: 'blocking' } as const;
const CHURN = { name: 'Churn model', contact: '@jane', channel: '#churn', enforcement: 'advisory' } as const;

/** A contract for public.orders; by default one blocking consumer that uses every field. */
export function contract(fields: unknown[], overrides: Record<string, unknown> = {}): Contract {
  return contractSchema.parse({
    id: 'orders',
    asset: { type: 'postgres', name: 'public.orders', source: 'db/migrations/*.sql' },
    fields,
    consumers: [FINANCE],
    ...overrides,
  });
}

export const consumers = {
  finance: FINANCE,
  churn: CHURN,
};

/** The contract's lines: `asset` on line 4, field i on line 10 + 3i. */
export function lineOf(path: (string | number)[]): number | undefined {
  if (path[0] === 'asset') return 4;
  if (path[0] === 'fields' && typeof path[1] === 'number') return 10 + 3 * path[1];
  return undefined;
}

export function evaluate(subject: Contract, compared: AssetComparison): Finding[] {
  return evaluateContract({ contract: subject, file: CONTRACT_FILE, lineOf, comparison: compared, types: postgresTypes });
}

/** `rule severity field` per finding: compact enough to compare whole results at a glance. */
export function summary(findings: Finding[]): string[] {
  return findings.map((finding) => [finding.rule, finding.severity, finding.field].filter(Boolean).join(' '));
}

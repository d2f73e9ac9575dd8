import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import { dbtReader } from '../../../src/assets/dbt/reader.js';
import { eventSchemaExtractor } from '../../../src/assets/event-formats.js';
import { eventsReader } from '../../../src/assets/event-reader.js';
import type { AssetComparison } from '../../../src/assets/model.js';
import { settingsSchema } from '../../../src/config/schema.js';
import type { Finding, Review } from '../../../src/core/review.js';
import { reviewChange } from '../../../src/review/run.js';

export const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/** The readers end-to-end tests review with: dbt, and the event schemas (which need no Postgres) beside it. */
export const readers = [dbtReader(), eventsReader(eventSchemaExtractor())];

/**
 * A contract file for a dbt model: `asset.name` on line 4, `asset.source` on line 5, then `fields:` (YAML lines)
 * from line 7 and the Finance consumer.
 */
export function dbtContract(id: string, model: string, fields: string, source = 'models/**'): FileMap {
  return { [`contracts/${id}.yaml`]: `id: ${id}\nasset:\n  type: dbt\n  name: ${model}\n  source: "${source}"\nfields:\n${fields}${FINANCE}` };
}

export async function review(base: FileMap, head: FileMap): Promise<Review> {
  return reviewChange(memoryChange(base, head), readers);
}

/** `rule severity file:line`, the parts of a finding the tests pin down. */
export function brief(findings: Finding[]): string[] {
  return findings.map(({ rule, severity, file, line }) => `${rule} ${severity} ${file}:${line}`);
}

const SETTINGS = settingsSchema.parse({});

/** The dbt reader's comparison for one contract on `model`, its sources under models/. */
export async function compareDbt(base: FileMap, head: FileMap, model: string, source: string | string[] = 'models/**'): Promise<AssetComparison> {
  const request = { key: 'c', asset: { type: 'dbt' as const, name: model, source }, nameLocation: { file: 'contracts/c.yaml', line: 4 } };
  const results = await dbtReader().compare([request], memoryChange(base, head), SETTINGS);
  return results.get('c')!.comparison;
}

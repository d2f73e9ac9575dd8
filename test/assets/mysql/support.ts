import { readdirSync, readFileSync } from 'node:fs';
import { afterAll } from '@jest/globals';
import { mysqlReader } from '../../../src/assets/mysql/reader.js';
import type { AssetComparison, AssetState } from '../../../src/assets/model.js';
import { settingsSchema, type Settings } from '../../../src/config/schema.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import type { Review } from '../../../src/core/review.js';
import { reviewChange } from '../../../src/review/run.js';

/** The MariaDB (or MySQL) server the exact way is tested against; without it only the parsed way is tested. */
export const SERVER_URL = process.env.DCR_TEST_MARIADB_URL || undefined;

export type Reader = ReturnType<typeof mysqlReader>;
export interface Way {
  name: 'parsed' | 'exact';
  reader: Reader;
}

/** Both ways of reading migrations (the exact one when a server is given), closed after the test file. */
export function ways(): Way[] {
  const all: Way[] = [{ name: 'parsed', reader: mysqlReader() }];
  if (SERVER_URL) all.push({ name: 'exact', reader: mysqlReader({ serverUrl: SERVER_URL }) });
  afterAll(async () => {
    for (const way of all) await way.reader.close?.();
  });
  return all;
}

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** The migrations of a fixture folder, as `db/migrations/<file>`. */
export function migrationsOf(folder: string): FileMap {
  const directory = new URL(`${folder}/`, FIXTURES);
  return Object.fromEntries(
    readdirSync(directory)
      .sort()
      .map((file) => [`db/migrations/${file}`, readFileSync(new URL(file, directory), 'utf8')]),
  );
}

const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/** The orders contract: every column of fixtures/base, with the guarantees the change fixtures break. */
export const ORDERS_CONTRACT = `id: orders
asset:
  type: mysql
  name: orders
  source: db/migrations/*.sql
fields:
  - name: id
    type: bigint
    primaryKey: true
  - name: customer_email
    type: varchar(64)
    required: true
    unique: true
  - name: status
    type: string
    required: true
    enum: [new, paid, shipped]
  - name: amount
    type: decimal(12,2)
    required: true
  - name: quantity
    type: integer
  - name: note
    type: string
${FINANCE}`;

export function contractFile(id: string, table: string, fields: string, source = 'db/migrations/*.sql'): string {
  return `id: ${id}\nasset:\n  type: mysql\n  name: ${table}\n  source: ${source}\nfields:\n${fields}${FINANCE}`;
}

export function settings(mysql?: { statementTimeoutSeconds?: number; timeoutSeconds?: number; maxBytes?: number }): Settings {
  const defaults = settingsSchema.parse({});
  return mysql ? ({ ...defaults, mysql: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024, ...mysql } } as Settings) : defaults;
}

/** One table's comparison, read by one way, from migrations under `db/migrations/`. */
export async function compare(reader: Reader, base: FileMap, head: FileMap, name = 'orders', limits?: Parameters<typeof settings>[0]): Promise<AssetComparison> {
  const request = { key: 'asset', asset: { type: 'mysql' as const, name, source: 'db/migrations/*.sql' }, nameLocation: { file: 'contracts/orders.yaml', line: 4 } };
  const results = await reader.compare([request], memoryChange(base, head), settings(limits));
  return results.get('asset')!.comparison as AssetComparison;
}

export function review(reader: Reader, base: FileMap, head: FileMap): Promise<Review> {
  return reviewChange(memoryChange(base, head), [reader]);
}

/** Findings as `rule severity file:line`, the way the tests compare them. */
export function findingsOf(result: Review): string[] {
  return result.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.file}:${finding.line ?? '-'}`);
}

/** Whether the parsed way claims to know this state exactly: built, and nothing left unfolded. */
export function claimed(state: AssetState): boolean {
  if (state.status === 'error') return !/without a server/.test(state.error.message);
  return !('approximations' in state);
}

/** What both ways must agree on: the states without where each field came from, the renames and removals. */
export function agreed(comparison: AssetComparison): unknown {
  const state = (read: AssetState) => {
    if (read.status === 'present') {
      return { status: 'present', fields: read.schema.fields.map(({ origin: _origin, ...field }) => field), skipped: (read.skipped ?? []).map(({ file, line }) => `${file}:${line}`) };
    }
    return read.status === 'error' ? { status: 'error', at: `${read.error.file}:${read.error.line}` } : { status: read.status };
  };
  return {
    base: state(comparison.base),
    head: state(comparison.head),
    assetRename: comparison.assetRename && { from: comparison.assetRename.from, to: comparison.assetRename.to, line: comparison.assetRename.origin?.line },
    fieldRenames: comparison.fieldRenames.map(({ from, to, origin }) => ({ from, to, line: origin?.line })),
    removedAt: comparison.removedAt?.line,
    fieldRemovedAt: Object.fromEntries(Object.entries(comparison.fieldRemovedAt).map(([field, at]) => [field, at.line])),
  };
}

import { sqliteReader } from '../../../src/assets/sqlite/reader.js';
import { SqliteReplayer, type SqliteReplayerOptions } from '../../../src/assets/sqlite/replayer.js';
import type { AssetComparison } from '../../../src/assets/model.js';
import { settingsSchema } from '../../../src/config/schema.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import type { Finding, Review } from '../../../src/core/review.js';
import { reviewChange } from '../../../src/review/run.js';
import { testExtractors, UNBOUNDED_PROCESS_MEMORY } from '../../support/extractors.js';
import { testReplayer } from '../../support/replayer.js';

/** The worker runs as compiled JavaScript: `npm test` builds first (the `pretest` script). */
export const COMPILED_SQLITE_WORKER = new URL('../../../lib/assets/sqlite/replay-worker.js', import.meta.url);

export function testSqliteReplayer(options: SqliteReplayerOptions = {}): SqliteReplayer {
  return new SqliteReplayer({ workerUrl: COMPILED_SQLITE_WORKER, maxResidentBytes: UNBOUNDED_PROCESS_MEMORY, ...options });
}

export const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/**
 * A contract file for a SQLite table: `asset.name` on line 4, `asset.source` on line 5, then `fields:` (YAML lines)
 * from line 7 and the Finance consumer.
 */
export function sqliteContract(id: string, table: string, fields: string, source = 'migrations/*.sql'): FileMap {
  return { [`contracts/${id}.yaml`]: `id: ${id}\nasset:\n  type: sqlite\n  name: ${table}\n  source: "${source}"\nfields:\n${fields}${FINANCE}` };
}

/**
 * Reviews with every reader the engine builds, and the SQLite reader first (the review takes the first reader of a
 * type). Returns the review and a way to release the replayers.
 */
export function reviewer(options: SqliteReplayerOptions = {}): { review(base: FileMap, head: FileMap): Promise<Review>; replayer: SqliteReplayer; close(): Promise<void> } {
  const replayer = testSqliteReplayer(options);
  const postgres = testReplayer();
  const readers = [sqliteReader(replayer), ...testExtractors(postgres)];
  return {
    replayer,
    review: (base, head) => reviewChange(memoryChange(base, head), readers),
    close: async () => {
      await Promise.all([replayer.close(), postgres.close()]);
    },
  };
}

/** `rule severity file:line`, the parts of a finding the tests pin down. */
export function brief(findings: Finding[]): string[] {
  return findings.map(({ rule, severity, file, line }) => `${rule} ${severity} ${file}:${line}`);
}

export const SETTINGS = settingsSchema.parse({});

/** The SQLite reader's comparison for one contract on `table`, its migrations under migrations/. */
export async function compareSqlite(
  replayer: SqliteReplayer,
  base: FileMap,
  head: FileMap,
  table: string,
  settings = SETTINGS,
): Promise<AssetComparison> {
  const request = { key: 'c', asset: { type: 'sqlite' as const, name: table, source: 'migrations/**/*.sql' }, nameLocation: { file: 'contracts/c.yaml', line: 4 } };
  const results = await sqliteReader(replayer).compare([request], memoryChange(base, head), settings);
  return results.get('c')!.comparison;
}

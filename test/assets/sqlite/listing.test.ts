import { afterAll, describe, expect, it } from '@jest/globals';
import { sqliteReader } from '../../../src/assets/sqlite/reader.js';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { expectEachReadsBack, listed } from '../listing.js';
import { testSqliteReplayer } from './support.js';

const replayer = testSqliteReplayer();
const extractors = [sqliteReader(replayer)];
afterAll(() => replayer.close());

const SOURCE = 'migrations/*.sql';

const MIGRATIONS = {
  'migrations/0001_orders.sql': [
    'CREATE TABLE orders (',
    '  id INTEGER PRIMARY KEY AUTOINCREMENT,',
    '  email VARCHAR(64) NOT NULL UNIQUE,',
    "  status TEXT DEFAULT 'new' CHECK (status IN ('new', 'paid'))",
    ');',
    'CREATE TABLE "order items" (order_id INT NOT NULL REFERENCES orders, sku TEXT NOT NULL, PRIMARY KEY (order_id, sku)) WITHOUT ROWID;',
    'CREATE VIEW paid_orders AS SELECT id, email FROM orders WHERE status = \'paid\';',
  ].join('\n'),
  'migrations/0002_search.sql': [
    'CREATE VIRTUAL TABLE notes USING fts4(body);',
    'CREATE TEMP TABLE scratch (id INT);',
    'ANALYZE;',
  ].join('\n'),
};

describe('listing the SQLite tables of a commit', () => {
  it('lists every table, view and virtual table, each named so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', MIGRATIONS);
    const listing = await listed(extractors, snapshot, 'sqlite', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`)).toEqual([
      'notes table',
      '"order items" table',
      'orders table',
      'paid_orders view',
    ]);
    expect(listing.assets.find((asset) => asset.name === 'orders')?.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual([
      'id INTEGER false',
      'email VARCHAR(64) false',
      'status TEXT true',
    ]);
    const replayed = replayer.filesReplayed;
    expect(replayed).toBeGreaterThan(0);
    await expectEachReadsBack(extractors, snapshot, 'sqlite', SOURCE, listing);
    // Reading them back continues from the image the listing's replay left: no migration is applied again.
    expect(replayer.filesReplayed).toBe(replayed);
  });

  it('reports a statement SQLite refuses where a review reports it, and lists the rest', async () => {
    const snapshot = memorySnapshot('c1', {
      ...MIGRATIONS,
      'migrations/0003_refunds.sql': 'CREATE TABLE refunds (id INTEGER PRIMARY KEY);\n\nALTER TABLE nowhere ADD COLUMN x INT;\n',
    });
    const listing = await listed(extractors, snapshot, 'sqlite', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: 'migrations/0003_refunds.sql', line: 3 })]);
    expect(listing.errors[0]?.message).toMatch(/nowhere/);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['notes', '"order items"', 'orders', 'paid_orders', 'refunds']);
    await expectEachReadsBack(extractors, snapshot, 'sqlite', SOURCE, listing);
  });

  it('reports a view SQLite cannot read back, as a contract naming it would be told', async () => {
    const snapshot = memorySnapshot('c1', {
      'migrations/0001.sql': 'CREATE TABLE orders (id INT);\nCREATE TABLE gone (id INT);\nCREATE VIEW stale AS SELECT id FROM gone;\nDROP TABLE gone;\n',
    });
    const listing = await listed(extractors, snapshot, 'sqlite', SOURCE);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['orders']);
    expect(listing.errors).toEqual([expect.objectContaining({ file: 'migrations/0001.sql', message: expect.stringMatching(/stale/) })]);
  });

  it('stops a statement at the time limit a review keeps to, reports it, and lists the rest', async () => {
    const snapshot = memorySnapshot('c1', {
      'migrations/0001.sql': 'CREATE TABLE orders (id INT);\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT max(n) FROM c;\nCREATE TABLE refunds (id INT);\n',
      '.github/data-contracts.yml': 'sqlite:\n  statementTimeoutSeconds: 0.5\n',
    });
    const listing = await listed(extractors, snapshot, 'sqlite', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'timeout', file: 'migrations/0001.sql', line: 2 })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['orders', 'refunds']);
  });

  it('lists nothing, and no error, where no migration matches', async () => {
    expect(await listed(extractors, memorySnapshot('c1', { 'README.md': '# shop\n' }), 'sqlite', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, '.github/data-contracts.yml': 'sqlite:\n  maxBytes: 100\n' });
    const listing = await listed(extractors, snapshot, 'sqlite', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit', file: 'migrations/0001_orders.sql' })]);
  });
});

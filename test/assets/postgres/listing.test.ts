import { afterAll, describe, expect, it } from '@jest/globals';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { testExtractors } from '../../support/extractors.js';
import { testReplayer } from '../../support/replayer.js';
import { expectEachReadsBack, listed } from '../listing.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(async () => {
  await replayer.close();
  await Promise.all(extractors.map((reader) => reader.close?.()));
});

const SOURCE = 'db/**/*.sql';

const MIGRATIONS = {
  'db/V1__orders.sql': [
    "CREATE TYPE order_status AS ENUM ('pending', 'paid');",
    'CREATE TABLE orders (',
    '  id bigint PRIMARY KEY,',
    '  reference varchar(64) NOT NULL UNIQUE,',
    "  status order_status NOT NULL DEFAULT 'pending',",
    "  channel text CHECK (channel IN ('web', 'shop')),",
    '  amount numeric(12,2)',
    ');',
    'CREATE VIEW order_totals AS SELECT status, sum(amount) AS total FROM orders GROUP BY status;',
  ].join('\n'),
  'db/V2__shop.sql': [
    'CREATE SCHEMA shop;',
    'CREATE TABLE shop."Line Items" (order_id bigint REFERENCES orders, sku text NOT NULL, PRIMARY KEY (order_id, sku));',
    'CREATE TABLE shop.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);',
    "CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
    'CREATE MATERIALIZED VIEW shop.daily AS SELECT at, count(*) AS events FROM shop.events GROUP BY at;',
  ].join('\n'),
};

describe('listing the Postgres tables of a commit', () => {
  it('lists every table and view of the migrations\' schemas, each named so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', MIGRATIONS);
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`)).toEqual([
      'public.order_totals view',
      'public.orders table',
      'shop."Line Items" table',
      'shop.daily view',
      'shop.events table',
    ]);
    expect(listing.assets.find((asset) => asset.name === 'public.orders')?.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual([
      'id int8 false',
      'reference varchar(64) false',
      'status order_status false',
      'channel text true',
      'amount numeric(12,2) true',
    ]);
    const replayed = replayer.filesReplayed;
    expect(replayed).toBeGreaterThan(0);
    await expectEachReadsBack(extractors, snapshot, 'postgres', SOURCE, listing);
    // Reading them back continues from the listing's replay: no migration is applied again.
    expect(replayer.filesReplayed).toBe(replayed);
  });

  it('leaves out temporary tables and what an extension owns', async () => {
    const snapshot = memorySnapshot('c1', {
      'db/V1.sql': [
        'CREATE TABLE kept (id int);',
        'CREATE TEMPORARY TABLE scratch (id int);',
        'CREATE EXTENSION hstore;',
        'CREATE TABLE hstore_lookup (key text);',
        'ALTER EXTENSION hstore ADD TABLE hstore_lookup;',
      ].join('\n'),
    });
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['public.kept']);
  });

  it('reports a statement Postgres refuses where a review reports it, and lists the rest', async () => {
    const snapshot = memorySnapshot('c1', {
      ...MIGRATIONS,
      'db/V3__broken.sql': 'CREATE TABLE refunds (id bigint PRIMARY KEY);\n\nALTER TABLE nowhere ADD COLUMN x int;\n',
    });
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: 'db/V3__broken.sql', line: 3 })]);
    expect(listing.errors[0]?.message).toMatch(/nowhere/);
    expect(listing.assets.map((asset) => asset.name)).toContain('public.refunds');
    expect(listing.assets.map((asset) => asset.name)).toContain('public.orders');
    await expectEachReadsBack(extractors, snapshot, 'postgres', SOURCE, listing);
  });

  it('reports a file that is not SQL, and lists what the others define', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, 'db/V3__broken.sql': 'CREATE TABEL refunds (id int);\n' });
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.errors.map((error) => `${error.file}:${error.line}`)).toEqual(['db/V3__broken.sql:1']);
    expect(listing.assets.map((asset) => asset.name)).toContain('public.orders');
  });

  it('stops a statement at the time limit a review keeps to, reports it, and lists the rest', async () => {
    const snapshot = memorySnapshot('c1', {
      'db/V1.sql': 'CREATE TABLE orders (id int);\nSELECT pg_sleep(30);\nCREATE TABLE refunds (id int);\n',
      '.github/data-contracts.yml': 'postgres:\n  statementTimeoutSeconds: 1\n',
    });
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'timeout', file: 'db/V1.sql', line: 2 })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['public.orders', 'public.refunds']);
  });

  it('lists nothing, and no error, where no migration matches', async () => {
    expect(await listed(extractors, memorySnapshot('c1', { 'README.md': '# shop\n' }), 'postgres', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, '.github/data-contracts.yml': 'postgres:\n  maxBytes: 100\n' });
    const listing = await listed(extractors, snapshot, 'postgres', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit', file: 'db/V1__orders.sql' })]);
  });
});

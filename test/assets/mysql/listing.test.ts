import { describe, expect, it } from '@jest/globals';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { expectEachReadsBack, listed } from '../listing.js';
import { SERVER_URL, ways } from './support.js';

const SOURCE = 'db/migrations/*.sql';

const MIGRATIONS = {
  'db/migrations/V1__orders.sql': [
    'CREATE TABLE orders (',
    '  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,',
    '  customer_email VARCHAR(64) NOT NULL,',
    "  status ENUM('new', 'paid') NOT NULL DEFAULT 'new',",
    '  note TEXT,',
    '  UNIQUE KEY orders_email (customer_email)',
    ');',
    'CREATE TABLE `order.items` (order_id BIGINT UNSIGNED NOT NULL, sku VARCHAR(32) NOT NULL, PRIMARY KEY (order_id, sku));',
    'CREATE TEMPORARY TABLE scratch (id INT);',
  ].join('\n'),
  'db/migrations/V2__refunds.sql': 'CREATE TABLE refunds (id INT PRIMARY KEY, order_id BIGINT UNSIGNED NOT NULL);\n',
};

describe.each(ways())('listing the MySQL tables of a commit, the $name way', ({ name: way, reader }) => {
  const readers = [reader];

  it('lists every table, each named so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', MIGRATIONS);
    const listing = await listed(readers, snapshot, 'mysql', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`)).toEqual(['`order.items` table', 'orders table', 'refunds table']);
    expect(listing.assets.find((asset) => asset.name === 'orders')?.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual([
      'id bigint unsigned false',
      'customer_email varchar(64) false',
      'status enum false',
      'note text true',
    ]);
    await expectEachReadsBack(readers, snapshot, 'mysql', SOURCE, listing);
  });

  it('reports a statement that fails where a review reports it, and lists the rest', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, 'db/migrations/V3__broken.sql': '-- broken\nALTER TABLE nowhere ADD COLUMN x INT;\n' });
    const listing = await listed(readers, snapshot, 'mysql', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: 'db/migrations/V3__broken.sql', line: 2 })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['`order.items`', 'orders', 'refunds']);
    await expectEachReadsBack(readers, snapshot, 'mysql', SOURCE, listing);
  });

  it(way === 'parsed' ? 'reports a view, whose columns the parser cannot tell' : 'lists a view', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, 'db/migrations/V3__view.sql': 'CREATE VIEW paid AS SELECT id, customer_email FROM orders;\n' });
    const listing = await listed(readers, snapshot, 'mysql', SOURCE);
    if (way === 'parsed') {
      expect(listing.assets.map((asset) => asset.name)).toEqual(['`order.items`', 'orders', 'refunds']);
      expect(listing.errors).toEqual([expect.objectContaining({ file: 'db/migrations/V3__view.sql', line: 1 })]);
    } else {
      expect(listing.errors).toEqual([]);
      expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`)).toContain('paid view');
      await expectEachReadsBack(readers, snapshot, 'mysql', SOURCE, listing);
    }
  });

  it('lists nothing, and no error, where no migration matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'README.md': '# shop\n' }), 'mysql', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { ...MIGRATIONS, '.github/data-contracts.yml': 'mysql:\n  maxBytes: 100\n' });
    const listing = await listed(readers, snapshot, 'mysql', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit', file: 'db/migrations/V1__orders.sql' })]);
  });
});

(SERVER_URL ? describe : describe.skip)('listing on the server DCR_TEST_MARIADB_URL names', () => {
  const exact = ways()[1]!;

  it('leaves out MariaDB\'s sequences, and stops a statement at the time limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', {
      'db/migrations/V1.sql': 'CREATE TABLE orders (id INT PRIMARY KEY);\nCREATE SEQUENCE order_numbers;\nSELECT SLEEP(30);\nCREATE TABLE refunds (id INT);\n',
      '.github/data-contracts.yml': 'mysql:\n  statementTimeoutSeconds: 1\n',
    });
    const listing = await listed([exact.reader], snapshot, 'mysql', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'timeout', file: 'db/migrations/V1.sql', line: 3 })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['orders', 'refunds']);
  });
});

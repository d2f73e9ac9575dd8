import { describe, expect, it } from '@jest/globals';
import type { AssetState } from '../../../src/assets/model.js';
import { compare, contractFile, findingsOf, review, ways } from './support.js';

const WAYS = ways();
const ORDERS = { 'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(10));' };
const CUSTOMERS = { 'other/migrations/V1__customers.sql': 'CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(64));' };
const CONTRACTS = {
  'contracts/orders.yaml': contractFile('orders', 'orders', '  - name: id\n  - name: note\n'),
  'contracts/customers.yaml': contractFile('customers', 'customers', '  - name: email\n', 'other/migrations/*.sql'),
};
const BASE = { ...CONTRACTS, ...ORDERS, ...CUSTOMERS };
/** A change the customers contract must still be judged on, whatever the orders migrations do. */
const CUSTOMERS_CHANGE = { 'other/migrations/V2__drop_email.sql': 'ALTER TABLE customers DROP COLUMN email;' };

/** Broken migrations of the orders table, each an error at the file and line where it breaks, read either way. */
const BROKEN: [string, string, number][] = [
  ['a string that is never closed', "-- notes\nALTER TABLE orders ADD COLUMN total INT;\nUPDATE orders SET note = 'never closed;\n", 3],
  ['a comment that is never closed', 'ALTER TABLE orders ADD COLUMN total INT;\n/* never\nclosed', 2],
  ['no MySQL statement at all', '-- a typo\nALTR TABLE orders DROP COLUMN note;\n', 2],
  ['a NUL byte', '-- binary junk\nALTER TABLE orders ADD COLUMN x INT;\u0000\n', 2],
  ['bytes that were not UTF-8', '-- latin-1 text\nALTER TABLE orders ADD COLUMN caf\uFFFD INT;\n', 2],
  ['a CREATE TABLE MySQL does not accept', '-- a new table\n\nCREATE TABLE orders_archive (id INT,, note TEXT);\nRENAME TABLE orders TO orders_old, orders_archive TO orders;\n', 3],
];

describe.each(WAYS)('broken migrations, read the $name way', ({ reader }) => {
  it.each(BROKEN)('%s: an error at its line, and every other contract still judged', async (_what, sql, line) => {
    const result = await review(reader, BASE, { ...BASE, 'db/migrations/V2__broken.sql': sql, ...CUSTOMERS_CHANGE });
    expect(findingsOf(result).sort()).toEqual(['field-removed blocking other/migrations/V2__drop_email.sql:1', `migration-failed error db/migrations/V2__broken.sql:${line}`]);
    expect(result.conclusion).toBe('failure');
  });

  it('a file past the size limit: an error at that file, before anything is replayed', async () => {
    const head = { ...ORDERS, 'db/migrations/V2__big.sql': `INSERT INTO orders VALUES ${Array.from({ length: 200 }, (_, index) => `(${index + 1}, 'x')`).join(', ')};` };
    const comparison = await compare(reader, ORDERS, head, 'orders', { maxBytes: 1000 });
    expect(comparison.head).toEqual({ status: 'error', error: expect.objectContaining({ kind: 'limit', file: 'db/migrations/V2__big.sql', message: expect.stringContaining('mysql.maxBytes') }) });
  });

  it('many statements: read in bounded time', async () => {
    const inserts = Array.from({ length: 5000 }, (_, index) => `INSERT INTO orders VALUES (${index + 1}, 'n${index}');`).join('\n');
    const started = Date.now();
    const comparison = await compare(reader, ORDERS, { ...ORDERS, 'db/migrations/V2__rows.sql': inserts });
    expect(comparison.head.status).toBe('present');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a statement of megabytes: read in bounded time', async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => `(${index + 1}, 'row')`).join(',');
    const started = Date.now();
    const comparison = await compare(reader, ORDERS, { ...ORDERS, 'db/migrations/V2__rows.sql': `INSERT INTO orders (id, note) VALUES ${rows};` });
    expect(comparison.head.status).toBe('present');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an asset.name that names another database: an error at the contract\'s asset.name line', async () => {
    const contracts = { 'contracts/orders.yaml': contractFile('orders', 'shop.orders', '  - name: id\n') };
    const result = await review(reader, { ...contracts, ...ORDERS }, { ...contracts, ...ORDERS, 'db/migrations/V2__x.sql': 'SELECT 1;' });
    expect(findingsOf(result)).toEqual(['migration-failed error contracts/orders.yaml:4']);
    expect(result.findings[0]?.message).toContain('write the bare table name');
  });
});

describe('an expression nested thousands deep', () => {
  const deep = `ALTER TABLE orders ADD COLUMN deep INT DEFAULT (${'('.repeat(3000)}1${')'.repeat(3000)});`;
  const head = { ...ORDERS, 'db/migrations/V2__deep.sql': `-- deep\n${deep}\n` };

  it('leaves the parsed way approximate at its line, without crashing', async () => {
    const comparison = await compare(WAYS[0]!.reader, ORDERS, head);
    const state = comparison.head as AssetState;
    expect(state.status === 'present' && state.approximations ? state.approximations.map(({ line, message }) => [line, message.includes('nested too deeply')]) : state).toEqual([[2, true]]);
  });
});

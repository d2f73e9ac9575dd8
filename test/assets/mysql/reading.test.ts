import { describe, expect, it } from '@jest/globals';
import { mysqlReader } from '../../../src/assets/mysql/reader.js';
import type { AssetState } from '../../../src/assets/model.js';
import { compare, contractFile, review, SERVER_URL, ways } from './support.js';

const [parsed, exact] = ways();
const ORDERS = { 'db/migrations/V1__orders.sql': "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(10), status ENUM('a','b') DEFAULT 'a');" };

function approximations(state: AssetState): string[] {
  return state.status === 'present' && state.approximations ? state.approximations.map(({ file, line }) => `${file}:${line}`) : [];
}

function fieldNames(state: AssetState): string[] | string {
  return state.status === 'present' ? state.schema.fields.map((field) => field.name) : state.status;
}

describe('which way a table was read', () => {
  it('is told on every comparison: parsed without a server', async () => {
    expect((await compare(parsed!.reader, ORDERS, ORDERS)).readBy).toEqual({ method: 'parsed', by: 'node-sql-parser (no server)', exactly: 'set DCR_MYSQL_URL to replay the migrations exactly' });
  });

  it('is said on the check, with the contracts it concerns', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'orders', '  - name: note\n') };
    const result = await review(parsed!.reader, { ...contract, ...ORDERS }, { ...contract, ...ORDERS, 'db/migrations/V2__x.sql': 'ALTER TABLE orders ADD COLUMN c INT;' });
    expect(result.notes).toEqual([
      'Migrations of orders were read without a database server, by node-sql-parser (no server): statements it cannot fold are named (asset-read-approximately). Set DCR_MYSQL_URL to replay the migrations exactly.',
    ]);
  });

  (SERVER_URL ? it : it.skip)('is said on the check when the server replayed them', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'orders', '  - name: note\n') };
    const result = await review(exact!.reader, { ...contract, ...ORDERS }, { ...contract, ...ORDERS, 'db/migrations/V2__x.sql': 'ALTER TABLE orders ADD COLUMN c INT;' });
    expect(result.notes).toEqual([expect.stringMatching(/^Migrations of orders were replayed in (MariaDB|MySQL) \d+\.\d+\.\d+\.$/)]);
  });

  (SERVER_URL ? it : it.skip)('is told on every comparison: exact, with the server\'s version', async () => {
    expect((await compare(exact!.reader, ORDERS, ORDERS)).readBy).toEqual({ method: 'exact', by: expect.stringMatching(/^(MariaDB|MySQL) \d+\.\d+\.\d+$/) });
  });
});

describe('statements the parsed way cannot fold', () => {
  it.each([
    ['ALTER TABLE orders CONVERT TO CHARACTER SET latin1;', ['db/migrations/V2__x.sql:2']],
    ['ALTER TABLE orders PARTITION BY HASH (id) PARTITIONS 2;', ['db/migrations/V2__x.sql:2']],
    ['ALTER DATABASE CHARACTER SET latin1;', ['db/migrations/V2__x.sql:2']],
    ['CALL somewhere_else();', ['db/migrations/V2__x.sql:2']],
    ['ALTER TABLE customers CONVERT TO CHARACTER SET latin1;', []],
  ])('leave the table approximate, at their line: %s', async (statement, expected) => {
    const head = { ...ORDERS, 'db/migrations/V2__x.sql': `-- a change\n${statement}\n` };
    const comparison = await compare(parsed!.reader, ORDERS, head);
    expect(approximations(comparison.head)).toEqual(expected);
    expect(approximations(comparison.base)).toEqual([]);
  });

  it('leave a table made by CREATE TABLE ... SELECT, or a view, unread, at their line', async () => {
    for (const statement of ['CREATE TABLE copy AS SELECT id FROM orders;', 'CREATE VIEW copy AS SELECT id FROM orders;']) {
      const head = { ...ORDERS, 'db/migrations/V2__x.sql': `\n${statement}\n` };
      const comparison = await compare(parsed!.reader, ORDERS, head, 'copy');
      expect(comparison.head).toEqual({
        status: 'error',
        error: expect.objectContaining({ file: 'db/migrations/V2__x.sql', line: 2, message: expect.stringContaining('without a server') }),
      });
    }
  });

  it('are read from their words when they only set or drop defaults, rename indexes or drop columns if they exist', async () => {
    const head = {
      ...ORDERS,
      'db/migrations/V2__x.sql': "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'b', ALTER note SET DEFAULT ('x'), DROP COLUMN IF EXISTS gone;",
    };
    const comparison = await compare(parsed!.reader, ORDERS, head);
    expect(approximations(comparison.head)).toEqual([]);
    expect(comparison.head.status === 'present' && comparison.head.schema.fields.map((field) => field.default)).toEqual([undefined, "'x'", "'b'"]);
  });
});

describe('statements that change no table, passed over on purpose by the parsed way', () => {
  it('leave the table exact: rows, sessions, locks, transactions, triggers, functions, procedures called that change no table', async () => {
    const head = {
      ...ORDERS,
      'db/migrations/V2__x.sql': [
        "INSERT INTO orders (id, note) VALUES (1, 'x');",
        "UPDATE orders SET note = 'y' WHERE id = 1;",
        'DELETE FROM orders WHERE id = 2;',
        'SET FOREIGN_KEY_CHECKS = 0;',
        'LOCK TABLES orders WRITE;',
        'UNLOCK TABLES;',
        'START TRANSACTION;',
        'COMMIT;',
        'CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = UPPER(NEW.note);',
        'CREATE FUNCTION two() RETURNS INT DETERMINISTIC RETURN 2;',
        'DELIMITER //',
        'CREATE PROCEDURE tidy() BEGIN DELETE FROM orders WHERE note IS NULL; END//',
        'DELIMITER ;',
        'CALL tidy();',
        'CREATE TEMPORARY TABLE scratch (a INT);',
        'ANALYZE TABLE orders;',
      ].join('\n'),
    };
    for (const way of [parsed, exact].filter((candidate) => candidate !== undefined)) {
      const comparison = await compare(way.reader, ORDERS, head);
      expect([approximations(comparison.head), fieldNames(comparison.head)]).toEqual([[], ['id', 'note', 'status']]);
    }
  });
});

describe('a server that cannot be reached', () => {
  it('is an error on the contracts it was to read, not a crash', async () => {
    const reader = mysqlReader({ serverUrl: 'mysql://nobody@127.0.0.1:1/' });
    const comparison = await compare(reader, ORDERS, ORDERS);
    expect(comparison.head).toEqual({ status: 'error', error: expect.objectContaining({ kind: 'failed', message: expect.stringContaining('the MySQL replay failed') }) });
    await reader.close?.();
  });
});

describe.each(ways())('a base that fails in part, read the $name way', ({ reader }) => {
  it('is read without the failing statement, which it lists; the head inherits it', async () => {
    const base = { ...ORDERS, 'db/migrations/V2__broken.sql': 'ALTER TABLE orders DROP COLUMN missing;\nALTER TABLE orders ADD COLUMN total INT;\n' };
    const head = { ...base, 'db/migrations/V3__more.sql': 'ALTER TABLE orders ADD COLUMN more INT;' };
    const comparison = await compare(reader, base, head);
    const skipped = (state: AssetState) => (state.status === 'present' ? state.skipped?.map(({ file, line }) => `${file}:${line}`) : state.status);
    expect([skipped(comparison.base), skipped(comparison.head)]).toEqual([['db/migrations/V2__broken.sql:1'], ['db/migrations/V2__broken.sql:1']]);
    expect(fieldNames(comparison.head)).toEqual(['id', 'note', 'status', 'total', 'more']);
  });

  it('finds a table named only up to case, and says which it judged', async () => {
    const upper = { 'db/migrations/V1__orders.sql': 'CREATE TABLE Orders (id INT);' };
    const comparison = await compare(reader, upper, upper, 'orders');
    expect(comparison.resolvedAs).toEqual(expect.objectContaining({ name: 'orders', asset: 'Orders', commits: ['base', 'head'] }));
  });
});

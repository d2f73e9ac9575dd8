import { describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { compare, SERVER_URL, ways } from './support.js';

const ORDERS = { 'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(10));' };

async function scratchDatabases(): Promise<number> {
  const connection = await mysql.createConnection(SERVER_URL!);
  try {
    const [rows] = await connection.query("SELECT COUNT(*) AS count FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'dcr\\_%'");
    return Number((rows as { count: number }[])[0]!.count);
  } finally {
    await connection.end();
  }
}

(SERVER_URL ? describe : describe.skip)('the exact way, on the server DCR_TEST_MARIADB_URL names', () => {
  const exact = ways()[1]!;

  it('reaches the server (set but unreachable fails the suite)', async () => {
    const connection = await mysql.createConnection(SERVER_URL!);
    const [rows] = await connection.query('SELECT 1 AS one');
    await connection.end();
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('stops a statement past its time limit with KILL QUERY, and reports it at its line', async () => {
    const head = { ...ORDERS, 'db/migrations/V2__slow.sql': '-- slow\nALTER TABLE orders ADD COLUMN x INT;\nSELECT SLEEP(60);\n' };
    const started = Date.now();
    const comparison = await compare(exact.reader, ORDERS, head, 'orders', { statementTimeoutSeconds: 1 });
    expect(comparison.head).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'timeout', file: 'db/migrations/V2__slow.sql', line: 3, message: expect.stringContaining('mysql.statementTimeoutSeconds') }),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('skips a base statement past its time limit and reads the rest of the base', async () => {
    const base = { ...ORDERS, 'db/migrations/V2__slow.sql': 'DO SLEEP(60);\nALTER TABLE orders ADD COLUMN x INT;\n' };
    const comparison = await compare(exact.reader, base, base, 'orders', { statementTimeoutSeconds: 1 });
    expect(comparison.base.status === 'present' && comparison.base.schema.fields.map((field) => field.name)).toEqual(['id', 'note', 'x']);
    expect(comparison.base.status === 'present' && comparison.base.skipped?.map(({ kind, line }) => `${kind}:${line}`)).toEqual(['timeout:1']);
  });

  it('bounds a whole commit by its own time limit', async () => {
    const head = { ...ORDERS, 'db/migrations/V2__slow.sql': Array.from({ length: 10 }, () => 'DO SLEEP(0.4);').join('\n') };
    const comparison = await compare(exact.reader, ORDERS, head, 'orders', { timeoutSeconds: 1 });
    expect(comparison.head).toEqual({ status: 'error', error: expect.objectContaining({ kind: 'timeout', message: expect.stringContaining('mysql.timeoutSeconds') }) });
  });

  it('points a syntax error at its line and column', async () => {
    const head = { ...ORDERS, 'db/migrations/V2__typo.sql': '-- typo\nALTER TABLE orders\n  ADD COLUMN x INT NOT NOT NULL;\n' };
    const comparison = await compare(exact.reader, ORDERS, head);
    expect(comparison.head.status === 'error' && [comparison.head.error.line, comparison.head.error.column]).toEqual([3, 24]);
  });

  it('drops its throw-away databases whatever happens', async () => {
    const before = await scratchDatabases();
    const broken = { ...ORDERS, 'db/migrations/V2__broken.sql': 'ALTER TABLE orders DROP COLUMN missing;' };
    const slow = { ...ORDERS, 'db/migrations/V2__slow.sql': 'SELECT SLEEP(60);' };
    const rewritten = { 'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id BIGINT PRIMARY KEY);' };
    await compare(exact.reader, ORDERS, broken);
    await compare(exact.reader, ORDERS, slow, 'orders', { statementTimeoutSeconds: 1 });
    await compare(exact.reader, ORDERS, rewritten);
    expect(await scratchDatabases()).toBe(before);
  });

  it('runs stored programs that the client splits with DELIMITER, and a procedure that changes the table', async () => {
    const head = {
      ...ORDERS,
      'db/migrations/V2__procedure.sql': [
        'DELIMITER //',
        'CREATE PROCEDURE widen() BEGIN',
        '  ALTER TABLE orders MODIFY note VARCHAR(100);',
        'END//',
        'DELIMITER ;',
        'CALL widen();',
      ].join('\n'),
    };
    const comparison = await compare(exact.reader, ORDERS, head);
    expect(comparison.head.status === 'present' && comparison.head.schema.fields.map((field) => [field.name, field.type, field.origin?.line])).toEqual([
      ['id', 'int', undefined],
      ['note', 'varchar(100)', 6],
    ]);
  });
});

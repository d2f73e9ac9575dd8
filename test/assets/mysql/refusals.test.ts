import { describe, expect, it } from '@jest/globals';
import { MigrationFiles } from '../../../src/assets/mysql/migrations.js';
import { compare, ways } from './support.js';

const WAYS = ways();
const CREATE = { 'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(10));' };

function refusalOf(sql: string): string | undefined {
  return new MigrationFiles().file('V1__x.sql', sql).statements.find((statement) => statement.refusal)?.refusal?.message;
}

/** Statements that reach outside the migrated database, and what their refusal names. */
const REFUSED: [string, string][] = [
  ["LOAD DATA INFILE '/etc/passwd' INTO TABLE orders", 'LOAD DATA reads files'],
  ["LOAD DATA LOCAL INFILE 'x.csv' INTO TABLE orders", 'LOAD DATA reads files'],
  ["SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'", 'INTO OUTFILE writes a file'],
  ["SELECT note FROM orders LIMIT 1 INTO DUMPFILE '/tmp/x'", 'INTO DUMPFILE writes a file'],
  ["CREATE USER 'app'@'%' IDENTIFIED BY 'secret'", 'CREATE USER changes an account'],
  ["GRANT ALL ON *.* TO 'app'@'%'", 'GRANT changes privileges'],
  ["REVOKE SELECT ON orders FROM 'app'@'%'", 'REVOKE changes privileges'],
  ['SET GLOBAL max_connections = 1', 'SET GLOBAL changes the whole server'],
  ['SET PERSIST max_connections = 1', 'SET PERSIST changes the whole server'],
  ["SET @@global.sql_mode = ''", 'SET @@global.sql_mode changes the whole server'],
  ["SET NAMES utf8mb4, GLOBAL general_log = 1", 'SET GLOBAL changes the whole server'],
  ["INSTALL PLUGIN federated SONAME 'ha_federated.so'", 'INSTALL loads code into the server'],
  ['USE other_shop', 'USE switches to another database'],
  ['CREATE DATABASE other_shop', 'CREATE DATABASE changes a database other than the migrated one'],
  ['DROP DATABASE IF EXISTS other_shop', 'DROP DATABASE changes a database other than the migrated one'],
  ['ALTER DATABASE other_shop CHARACTER SET latin1', 'ALTER DATABASE changes a database other than the migrated one'],
  ['DROP TABLE other_shop.customers', 'other_shop.customers names database other_shop'],
  ['INSERT INTO other_shop.customers SELECT * FROM orders', 'other_shop.customers names database other_shop'],
  ['CREATE TABLE copy AS SELECT user, authentication_string FROM mysql.user', 'mysql.user names database mysql'],
  ['UPDATE orders, other_shop.audit SET orders.note = audit.note', 'other_shop.audit names database other_shop'],
  ['RENAME TABLE other_shop.customers TO customers', 'other_shop.customers names database other_shop'],
  ['ALTER TABLE orders RENAME TO other_shop.orders', 'other_shop.orders names database other_shop'],
  ['CREATE TRIGGER t AFTER INSERT ON other_shop.customers FOR EACH ROW SET @x = 1', 'other_shop.customers names database other_shop'],
  ['SELECT other_shop.secret_function(1)', 'other_shop.secret_function names database other_shop'],
  ["PREPARE s FROM 'DROP TABLE orders'", 'PREPARE runs SQL built while the migration runs'],
  ['CREATE PROCEDURE p() BEGIN GRANT ALL ON *.* TO x; END', 'GRANT changes privileges'],
  ["CREATE TABLE f (a INT) ENGINE=CONNECT TABLE_TYPE=CSV FILE_NAME='/etc/passwd'", 'ENGINE=CONNECT keeps the table in files'],
  ["CREATE TABLE f (a INT) DATA DIRECTORY = '/tmp'", 'DATA DIRECTORY places files on the server'],
  ["SELECT LOAD_FILE('/etc/passwd')", 'LOAD_FILE reads a file'],
  ['KILL 1', 'KILL stops another session'],
  ['SHUTDOWN', 'SHUTDOWN stops the server'],
  ["/*!50001 GRANT ALL ON *.* TO 'app'@'%' */", 'GRANT changes privileges'],
];

/** Statements that look close to those and reach nothing outside. */
const ALLOWED = [
  'SELECT o.note, o.id FROM orders o WHERE o.id = 1',
  'UPDATE orders SET note = orders.note',
  'SELECT a.id, b.note FROM orders a JOIN orders b ON a.id = b.id ORDER BY a.id, b.note',
  'SET FOREIGN_KEY_CHECKS = 0',
  'SET SESSION sql_mode = \'STRICT_ALL_TABLES\'',
  "SET @grant = 'x'",
  'ALTER DATABASE CHARACTER SET utf8mb4',
  'CREATE TABLE load_data (outfile INT, grant_id INT)',
  'LOCK TABLES orders WRITE',
  "SELECT 'GRANT ALL ON *.* TO x' AS text",
  'CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = UPPER(NEW.note)',
];

describe('statements that reach outside the migrated database', () => {
  it.each(REFUSED)('refuses %s', (sql, message) => {
    expect(refusalOf(sql)).toContain(message);
  });

  it.each(ALLOWED.map((sql) => [sql]))('lets %s run', (sql) => {
    expect(refusalOf(sql)).toBeUndefined();
  });
});

describe.each(WAYS)('a refused statement, read the $name way', ({ reader }) => {
  it('is an error at its line at the head, and is never run', async () => {
    const head = { ...CREATE, 'db/migrations/V2__leak.sql': '-- copy the accounts\nSELECT 1;\nCREATE TABLE copy AS SELECT user FROM mysql.user;\n' };
    const comparison = await compare(reader, CREATE, head);
    expect(comparison.head).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'failed', file: 'db/migrations/V2__leak.sql', line: 3, message: expect.stringContaining('mysql.user names database mysql') }),
    });
  });

  it('is skipped and listed at the base, which is read without it', async () => {
    const base = { ...CREATE, 'db/migrations/V2__use.sql': 'USE shop;\nALTER TABLE orders ADD COLUMN total INT;\n' };
    const comparison = await compare(reader, base, base);
    expect(comparison.base.status === 'present' && comparison.base.schema.fields.map((field) => field.name)).toEqual(['id', 'note', 'total']);
    expect(comparison.base.status === 'present' && comparison.base.skipped?.map(({ file, line }) => `${file}:${line}`)).toEqual(['db/migrations/V2__use.sql:1']);
  });
});

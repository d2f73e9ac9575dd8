import { describe, expect, it } from '@jest/globals';
import type { AssetComparison } from '../../../src/assets/model.js';
import { agreed, claimed, compare, migrationsOf, SERVER_URL, ways, type Way } from './support.js';

/**
 * The parsed way against the server, on the same migrations: wherever the parsed way claims to know a table (it
 * built it with nothing left unfolded), both must build the same table, with the same renames and removals.
 */
const COLUMNS = [
  'a INT(11) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY',
  "a ENUM('a','b''c','d\\\\e') NOT NULL DEFAULT 'a'",
  "a SET('x','y') DEFAULT 'x'",
  'a DECIMAL(12,2) DEFAULT 0',
  'a DECIMAL(6,3) DEFAULT 1.5',
  'a DECIMAL(8,2) UNSIGNED DEFAULT 1',
  'a NUMERIC',
  'a NUMERIC(5)',
  'a DEC(4,1)',
  'a FLOAT(7,3)',
  'a FLOAT DEFAULT 0.1',
  'a DOUBLE DEFAULT 1e3',
  'a REAL',
  'a DOUBLE PRECISION',
  'a DOUBLE(8,2) UNSIGNED',
  'a BOOLEAN NOT NULL DEFAULT TRUE',
  'a BOOL',
  'a TINYINT(1) DEFAULT FALSE',
  'a TINYINT',
  'a TINYINT(4)',
  'a MEDIUMINT UNSIGNED',
  'a SMALLINT DEFAULT 1.6',
  'a INTEGER',
  'a INT8',
  'a INT DEFAULT -1',
  "a INT DEFAULT '5'",
  'a INT DEFAULT (5)',
  'a INT DEFAULT (1 + 2)',
  'a BIGINT(20) UNSIGNED ZEROFILL',
  'a BIGINT UNSIGNED DEFAULT 0',
  'a BIT(1) DEFAULT b\'1\'',
  'a BIT(8) DEFAULT 5',
  'a VARCHAR(64) CHARACTER SET latin1',
  'a VARCHAR(10) CHARSET latin1',
  'a VARCHAR(10) COLLATE latin1_bin',
  'a VARCHAR(10) CHARACTER SET utf8',
  'a MEDIUMTEXT CHARACTER SET ascii',
  "a VARCHAR(10) DEFAULT 'it''s'",
  "a VARCHAR(10) DEFAULT 'a\\\\b'",
  'a VARCHAR(10) DEFAULT "dq"',
  "a VARCHAR(10) DEFAULT ''",
  'a VARCHAR(5) DEFAULT 5',
  'a VARCHAR(5) NULL DEFAULT NULL',
  "a CHAR(4) DEFAULT 'NULL'",
  'a CHAR',
  "a TEXT DEFAULT 'x'",
  'a TEXT(100)',
  'a BINARY(16)',
  "a VARBINARY(20) DEFAULT 'x'",
  'a BLOB',
  'a LONGBLOB',
  'a JSON',
  'a JSON DEFAULT (JSON_ARRAY())',
  'a LONGTEXT CHECK (json_valid(a))',
  'a UUID',
  'a YEAR',
  'a YEAR DEFAULT 2024',
  "a DATE DEFAULT '2020-1-2'",
  "a TIME DEFAULT '10:00'",
  "a TIME(3) DEFAULT '10:00:00.5'",
  "a DATETIME DEFAULT '2020-01-01'",
  "a DATETIME(3) DEFAULT '2020-01-01 10:00:00'",
  'a DATETIME DEFAULT NOW()',
  'a DATETIME ON UPDATE CURRENT_TIMESTAMP',
  'a DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)',
  'a DATETIME DEFAULT (CURRENT_TIMESTAMP + INTERVAL 1 DAY)',
  'a TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP',
  'a TIMESTAMP NULL DEFAULT NULL',
  'a TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)',
  'a VARCHAR(36) DEFAULT (uuid())',
  'a VARCHAR(36) DEFAULT uuid()',
  "a VARCHAR(20) DEFAULT (concat('a','b'))",
  'a INT, b INT GENERATED ALWAYS AS (a*2) STORED',
  'a INT, b INT AS (a + 1) VIRTUAL',
  'a GEOMETRY',
  'a POINT',
  "a VARCHAR(10) NOT NULL DEFAULT 'x' COMMENT 'c'",
  'a INT UNIQUE',
  'a INT KEY',
  'a INT, b INT, PRIMARY KEY (a, b)',
  'a INT, b INT, UNIQUE KEY u (a, b), UNIQUE (b)',
  'a VARCHAR(100), UNIQUE KEY p (a(10))',
  'a INT NOT NULL, b INT, CONSTRAINT pk PRIMARY KEY (a), INDEX (b)',
];

const TABLE = "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(255), status ENUM('a','b') DEFAULT 'a', amount DECIMAL(10,2), UNIQUE KEY uq_email (email), KEY k_name (name));";

/** Changes to TABLE, with whether the parsed way claims to know their outcome. */
const CHANGES: [string, boolean][] = [
  ['ALTER TABLE t ADD COLUMN x INT NOT NULL DEFAULT 0 AFTER id', true],
  ['ALTER TABLE t ADD COLUMN x INT FIRST', true],
  ['ALTER TABLE t DROP COLUMN email', true],
  ['ALTER TABLE t MODIFY name VARCHAR(128) NULL', true],
  ['ALTER TABLE t CHANGE amount total DECIMAL(12,2) NOT NULL', true],
  ['ALTER TABLE t RENAME COLUMN name TO full_name', true],
  ['ALTER TABLE t CHANGE COLUMN email Email VARCHAR(255)', true],
  ['ALTER TABLE t RENAME TO u', true],
  ['RENAME TABLE t TO u', true],
  ['ALTER TABLE t DROP INDEX uq_email', true],
  ['ALTER TABLE t DROP PRIMARY KEY, MODIFY id INT NOT NULL', true],
  ['ALTER TABLE t ADD UNIQUE (name)', true],
  ['ALTER TABLE t ADD UNIQUE INDEX un (name)', true],
  ['CREATE UNIQUE INDEX un ON t (name)', true],
  ['DROP INDEX uq_email ON t', true],
  ["ALTER TABLE t MODIFY status ENUM('a','b','c') DEFAULT 'b'", true],
  ["ALTER TABLE t MODIFY status ENUM('a') NOT NULL", true],
  ["ALTER TABLE t ALTER COLUMN status SET DEFAULT 'b'", true],
  ['ALTER TABLE t ALTER status DROP DEFAULT', true],
  ['ALTER TABLE t DEFAULT CHARSET=latin1, ADD c VARCHAR(10)', true],
  ['ALTER TABLE t CHARACTER SET latin1, ADD c TEXT', true],
  ['ALTER TABLE t ENGINE=InnoDB, ALGORITHM=INPLACE', true],
  ['DROP TABLE t', true],
  ['DROP TABLE IF EXISTS t, nothing', true],
  ['ALTER TABLE t DROP COLUMN missing', true],
  ['ALTER TABLE t ADD COLUMN name INT', true],
  ['ALTER TABLE t ADD PRIMARY KEY (name)', true],
  ['ALTER TABLE t DROP COLUMN id, DROP COLUMN name, DROP COLUMN email, DROP COLUMN status, DROP COLUMN amount', true],
  ['CREATE TABLE t2 LIKE t;\nDROP TABLE t;\nRENAME TABLE t2 TO t', true],
  ['ALTER TABLE t MODIFY COLUMN email VARCHAR(255) NOT NULL FIRST', true],
  ['ALTER TABLE t ADD COLUMN IF NOT EXISTS name INT', true],
  ['ALTER TABLE t DROP COLUMN IF EXISTS nothing', true],
  ['ALTER TABLE t RENAME INDEX uq_email TO uq2', true],
  ['ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES t (id)', true],
  ['ALTER TABLE t DROP KEY k_name, ADD KEY k2 (name, email)', true],
  ['ALTER TABLE t ADD COLUMN j JSON, ADD COLUMN b BOOL DEFAULT 1', true],
  ['ALTER TABLE t MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT', true],
  ['ALTER TABLE t MODIFY name VARCHAR(64) CHARACTER SET utf8 COLLATE utf8_bin NOT NULL', true],
  ['ALTER TABLE t ADD COLUMN d DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)', true],
  ["INSERT INTO t (name) VALUES ('x');\nUPDATE t SET name = 'y';\nDELETE FROM t", true],
  ['ALTER TABLE t ADD INDEX (name), ADD INDEX (name)', true],
  ['ALTER TABLE t ADD UNIQUE (status), ADD UNIQUE (status)', true],
  ['ALTER TABLE t CONVERT TO CHARACTER SET latin1', false],
  ['CREATE VIEW v AS SELECT id FROM t;\nDROP TABLE t;\nCREATE TABLE t (id BIGINT)', true],
];

async function bothWays(parsed: Way, exact: Way, base: Record<string, string>, head: Record<string, string>, name: string): Promise<[AssetComparison, AssetComparison]> {
  return Promise.all([compare(parsed.reader, base, head, name), compare(exact.reader, base, head, name)]);
}

(SERVER_URL ? describe : describe.skip)('the parsed way and the server', () => {
  const [parsed, exact] = ways() as [Way, Way];

  it.each(COLUMNS.map((column) => [column]))('build the same column: %s', async (column) => {
    const files = { 'db/migrations/V1__t.sql': `CREATE TABLE t (${column});` };
    const [fromParser, fromServer] = await bothWays(parsed, exact, {}, files, 't');
    expect(claimed(fromParser.head)).toBe(true);
    expect(agreed(fromParser)).toEqual(agreed(fromServer));
  });

  it.each(CHANGES)('agree on a change wherever the parsed way claims to know it: %s', async (change, known) => {
    const base = { 'db/migrations/V1__t.sql': TABLE };
    const head = { ...base, 'db/migrations/V2__change.sql': `\n${change};\n` };
    const [fromParser, fromServer] = await bothWays(parsed, exact, base, head, 't');
    expect(claimed(fromParser.head)).toBe(known);
    if (known) expect(agreed(fromParser)).toEqual(agreed(fromServer));
  });

  it('build the same tables from a Laravel schema dump (mysqldump, executable comments, JSON as LONGTEXT with a check)', async () => {
    const dump = migrationsOf('laravel-dump');
    for (const table of ['users', 'migrations']) {
      const [fromParser, fromServer] = await bothWays(parsed, exact, dump, dump, table);
      expect(claimed(fromParser.base)).toBe(true);
      expect(agreed(fromParser)).toEqual(agreed(fromServer));
    }
  });

  it('differ where MySQL checks what the fold does not: AUTO_INCREMENT columns (a known limit of the parsed way)', async () => {
    const base = { 'db/migrations/V1__t.sql': TABLE };
    for (const change of ['ALTER TABLE t ADD COLUMN c SERIAL', 'ALTER TABLE t ADD COLUMN g INT AS (id * 2) STORED']) {
      const head = { ...base, 'db/migrations/V2__change.sql': `${change};` };
      const [fromParser, fromServer] = await bothWays(parsed, exact, base, head, 't');
      expect([fromParser.head.status, fromServer.head.status]).toEqual(['present', 'error']);
    }
  });
});

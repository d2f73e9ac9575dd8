import { describe, expect, it } from '@jest/globals';
import initSqlJs from 'sql.js';
import { classify } from '../../../src/assets/sqlite/statement-kinds.js';
import { splitStatements } from '../../../src/assets/sqlite/statements.js';

const sqlOf = (text: string) => splitStatements(text).map((statement) => statement.sql);

describe('splitStatements', () => {
  it('gives each statement its first line and column, past comments and blank lines', () => {
    const text = '-- create the table\nCREATE TABLE a (x INTEGER);\n\n  /* then */ ALTER TABLE a ADD COLUMN y TEXT;\nDROP TABLE a';
    expect(splitStatements(text).map(({ sql, line, column }) => [sql, line, column])).toEqual([
      ['CREATE TABLE a (x INTEGER);', 2, 1],
      ['ALTER TABLE a ADD COLUMN y TEXT;', 4, 14],
      ['DROP TABLE a', 5, 1],
    ]);
  });

  it('does not end a statement at a semicolon in a string, a quoted name or a comment', () => {
    const text = `INSERT INTO "a;b" VALUES ('x;y', [c;d], \`e;f\`); -- one; still a comment\nSELECT 1 /* ; */;`;
    expect(sqlOf(text)).toEqual([`INSERT INTO "a;b" VALUES ('x;y', [c;d], \`e;f\`);`, 'SELECT 1 /* ; */;']);
  });

  it('keeps a trigger body, its CASE ... END included, in one statement, as sqlite3_complete() does', () => {
    const trigger = [
      'CREATE TEMP TRIGGER IF NOT EXISTS touch AFTER UPDATE ON a BEGIN',
      "  UPDATE a SET y = CASE WHEN new.x > 0 THEN 'p' ELSE 'n' END;",
      '  SELECT 1;',
      'END;',
    ].join('\n');
    expect(sqlOf(`${trigger}\nSELECT 2;`)).toEqual([trigger, 'SELECT 2;']);
  });

  it("splits at Drizzle Kit's statement breakpoints, with or without a semicolon before them", () => {
    const text = 'CREATE TABLE `a` (`x` integer)\n--> statement-breakpoint\nCREATE TABLE `b` (`y` text);--> statement-breakpoint\nCREATE INDEX `i` ON `b` (`y`);';
    expect(splitStatements(text).map(({ sql, line }) => [sql, line])).toEqual([
      ['CREATE TABLE `a` (`x` integer)\n', 1],
      ['CREATE TABLE `b` (`y` text);', 3],
      ['CREATE INDEX `i` ON `b` (`y`);', 4],
    ]);
  });

  it('gives nothing for an empty file, blank lines, comments and lone semicolons', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('\n  -- nothing\n/* at all */ ;;\n')).toEqual([]);
  });

  it('reads a byte order mark as a blank, as SQLite does', () => {
    expect(splitStatements('\uFEFFBEGIN;\nCREATE TABLE a (x);').map(({ sql, line, column }) => [sql, line, column])).toEqual([['CREATE TABLE a (x);', 2, 1]]);
  });

  it('runs what is left after an unterminated string to the end, for SQLite to refuse', () => {
    expect(sqlOf("SELECT 1;\nSELECT 'oops;\nSELECT 2;")).toEqual(['SELECT 1;', "SELECT 'oops;\nSELECT 2;"]);
  });

  it('splits where SQLite itself does (sql.js prepares each statement in turn)', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const text = [
      'CREATE TABLE a (x INTEGER, y TEXT DEFAULT \'a;b\'); -- c;d',
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET y = CASE new.x WHEN 1 THEN \'e;\' ELSE "y" END; END;',
      '/* ; */ CREATE VIEW "v;w" AS SELECT x AS "x;" FROM a;',
      'INSERT INTO a (x) VALUES (1);',
    ].join('\n');
    const prepared: string[] = [];
    for (const statement of db.iterateStatements(text)) {
      prepared.push(statement.getSQL().trim());
      while (statement.step());
    }
    db.close();
    expect(sqlOf(text).map((sql) => sql.trim())).toEqual(prepared.map((sql) => sql.replace(/^(?:--[^\n]*\n|\/\*.*?\*\/|\s)+/s, '')));
  });
});

describe('classify', () => {
  it.each([
    'BEGIN;',
    'BEGIN IMMEDIATE TRANSACTION;',
    'COMMIT;',
    'END TRANSACTION;',
    'ROLLBACK;',
    'SAVEPOINT s;',
    'RELEASE s;',
    'VACUUM;',
    'PRAGMA page_size = 65536;',
    'PRAGMA main.max_page_count = 1000000000;',
    'PRAGMA journal_mode=WAL;',
    'PRAGMA temp_store(FILE);',
    'PRAGMA hard_heap_limit = 1;',
  ])('skips %s, which defines nothing and the replay does its own way', (sql) => {
    expect(classify(sql)).toEqual({ kind: 'skipped' });
  });

  it.each([
    ["ATTACH DATABASE '/etc/passwd' AS p;", 'ATTACH DATABASE'],
    ["attach 'x.db' as x;", 'ATTACH DATABASE'],
    ["VACUUM INTO '/tmp/copy.db';", 'VACUUM INTO'],
    ["VACUUM main INTO 'copy.db';", 'VACUUM INTO'],
    ["SELECT load_extension('/tmp/evil.so');", 'load_extension()'],
    ["CREATE VIEW v AS SELECT \"load_extension\"('x') AS y;", 'load_extension()'],
  ])('refuses %s before it runs', (sql, what) => {
    const kind = classify(sql);
    expect(kind.kind).toBe('refused');
    expect(kind.kind === 'refused' && kind.reason).toContain(what);
  });

  it.each([
    'PRAGMA journal_mode;',
    'PRAGMA foreign_keys = OFF;',
    "SELECT 'load_extension' AS text;",
    'CREATE TABLE attachments (id INTEGER);',
    "INSERT INTO t VALUES ('VACUUM INTO');",
  ])('runs %s', (sql) => {
    expect(classify(sql)).toEqual({ kind: 'run' });
  });

  it('marks refused statements in a split file, with their line', () => {
    expect(splitStatements("CREATE TABLE a (x);\nATTACH 'b.db' AS b;").map(({ line, refused }) => [line, refused !== undefined])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

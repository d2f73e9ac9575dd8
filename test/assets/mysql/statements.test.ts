import { describe, expect, it } from '@jest/globals';
import { MigrationFiles, parserText } from '../../../src/assets/mysql/migrations.js';
import { splitStatements } from '../../../src/assets/mysql/statements.js';

function split(text: string): [number, string][] {
  const result = splitStatements(text);
  if (!result.ok) throw new Error(`${result.line}:${result.column} ${result.message}`);
  return result.statements.map((statement) => [statement.line, statement.sql]);
}

describe('splitting a MySQL migration into statements', () => {
  it('splits at semicolons outside strings, quoted names and comments, with each statement\'s line', () => {
    const text = [
      '-- orders; the first table',
      "CREATE TABLE orders (note VARCHAR(10) DEFAULT 'a;b', `odd;name` INT); # trailing; comment",
      '/* a; block',
      '   comment */ INSERT INTO orders VALUES ("x;y", 1);',
      "SELECT 'it''s', 'back\\\\slash;', 'escaped \\' quote;'",
    ].join('\n');
    expect(split(text)).toEqual([
      [2, "CREATE TABLE orders (note VARCHAR(10) DEFAULT 'a;b', `odd;name` INT)"],
      [4, 'INSERT INTO orders VALUES ("x;y", 1)'],
      [5, "SELECT 'it''s', 'back\\\\slash;', 'escaped \\' quote;'"],
    ]);
  });

  it('reads `--` as a comment only when a blank follows, as MySQL does', () => {
    expect(split('SELECT 1--1;\nSELECT 2 -- two;\n;')).toEqual([
      [1, 'SELECT 1--1'],
      [2, 'SELECT 2 -- two;'],
    ]);
  });

  it('follows DELIMITER, even where the client finds the delimiter inside a word', () => {
    const text = ['DELIMITER $$', 'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$', 'DELIMITER ;', 'CALL p();'].join('\n');
    expect(split(text)).toEqual([
      [2, 'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END'],
      [4, 'CALL p()'],
    ]);
  });

  it('keeps a stored program\'s body whole without DELIMITER, as the server reads it', () => {
    const text = [
      'CREATE DEFINER=`root`@`localhost` TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW BEGIN',
      '  IF NEW.quantity < 0 THEN SET NEW.quantity = 0; END IF;',
      '  SET NEW.note = CASE WHEN NEW.note IS NULL THEN \'\' ELSE NEW.note END;',
      '  WHILE NEW.quantity > 100 DO SET NEW.quantity = NEW.quantity - 1; END WHILE;',
      'END;',
      'CREATE FUNCTION two() RETURNS INT DETERMINISTIC RETURN 2;',
      'SELECT IF(1, 2, 3);',
    ].join('\n');
    expect(split(text).map(([line]) => line)).toEqual([1, 6, 7]);
  });

  it('runs executable comments and leaves out conditional comments no server runs', () => {
    const text = ['/*M!999999\\- enable the sandbox mode */', '/*!40101 SET NAMES utf8mb4 */;', '/*!50001 CREATE VIEW v AS SELECT 1 */;'].join('\n');
    const files = new MigrationFiles();
    const file = files.file('dump.sql', text);
    expect(file.statements.map((statement) => [statement.line, statement.sql, parserText(statement).trim()])).toEqual([
      [2, '/*!40101 SET NAMES utf8mb4 */', 'SET NAMES utf8mb4'],
      [3, '/*!50001 CREATE VIEW v AS SELECT 1 */', 'CREATE VIEW v AS SELECT 1'],
    ]);
  });

  it.each([
    ["CREATE TABLE t (a INT);\nSELECT 'never closed;\n", 2, 8, 'string is never closed'],
    ['CREATE TABLE t (a INT);\n/* never closed', 2, 1, 'comment is never closed'],
    ['SELECT `never closed', 1, 8, 'quoted identifier is never closed'],
    ['DELIMITER\nSELECT 1', 1, 1, 'DELIMITER is not followed by a delimiter'],
  ])('refuses a file whose %j never ends, at the line and column where it starts', (text, line, column, message) => {
    const result = splitStatements(text);
    expect(result.ok ? undefined : [result.line, result.column]).toEqual([line, column]);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('gives a file of comments or blanks no statement', () => {
    expect(split('-- nothing\n\n/* at all */\n# here\n')).toEqual([]);
  });
});

describe('reading a migration file', () => {
  const files = new MigrationFiles();

  it.each([
    ['a NUL byte', 'CREATE TABLE t (a INT);\nSELECT 1\u0000;', 2, 'NUL byte'],
    ['bytes that were not UTF-8', 'CREATE TABLE t (a INT);\n\nSELECT \'caf\uFFFD\';', 3, 'not valid UTF-8'],
  ])('refuses %s at its line', (_what, text, line, message) => {
    const file = files.file('V1__x.sql', text);
    expect(file.error?.line).toBe(line);
    expect(file.error?.message).toContain(message);
    expect(file.statements).toEqual([]);
  });

  it('keeps only the up sections of goose and dbmate files, at their lines', () => {
    const goose = files.file('00001_x.sql', '-- +goose Up\nCREATE TABLE t (a INT);\n-- +goose Down\nDROP TABLE t;\n');
    const dbmate = files.file('20240101_x.sql', '-- migrate:up\nCREATE TABLE t (a INT);\n\n-- migrate:down\nDROP TABLE t;\n');
    expect([goose, dbmate].map((file) => file.statements.map((statement) => [statement.line, statement.sql]))).toEqual([
      [[2, 'CREATE TABLE t (a INT)']],
      [[2, 'CREATE TABLE t (a INT)']],
    ]);
  });

  it('keeps lines right across a byte order mark and CRLF line ends', () => {
    const file = files.file('V1__x.sql', '\uFEFF-- windows\r\nCREATE TABLE t (a INT);\r\n\r\nDROP TABLE t;\r\n');
    expect(file.statements.map((statement) => statement.line)).toEqual([2, 4]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { splitStatements } from '../../../src/assets/postgres/statements.js';

describe('splitStatements', () => {
  it('splits where Postgres does, with the line of each statement keyword', async () => {
    const sql = [
      '-- orders',
      'CREATE TABLE orders (id int);',
      '',
      '/* a /* nested */ comment */',
      "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b' $$ LANGUAGE sql;",
      "INSERT INTO orders VALUES (1); SELECT 'é;';",
    ].join('\n');
    const result = await splitStatements(sql);
    expect(result).toEqual({
      ok: true,
      statements: [
        { sql: 'CREATE TABLE orders (id int)', line: 2, changesCatalog: true },
        { sql: "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b' $$ LANGUAGE sql", line: 5, changesCatalog: true },
        { sql: 'INSERT INTO orders VALUES (1)', line: 6, changesCatalog: false },
        { sql: "SELECT 'é;'", line: 6, changesCatalog: false },
      ],
    });
  });

  it('reports a syntax error at its line and column', async () => {
    const result = await splitStatements('CREATE TABLE a (id int);\n\n  CREATE TABEL b ();');
    expect(result).toEqual({ ok: false, line: 3, column: 10, message: 'syntax error at or near "TABEL"' });
  });

  it('counts lines after multi-byte characters correctly', async () => {
    const result = await splitStatements("-- café ☕\nSELECT 'ü';\nSELECT 2;");
    expect(result.ok && result.statements.map((statement) => statement.line)).toEqual([2, 3]);
  });

  it('gives no statements for a file of comments', async () => {
    expect(await splitStatements('-- nothing yet\n')).toEqual({ ok: true, statements: [] });
  });
});

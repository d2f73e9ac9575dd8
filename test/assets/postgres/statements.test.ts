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
        { sql: 'CREATE TABLE orders (id int)', line: 2, column: 1, changesCatalog: true },
        { sql: "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b' $$ LANGUAGE sql", line: 5, column: 1, changesCatalog: true },
        { sql: 'INSERT INTO orders VALUES (1)', line: 6, column: 1, changesCatalog: false, writesRows: true },
        { sql: "SELECT 'é;'", line: 6, column: 32, changesCatalog: false, writesRows: true },
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

  it('gives no statements for a file of comments, blanks, or nothing at all', async () => {
    expect(await splitStatements('-- nothing yet\n')).toEqual({ ok: true, statements: [] });
    expect(await splitStatements('')).toEqual({ ok: true, statements: [] });
    expect(await splitStatements(' \n\t\n')).toEqual({ ok: true, statements: [] });
    expect(await splitStatements(';;')).toEqual({ ok: true, statements: [] });
  });

  it('leaves out what a replay inside one transaction cannot run and what defines no table', async () => {
    const sql = [
      'BEGIN;',
      'SET ROLE admin;',
      'SET SESSION AUTHORIZATION admin;',
      'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;',
      'SET search_path = app, public;',
      'VACUUM ANALYZE orders;',
      'CREATE DATABASE other;',
      'ALTER SYSTEM SET work_mem = 1;',
      'CREATE EXTENSION pg_stat_statements;',
      'CREATE EXTENSION citext;',
      'CREATE INDEX items_embedding ON items USING hnsw (embedding vector_l2_ops);',
      'COPY orders TO STDOUT;',
      'COMMIT;',
    ].join('\n');
    const result = await splitStatements(sql);
    expect(result.ok && result.statements.map((statement) => statement.sql)).toEqual(['SET search_path = app, public', 'CREATE EXTENSION citext']);
  });

  it('blanks CONCURRENTLY, which a transaction refuses, keeping every position', async () => {
    const result = await splitStatements('CREATE UNIQUE INDEX /* CONCURRENTLY */ CONCURRENTLY "concurrently" ON orders (id);\nDROP INDEX CONCURRENTLY x;');
    expect(result.ok && result.statements.map((statement) => statement.sql)).toEqual([
      'CREATE UNIQUE INDEX /* CONCURRENTLY */              "concurrently" ON orders (id)',
      'DROP INDEX              x',
    ]);
  });

  it('marks the statements that add an enum value', async () => {
    const result = await splitStatements("ALTER TYPE s ADD VALUE 'x';\nALTER TYPE s RENAME VALUE 'x' TO 'y';");
    expect(result.ok && result.statements.map((statement) => statement.addsEnumValue ?? false)).toEqual([true, false]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { checkValues } from '../../../src/assets/sqlite/check-values.js';

const valuesOf = (sql: string) => Object.fromEntries(checkValues(sql));

describe('checkValues', () => {
  it('reads IN lists on a column, on the table and behind CONSTRAINT names', () => {
    const sql = `CREATE TABLE "orders" (
      status TEXT NOT NULL CHECK (status IN ('placed', 'shipped')),
      "Channel" TEXT,
      priority INTEGER CONSTRAINT p CHECK(priority in (1, 2, -3)),
      CONSTRAINT channel_values CHECK ("channel" IN ('web', 'it''s'))
    )`;
    expect(valuesOf(sql)).toEqual({ status: ['placed', 'shipped'], channel: ['web', "it's"], priority: ['1', '2', '-3'] });
  });

  it('reads ORs of equalities, and an OR\'d IS NULL, in any parentheses', () => {
    const sql = "CREATE TABLE t (a TEXT CHECK ((a = 'x') OR a == 'y' OR (a IS NULL)), b TEXT CHECK (b IS NULL OR b IN ('z')))";
    expect(valuesOf(sql)).toEqual({ a: ['x', 'y'], b: ['z'] });
  });

  it('reads a column added later, as SQLite appends its text', () => {
    expect(valuesOf("CREATE TABLE \"t\" (id INTEGER PRIMARY KEY, kind TEXT CHECK (kind IN ('a','b')))")).toEqual({ kind: ['a', 'b'] });
  });

  it.each([
    ["CREATE TABLE t (a TEXT CHECK (a IN ('x') AND length(a) < 3))", 'an AND'],
    ['CREATE TABLE t (a INTEGER CHECK (a > 0))', 'a range'],
    ["CREATE TABLE t (a TEXT CHECK (lower(a) IN ('x')))", 'a function'],
    ["CREATE TABLE t (a TEXT, b TEXT, CHECK (a IN ('x') OR b IN ('y')))", 'two columns'],
    ["CREATE TABLE t (a TEXT CHECK (a IN ('x', NULL)))", 'NULL in the list'],
    ["CREATE TABLE t (a TEXT CHECK (b IN ('x')), b TEXT)", "another column's values on a column"],
    ['CREATE TABLE t (a TEXT CHECK (a IS NULL))', 'no value at all'],
    ['CREATE TABLE t (a TEXT CHECK (a IN (SELECT x FROM u)))', 'a subquery'],
  ])('reads no list from %s (%s)', (sql) => {
    expect(valuesOf(sql)).toEqual({});
  });

  it('keeps the first list of a column, and reads nothing from a view or a missing definition', () => {
    expect(valuesOf("CREATE TABLE t (a TEXT CHECK (a IN ('x')) CHECK (a IN ('y')))")).toEqual({ a: ['x'] });
    expect(valuesOf("CREATE VIEW v AS SELECT a FROM t WHERE a IN ('x')")).toEqual({});
    expect(Object.fromEntries(checkValues(null))).toEqual({});
  });

  it('reads deeply nested parentheses without running out of stack', () => {
    const nested = `${'('.repeat(5000)}a IN ('x')${')'.repeat(5000)}`;
    expect(valuesOf(`CREATE TABLE t (a TEXT CHECK (${nested}))`)).toEqual({ a: ['x'] });
  });
});

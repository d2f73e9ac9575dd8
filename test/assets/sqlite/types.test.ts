import { describe, expect, it } from '@jest/globals';
import initSqlJs from 'sql.js';
import { sqliteTypes } from '../../../src/assets/sqlite/types.js';

const { normalize, canHold, isWidening, familyOf } = sqliteTypes;

describe('sqliteTypes.normalize', () => {
  it.each([
    ['VARCHAR(64)', 'text'],
    ['character varying (255)', 'text'],
    ['NVARCHAR(10)', 'text'],
    ['CLOB', 'text'],
    ['TEXT', 'text'],
    ['INT', 'integer'],
    ['BIGINT', 'integer'],
    ['UNSIGNED BIG INT', 'integer'],
    ['TINYINT(1)', 'integer'],
    ['FLOATING POINT', 'integer'],
    ['REAL', 'real'],
    ['DOUBLE PRECISION', 'real'],
    ['FLOAT', 'real'],
    ['DECIMAL(10, 2)', 'numeric'],
    ['NUMERIC', 'numeric'],
    ['STRING', 'numeric'],
    ['BLOB', 'blob'],
    ['', 'any'],
    ['ANY', 'any'],
    ['BOOLEAN', 'boolean'],
    ['bool', 'boolean'],
    ['DATETIME', 'datetime'],
    ['datetime(6)', 'datetime'],
    ['TIMESTAMP', 'datetime'],
    ['timestamp with time zone', 'datetime'],
    ['DATE', 'date'],
    ['TIME', 'time'],
    ['JSON', 'json'],
    ['JSONB', 'json'],
    ['UUID', 'uuid'],
  ])('reads %s as %s', (declared, type) => {
    expect(normalize(declared)).toBe(type);
    expect(normalize(type)).toBe(type);
  });

  it('gives every declared type the affinity SQLite gives it, save the names kept', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const declared = ['VARCHAR(64)', 'BIGINT', 'FLOATING POINT', 'DOUBLE', 'DECIMAL(10,2)', 'STRING', 'BLOB', 'CHARINT', 'POINT', 'BLOBBY'];
    // typeof() of a text value that reads as a number tells the affinity: text and blob keep it as text.
    db.run(`CREATE TABLE t (${declared.map((type, index) => `c${index} ${type}`).join(', ')})`);
    db.run(`INSERT INTO t VALUES (${declared.map(() => "'1'").join(', ')})`);
    const stored = db.exec(`SELECT ${declared.map((_, index) => `typeof(c${index})`).join(', ')} FROM t`)[0]!.values[0];
    db.close();
    const expected = { text: 'text', integer: 'integer', real: 'real', numeric: 'integer', blob: 'text' } as Record<string, string>;
    expect(stored).toEqual(declared.map((type) => expected[normalize(type)]));
  });
});

describe('sqliteTypes.canHold', () => {
  it.each([
    ['string', 'VARCHAR(64)', true],
    ['string', 'STRING', false],
    ['integer', 'BIGINT', true],
    ['integer', 'REAL', false],
    ['number', 'REAL', true],
    ['number', 'BOOLEAN', false],
    ['decimal', 'DECIMAL(10,2)', true],
    ['decimal', 'REAL', false],
    ['boolean', 'BOOLEAN', true],
    ['boolean', 'INTEGER', false],
    ['timestamp', 'DATETIME', true],
    ['timestamp', 'TEXT', false],
    ['date', 'DATE', true],
    ['bytes', 'BLOB', true],
    ['bytes', '', false],
    ['json', 'JSON', true],
    ['varchar(64)', 'TEXT', true],
    ['int', 'BIGINT', true],
    ['numeric', 'REAL', true],
    ['real', 'NUMERIC', false],
    ['datetime', 'TIMESTAMP', true],
    ['datetime', 'DATE', true],
    ['date', 'DATETIME', false],
  ])('a contract type %s holds %s: %s', (contract, actual, holds) => {
    expect(canHold(contract, actual)).toBe(holds);
  });
});

describe('sqliteTypes.isWidening and familyOf', () => {
  it.each([
    ['REAL', 'NUMERIC', true],
    ['NUMERIC', 'REAL', false],
    ['DATE', 'DATETIME', true],
    ['TEXT', '', true],
    ['VARCHAR(64)', 'TEXT', false],
    ['INT', 'BIGINT', false],
  ])('%s to %s widens: %s', (before, after, widens) => {
    expect(isWidening(before, after)).toBe(widens);
  });

  it.each([
    ['TEXT', 'text'],
    ['BIGINT', 'integer'],
    ['REAL', 'decimal'],
    ['DECIMAL(10,2)', 'decimal'],
    ['BLOB', 'bytes'],
    ['BOOLEAN', 'boolean'],
    ['DATETIME', 'datetime'],
    ['JSON', 'json'],
    ['string', 'text'],
    ['timestamp', 'datetime'],
    ['', undefined],
  ])('puts %s in the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });
});

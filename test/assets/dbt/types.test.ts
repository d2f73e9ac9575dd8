import { describe, expect, it } from '@jest/globals';
import { dbtTypes } from '../../../src/assets/dbt/types.js';

describe('dbtTypes.normalize: one spelling per type, whatever the warehouse and case', () => {
  it.each([
    [['varchar', 'TEXT', 'String', 'character varying', 'nvarchar', 'varchar(max)'], 'text'],
    [['varchar(64)', 'VARCHAR( 64 )', 'character varying(64)', 'string(64)'], 'varchar(64)'],
    [['char', 'character(1)', 'bpchar(1)'], 'char(1)'],
    [['int', 'INTEGER', 'int4', 'int(11)'], 'integer'],
    [['bigint', 'int64', 'INT8', 'long'], 'bigint'],
    [['numeric(12,2)', 'DECIMAL(12, 2)', 'number(12,2)'], 'numeric(12,2)'],
    [['numeric(12)', 'decimal(12,0)'], 'numeric(12,0)'],
    [['float', 'FLOAT64', 'double precision', 'float8', 'float(53)'], 'double'],
    [['real', 'float4', 'float(10)'], 'real'],
    [['bool', 'BOOLEAN'], 'boolean'],
    [['timestamp', 'datetime', 'TIMESTAMP_NTZ', 'timestamp without time zone'], 'timestamp'],
    [['timestamptz', 'timestamp_tz', 'timestamp with time zone', 'TIMESTAMP_LTZ'], 'timestamptz'],
    [['timestamp(3) with time zone', 'timestamptz(3)'], 'timestamptz(3)'],
    [['array<int>', 'ARRAY<INTEGER>', 'int[]'], 'array<integer>'],
    [['Variant'], 'variant'],
    [['geography'], 'geography'],
  ])('%j all read as %s', (spellings, canonical) => {
    expect(spellings.map((spelling) => dbtTypes.normalize(spelling))).toEqual(spellings.map(() => canonical));
  });
});

describe('dbtTypes.familyOf', () => {
  it.each([
    ['string', 'text'],
    ['varchar(10)', 'text'],
    ['char(3)', 'text'],
    ['tinyint', 'integer'],
    ['hugeint', 'integer'],
    ['number(38,0)', 'decimal'],
    ['double', 'decimal'],
    ['date', 'datetime'],
    ['timestamp_ltz', 'datetime'],
    ['variant', 'json'],
    ['jsonb', 'json'],
    ['varbinary(16)', 'bytes'],
    ['uuid', 'uuid'],
    ['bool', 'boolean'],
    ['array<int>', undefined],
    ['unknown', undefined],
  ])('%s is in the %s family', (type, family) => {
    expect(dbtTypes.familyOf(type)).toBe(family);
  });
});

describe('dbtTypes.isWidening', () => {
  it.each([
    ['varchar(64)', 'varchar(128)', true],
    ['varchar(128)', 'varchar(64)', false],
    ['varchar(64)', 'string', true],
    ['char(4)', 'varchar(8)', true],
    ['varchar(4)', 'char(8)', false],
    ['smallint', 'int', true],
    ['int', 'bigint', true],
    ['bigint', 'int', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(12,2)', 'numeric(12,4)', false],
    ['int', 'numeric(12,2)', false],
    ['real', 'double', true],
    ['double', 'numeric', true],
    ['numeric(12,2)', 'double', false],
    ['date', 'timestamp', true],
    ['timestamp', 'timestamptz', true],
    ['timestamp', 'timestamp(3)', false],
    ['timestamp(3)', 'timestamp', true],
    ['json', 'variant', true],
    ['array<int>', 'array<bigint>', true],
    ['text', 'integer', false],
    ['int', 'INTEGER', false],
  ])('%s to %s: %s', (before, after, widening) => {
    expect(dbtTypes.isWidening(before, after)).toBe(widening);
  });
});

describe('dbtTypes.canHold', () => {
  it.each([
    ['string', 'varchar(32)', true],
    ['string', 'int', false],
    ['integer', 'bigint', true],
    ['integer', 'numeric(10,0)', false],
    ['number', 'double', true],
    ['decimal', 'float', false],
    ['timestamp', 'datetime', true],
    ['timestamp', 'date', false],
    ['json', 'variant', true],
    ['object', 'struct<a int>', true],
    ['array', 'int[]', true],
    ['varchar(64)', 'varchar(32)', true],
    ['varchar(32)', 'varchar(64)', false],
    ['char(8)', 'varchar(4)', false],
    ['int', 'bigint', true],
    ['numeric(12,2)', 'numeric(10,2)', true],
    ['numeric(12,2)', 'numeric(12,3)', false],
    ['double', 'real', true],
    ['real', 'double', false],
    ['timestamp', 'timestamp(3)', true],
    ['timestamp(3)', 'timestamp', false],
    ['integer', 'unknown', false],
    ['string', 'unknown', false],
  ])('a consumer of %s reads %s: %s', (contractType, actual, holds) => {
    expect(dbtTypes.canHold(contractType, actual)).toBe(holds);
  });

  it('reads an enumerated value as text', () => {
    expect(dbtTypes.canHold('string', 'status_enum', { isEnum: true })).toBe(true);
    expect(dbtTypes.familyOf('status_enum', { isEnum: true })).toBe('enum');
  });
});

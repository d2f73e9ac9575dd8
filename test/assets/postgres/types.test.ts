import { describe, expect, it } from '@jest/globals';
import { postgresTypes } from '../../../src/assets/postgres/types.js';

const { normalize, canHold, isWidening } = postgresTypes;

describe('postgresTypes.normalize', () => {
  it.each([
    ['int', 'int4'],
    ['INTEGER', 'int4'],
    ['int4', 'int4'],
    ['INT4', 'int4'],
    ['serial', 'int4'],
    ['bigint', 'int8'],
    ['smallint', 'int2'],
    ['character varying(64)', 'varchar(64)'],
    ['varchar(64)', 'varchar(64)'],
    ['VARCHAR ( 64 )', 'varchar(64)'],
    ['character varying', 'varchar'],
    ['character(5)', 'bpchar(5)'],
    ['char', 'bpchar(1)'],
    ['"char"', '"char"'],
    ['text', 'text'],
    ['timestamp with time zone', 'timestamptz'],
    ['timestamptz', 'timestamptz'],
    ['timestamp without time zone', 'timestamp'],
    ['timestamp(3) without time zone', 'timestamp(3)'],
    ['timestamp(6)', 'timestamp'],
    ['time(3) with time zone', 'timetz(3)'],
    ['numeric(12, 2)', 'numeric(12,2)'],
    ['NUMERIC(12,2)', 'numeric(12,2)'],
    ['decimal(12,2)', 'numeric(12,2)'],
    ['numeric(12)', 'numeric(12,0)'],
    ['numeric', 'numeric'],
    ['double precision', 'float8'],
    ['float', 'float8'],
    ['real', 'float4'],
    ['boolean', 'bool'],
    ['text[]', 'text[]'],
    ['integer[]', 'int4[]'],
    ['int[3][]', 'int4[]'],
    ['character varying(64)[]', 'varchar(64)[]'],
    ['interval', 'interval'],
    ['interval day to second(3)', 'interval day to second(3)'],
    ['interval(3)', 'interval(3)'],
    ['bit varying(4)', 'varbit(4)'],
    ['public.order_status', 'public.order_status'],
    ['Public.Order_Status', 'public.order_status'],
    ['order_status', 'order_status'],
    ['"MixedCase"', '"MixedCase"'],
    ['public."MixedCase"', 'public."MixedCase"'],
    ['pg_catalog.int4', 'int4'],
    ['geometry(Point, 4326)', 'geometry(point,4326)'],
  ])('%s is %s', (spelling, canonical) => {
    expect(normalize(spelling)).toBe(canonical);
  });

  it('is idempotent', () => {
    for (const spelling of ['"char"', 'char', 'interval day to second(3)', 'numeric(12)', 'public."MixedCase"', 'int[]']) {
      expect(normalize(normalize(spelling))).toBe(normalize(spelling));
    }
  });

  it('keeps what is not one type name, lower-cased, instead of reading more into it', () => {
    expect(normalize('int FROM pg_class')).toBe('int from pg_class');
    expect(normalize('int; DROP TABLE x')).toBe('int; drop table x');
    expect(normalize('VARCHAR(')).toBe('varchar(');
  });
});

describe('postgresTypes.canHold', () => {
  it.each([
    // portable contract types are families
    ['string', 'varchar(10)', true],
    ['string', 'text', true],
    ['STRING', 'bpchar(3)', true],
    ['string', 'int4', false],
    ['integer', 'int8', true],
    ['integer', 'int2', true],
    ['integer', 'numeric', false],
    ['number', 'numeric(10,2)', true],
    ['number', 'float8', true],
    ['number', 'text', false],
    ['decimal', 'int4', true],
    ['decimal', 'float8', false],
    ['boolean', 'bool', true],
    ['date', 'timestamp', false],
    ['timestamp', 'timestamptz', true],
    ['timestamp', 'timestamp(3)', true],
    ['time', 'timetz', true],
    ['bytes', 'bytea', true],
    ['uuid', 'uuid', true],
    ['json', 'jsonb', true],
    ['object', 'jsonb', true],
    ['array', 'text[]', true],
    ['array', 'text', false],
    ['string', 'text[]', false],
    // native contract types
    ['varchar(64)', 'varchar(32)', true],
    ['varchar(64)', 'varchar(64)', true],
    ['varchar(64)', 'varchar(128)', false],
    ['varchar(64)', 'text', false],
    ['text', 'varchar(5)', true],
    ['text', 'bpchar(5)', true],
    ['character varying', 'text', true],
    ['bpchar(5)', 'varchar(5)', false],
    ['int8', 'int4', true],
    ['bigint', 'integer', true],
    ['int4', 'numeric(5,0)', false],
    ['numeric(12,2)', 'numeric(10,2)', true],
    ['numeric(12,2)', 'numeric(14,2)', false],
    ['numeric(12,2)', 'numeric(12,3)', false],
    ['numeric(12,2)', 'int4', true],
    ['numeric(12,2)', 'int8', false],
    ['numeric', 'numeric(12,2)', true],
    ['numeric(12,2)', 'numeric', false],
    ['float8', 'float4', true],
    ['float4', 'float8', false],
    ['timestamptz', 'timestamp', false],
    ['timestamp', 'timestamp(3)', true],
    ['timestamp(3)', 'timestamp', false],
    ['int4[]', 'int2[]', true],
    ['int4[]', 'int8[]', true],
    ['int4[]', 'int4', false],
    ['public.order_status', 'order_status', true],
    ['public.order_status', 'public.other_status', false],
    ['"MixedCase"', 'mixedcase', false],
  ])('%s holds %s: %s', (contractType, actual, holds) => {
    expect(canHold(contractType, actual)).toBe(holds);
  });

  it.each(['integer', 'INTEGER', 'int', 'int4', 'INT4', 'serial', 'smallint', 'int2', 'bigint', 'int8'])(
    'reads the contract spelling %s as the whole integer family, like the portable integer',
    (spelling) => {
      for (const actual of ['int2', 'int4', 'int8', 'numeric', 'numeric(5,0)', 'text', 'int4[]']) {
        expect([actual, canHold(spelling, actual)]).toEqual([actual, canHold('integer', actual)]);
      }
      expect(canHold(spelling, 'int8')).toBe(true);
      expect(canHold(spelling, 'numeric')).toBe(false);
    },
  );

  it('reads an enum type as a string', () => {
    expect(canHold('string', 'public.order_status', { isEnum: true })).toBe(true);
    expect(canHold('text', 'public.order_status', { isEnum: true })).toBe(true);
    expect(canHold('string', 'public.order_status')).toBe(false);
    expect(canHold('varchar(10)', 'public.order_status', { isEnum: true })).toBe(false);
    expect(canHold('integer', 'public.order_status', { isEnum: true })).toBe(false);
  });
});

describe('postgresTypes.isWidening', () => {
  it.each([
    ['varchar(64)', 'varchar(128)', true],
    ['character varying(64)', 'varchar(64)', false],
    ['varchar(128)', 'varchar(64)', false],
    ['varchar(64)', 'text', true],
    ['bpchar(3)', 'text', true],
    ['text', 'varchar(64)', false],
    ['int2', 'int4', true],
    ['int4', 'int8', true],
    ['int', 'bigint', true],
    ['int8', 'int4', false],
    ['int4', 'numeric', false],
    ['float4', 'float8', true],
    ['float8', 'float4', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(10,2)', 'numeric(12,4)', true],
    ['numeric(10,2)', 'numeric(11,3)', true],
    ['numeric(10,2)', 'numeric(10,3)', false],
    ['numeric(10,2)', 'numeric', true],
    ['numeric', 'numeric(10,2)', false],
    ['int4', 'int4', false],
    ['int4', 'text', false],
    ['int4', 'float8', false],
  ])('%s to %s: %s', (before, after, widening) => {
    expect(isWidening(before, after)).toBe(widening);
  });
});

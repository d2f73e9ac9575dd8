import { describe, expect, it } from '@jest/globals';
import { postgresTypes } from '../../../src/assets/postgres/types.js';

const { familyOf, isWidening } = postgresTypes;

describe('postgresTypes.familyOf', () => {
  it.each([
    ['text', 'text'],
    ['character varying(64)', 'text'],
    ['char(3)', 'text'],
    ['name', 'text'],
    ['citext', 'text'],
    ['smallint', 'integer'],
    ['INT', 'integer'],
    ['bigserial', 'integer'],
    ['numeric(12,2)', 'decimal'],
    ['decimal(12, 2)', 'decimal'],
    ['real', 'decimal'],
    ['double precision', 'decimal'],
    ['boolean', 'boolean'],
    ['date', 'datetime'],
    ['time(3) with time zone', 'datetime'],
    ['timestamp without time zone', 'datetime'],
    ['timestamptz', 'datetime'],
    ['uuid', 'uuid'],
    ['json', 'json'],
    ['jsonb', 'json'],
    ['bytea', 'bytes'],
    // portable contract types name a family too
    ['string', 'text'],
    ['Integer', 'integer'],
    ['number', 'decimal'],
    ['decimal', 'decimal'],
    ['timestamp', 'datetime'],
    ['bytes', 'bytes'],
  ])('%s is of the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });

  it.each(['interval', 'money', 'varbit(4)', 'point', 'int4[]', 'public.order_status', 'array', 'object'])('%s is of no family', (type) => {
    expect(familyOf(type)).toBeUndefined();
  });

  it('puts an enum type in the enum family', () => {
    expect(familyOf('public.order_status', { isEnum: true })).toBe('enum');
  });
});

/** `[before, after, widening]`: both of one family, so a change that is no widening is a narrowing. */
describe('the order inside each Postgres family', () => {
  it.each([
    ['varchar(64)', 'varchar(128)', true],
    ['varchar(128)', 'varchar(64)', false],
    ['varchar(64)', 'text', true],
    ['text', 'varchar(64)', false],
    ['bpchar(3)', 'bpchar(5)', true],
    ['varchar(5)', 'bpchar(5)', false],
    ['name', 'text', true],
    ['smallint', 'integer', true],
    ['integer', 'bigint', true],
    ['bigint', 'integer', false],
    ['bigint', 'smallint', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(12,2)', 'numeric(10,2)', false],
    ['numeric(12,2)', 'numeric(12,0)', false],
    ['numeric(12,2)', 'numeric(14,1)', false],
    ['numeric(12,2)', 'numeric', true],
    ['real', 'double precision', true],
    ['double precision', 'real', false],
    ['double precision', 'numeric', true],
    ['double precision', 'numeric(30,10)', false],
    ['numeric(12,2)', 'double precision', false],
    ['numeric', 'double precision', false],
    ['date', 'timestamp', true],
    ['timestamp', 'timestamptz', true],
    ['date', 'timestamptz', true],
    ['timestamptz', 'date', false],
    ['timestamptz', 'timestamp', false],
    ['timestamp', 'timestamp(3)', false],
    ['timestamp(3)', 'timestamptz', true],
    ['timestamp(3)', 'timestamptz(0)', false],
    ['time', 'timetz', true],
    ['timetz', 'time', false],
    ['time', 'timestamp', false],
    ['json', 'jsonb', true],
    ['jsonb', 'json', true],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(familyOf(before)).toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(widening);
  });

  it.each([
    ['int4', 'numeric'],
    ['int4', 'float8'],
    ['numeric(12,2)', 'int4'],
    ['text', 'bytea'],
    ['timestamptz', 'text'],
    ['uuid', 'text'],
  ])('%s to %s moves to another family, so is no widening', (before, after) => {
    expect(familyOf(before)).not.toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(false);
  });

  it('widens arrays element by element, inside the elements\' family', () => {
    expect(isWidening('int4[]', 'int8[]')).toBe(true);
    expect(isWidening('int8[]', 'int4[]')).toBe(false);
    expect(isWidening('int4[]', 'numeric[]')).toBe(false);
  });

  it('widens types outside the families as their readers read them', () => {
    expect(isWidening('varbit(4)', 'varbit(8)')).toBe(true);
    expect(isWidening('interval(3)', 'interval')).toBe(true);
  });
});

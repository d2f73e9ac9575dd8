import { describe, expect, it } from '@jest/globals';
import { avroTypes } from '../../../src/assets/avro/types.js';

const { familyOf, isWidening } = avroTypes;

describe('avroTypes.familyOf', () => {
  it.each([
    ['string', 'text'],
    ['bytes', 'bytes'],
    ['fixed com.acme.Hash(16)', 'bytes'],
    ['int', 'integer'],
    ['LONG', 'integer'],
    ['float', 'decimal'],
    ['double', 'decimal'],
    ['decimal(12, 2)', 'decimal'],
    ['boolean', 'boolean'],
    ['date', 'datetime'],
    ['time-millis', 'datetime'],
    ['timestamp-micros', 'datetime'],
    ['local-timestamp-nanos', 'datetime'],
    ['uuid', 'uuid'],
    ['enum com.acme.Status', 'enum'],
    // portable contract types
    ['integer', 'integer'],
    ['number', 'decimal'],
    ['timestamp', 'datetime'],
  ])('%s is of the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });

  it.each(['null', 'duration', 'record com.acme.Address', 'array<long>', 'map<string>', 'union<long,string>', 'com.acme.Status'])(
    '%s is of no family',
    (type) => {
      expect(familyOf(type)).toBeUndefined();
    },
  );

  it('puts a name the reader says is an enum in the enum family', () => {
    expect(familyOf('com.acme.Status', { isEnum: true })).toBe('enum');
  });
});

/** `[before, after, widening]`: both of one family, so a change that is no widening is a narrowing. */
describe('the order inside each Avro family', () => {
  it.each([
    ['int', 'long', true],
    ['long', 'int', false],
    ['float', 'double', true],
    ['double', 'float', false],
    ['decimal(10,2)', 'decimal(12,2)', true],
    ['decimal(12,2)', 'decimal(10,2)', false],
    // the scale lives in the schema: a reader of another scale reads every value off by a power of ten
    ['decimal(10,2)', 'decimal(12,3)', false],
    ['double', 'decimal(12,2)', false],
    ['decimal(12,2)', 'double', false],
    ['timestamp-millis', 'timestamp-micros', false],
    ['date', 'timestamp-millis', false],
    ['fixed com.acme.Hash(16)', 'bytes', false],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(familyOf(before)).toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(widening);
  });

  it.each([
    ['int', 'double'],
    ['long', 'float'],
    ['string', 'bytes'],
    ['int', 'date'],
    ['long', 'timestamp-millis'],
    ['string', 'uuid'],
    ['enum com.acme.Status', 'string'],
  ])('%s to %s moves to another family, so is no widening, though Avro promotes some', (before, after) => {
    expect(familyOf(before)).not.toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(false);
  });

  it('widens inside arrays, maps and unions only inside each family', () => {
    expect(isWidening('array<int>', 'array<long>')).toBe(true);
    expect(isWidening('array<int>', 'array<double>')).toBe(false);
    expect(isWidening('map<float>', 'map<double>')).toBe(true);
    expect(isWidening('union<int,string>', 'union<long,string>')).toBe(true);
    expect(isWidening('union<int,string>', 'union<double,string>')).toBe(false);
  });
});

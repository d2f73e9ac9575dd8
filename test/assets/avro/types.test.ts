import { describe, expect, it } from '@jest/globals';
import { avroTypes } from '../../../src/assets/avro/types.js';

const { normalize, canHold, isWidening } = avroTypes;
const unionBranches = avroTypes.unionBranches!;

describe('avroTypes.normalize', () => {
  it.each([
    ['long', 'long'],
    ['LONG', 'long'],
    [' Int ', 'int'],
    ['decimal(12, 2)', 'decimal(12,2)'],
    ['DECIMAL( 12 )', 'decimal(12,0)'],
    ['decimal', 'decimal'],
    ['Timestamp-Millis', 'timestamp-millis'],
    ['uuid', 'uuid'],
    ['array < long >', 'array<long>'],
    ['Map<String>', 'map<string>'],
    ['array<union<string,null>>', 'array<union<null,string>>'],
    ['union<string, long>', 'union<long,string>'],
    ['union<long,string,long>', 'union<long,string>'],
    ['RECORD com.acme.Address', 'record com.acme.Address'],
    ['enum  com.acme.Status', 'enum com.acme.Status'],
    ['fixed com.acme.Hash( 16 )', 'fixed com.acme.Hash(16)'],
    ['com.acme.Status', 'com.acme.Status'],
    ['array', 'array'],
    ['array<', 'array<'],
    ['decimal(12,2,1)', 'decimal(12,2,1)'],
    ['not  a   type!', 'not a type!'],
  ])('%s is %s', (spelling, canonical) => {
    expect(normalize(spelling)).toBe(canonical);
  });

  it('is idempotent', () => {
    for (const spelling of ['union<string, long>', 'decimal(12)', 'fixed com.acme.Hash(16)', 'array<union<string,null>>']) {
      expect(normalize(normalize(spelling))).toBe(normalize(spelling));
    }
  });
});

describe('avroTypes.canHold', () => {
  it.each([
    // portable contract types hold families of Avro types
    ['string', 'string', true],
    ['string', 'bytes', true],
    ['string', 'uuid', true],
    ['string', 'enum com.acme.Status', true],
    ['string', 'long', false],
    ['integer', 'int', true],
    ['integer', 'long', true],
    ['integer', 'double', false],
    ['integer', 'date', false],
    ['number', 'double', true],
    ['number', 'decimal(12,2)', true],
    ['decimal', 'decimal(12,2)', true],
    ['decimal', 'long', true],
    ['decimal', 'double', false],
    ['boolean', 'boolean', true],
    ['date', 'date', true],
    ['date', 'int', false],
    ['time', 'time-micros', true],
    ['timestamp', 'timestamp-millis', true],
    ['timestamp', 'local-timestamp-micros', true],
    ['timestamp', 'long', false],
    ['bytes', 'fixed com.acme.Hash(16)', true],
    ['uuid', 'uuid', true],
    ['uuid', 'string', false],
    ['json', 'map<string>', true],
    ['object', 'record com.acme.Address', true],
    ['object', 'array<long>', false],
    ['array', 'array<record com.acme.Line>', true],
    ['integer', 'union<int,long>', true],
    ['integer', 'union<long,string>', false],
    // Avro spellings hold what their reader resolves
    ['long', 'int', true],
    ['long', 'long', true],
    ['int', 'long', false],
    ['double', 'float', true],
    ['float', 'long', true],
    ['long', 'timestamp-millis', true],
    ['timestamp-millis', 'long', false],
    ['timestamp-millis', 'timestamp-micros', false],
    ['decimal(12,2)', 'decimal(10,2)', true],
    ['decimal(12,2)', 'decimal(14,2)', false],
    ['decimal(12,2)', 'decimal(12,3)', false],
    ['array<long>', 'array<int>', true],
    ['array<int>', 'array<long>', false],
    ['map<double>', 'map<int>', true],
    ['record com.acme.Address', 'record com.acme.geo.Address', true],
    ['record com.acme.Address', 'record com.acme.Location', false],
    ['enum com.acme.Status', 'record com.acme.Status', false],
    ['com.acme.Status', 'enum com.acme.Status', true],
    ['fixed com.acme.Hash(16)', 'fixed com.acme.Hash(32)', false],
    ['union<long,string>', 'long', true],
    ['union<long,string>', 'union<int,string>', true],
    ['union<long,string>', 'union<long,string,boolean>', false],
    ['long', 'union<int,long>', true],
    ['array<long>', 'array<union<long,null>>', false],
  ])('%s holds %s: %s', (contract, actual, holds) => {
    expect(canHold(contract, actual)).toBe(holds);
  });

  it('reads a name the reader says is an enum as a string', () => {
    expect(canHold('string', 'com.acme.Status', { isEnum: true })).toBe(true);
    expect(canHold('string', 'com.acme.Status')).toBe(false);
  });

  it('never makes a finding of a spelling', () => {
    expect(canHold('Decimal(12, 2)', 'decimal(12,2)')).toBe(true);
    expect(canHold('UNION<string,long>', 'union<long,string>')).toBe(true);
  });
});

describe('avroTypes.isWidening', () => {
  it.each([
    ['int', 'long', true],
    ['int', 'double', false],
    ['long', 'float', false],
    ['float', 'double', true],
    ['string', 'bytes', false],
    ['bytes', 'string', false],
    ['long', 'int', false],
    ['long', 'long', false],
    ['decimal(10,2)', 'decimal(12,2)', true],
    ['decimal(10,2)', 'decimal(12,3)', false],
    ['array<int>', 'array<long>', true],
    ['map<float>', 'map<double>', true],
    ['union<int,string>', 'union<long,string>', true],
    ['long', 'union<long,string>', false],
    ['union<int,string>', 'union<int,long,string>', false],
    ['union<int,long>', 'long', true],
    ['timestamp-millis', 'long', false],
    ['long', 'timestamp-millis', false],
    ['enum com.acme.Status', 'string', false],
  ])('%s to %s: %s', (before, after, widens) => {
    expect(isWidening(before, after)).toBe(widens);
  });
});

describe('avroTypes.unionBranches', () => {
  it.each([
    ['union<string, long>', ['long', 'string']],
    ['union<long,null,array<int>>', ['array<int>', 'long', 'null']],
    ['union<long,LONG>', ['long']],
    ['long', undefined],
    ['array<union<long,string>>', undefined],
  ])('%s has branches %j', (type, branches) => {
    expect(unionBranches(type)).toEqual(branches);
  });
});

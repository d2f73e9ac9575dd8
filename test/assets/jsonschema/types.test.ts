import { describe, expect, it } from '@jest/globals';
import { jsonSchemaTypes } from '../../../src/assets/jsonschema/types.js';

const { normalize, canHold, isWidening } = jsonSchemaTypes;
const unionBranches = jsonSchemaTypes.unionBranches!;

describe('jsonSchemaTypes.normalize', () => {
  it.each([
    ['integer', 'integer'],
    [' Integer ', 'integer'],
    ['string(date-time)', 'string(date-time)'],
    ['String( UUID )', 'string(uuid)'],
    ['array', 'array<any>'],
    ['array < string >', 'array<string>'],
    ['union<string, integer>', 'union<integer,string>'],
    ['union<integer,string,integer>', 'union<integer,string>'],
    ['union<integer,number>', 'number'],
    ['union<string,string(date)>', 'string'],
    ['union<string,any>', 'any'],
    ['union<string>', 'string'],
    ['array<union<null,string>>', 'array<union<null,string>>'],
    ['not  a   type!', 'not a type!'],
    ['array<', 'array<'],
  ])('%s is %s', (spelling, canonical) => {
    expect(normalize(spelling)).toBe(canonical);
  });

  it('is idempotent', () => {
    for (const spelling of ['union<string, integer>', 'array', 'String( UUID )', 'not  a   type!']) {
      expect(normalize(normalize(spelling))).toBe(normalize(spelling));
    }
  });
});

describe('jsonSchemaTypes.canHold', () => {
  it.each([
    // portable contract types
    ['string', 'string', true],
    ['string', 'string(date-time)', true],
    ['string', 'integer', false],
    ['integer', 'integer', true],
    ['integer', 'number', false],
    ['number', 'integer', true],
    ['number', 'number', true],
    ['decimal', 'number', true],
    ['boolean', 'boolean', true],
    ['date', 'string(date)', true],
    ['date', 'string', false],
    ['time', 'string(time)', true],
    ['timestamp', 'string(date-time)', true],
    ['timestamp', 'string(date)', false],
    ['uuid', 'string(uuid)', true],
    ['uuid', 'string', false],
    ['bytes', 'string(byte)', true],
    ['json', 'any', true],
    ['json', 'union<integer,object>', true],
    ['object', 'object', true],
    ['object', 'array<object>', false],
    ['array', 'array<string>', true],
    ['Timestamp', 'string(date-time)', true],
    // a union holds only when each branch can be held
    ['string', 'union<string,string(uuid)>', true],
    ['string', 'union<integer,string>', false],
    ['number', 'union<integer,number>', true],
    // this format's spellings
    ['string(date-time)', 'string(date-time)', true],
    ['string(date-time)', 'string', false],
    ['array<number>', 'array<integer>', true],
    ['array<integer>', 'array<number>', false],
    ['union<integer,string>', 'string(uuid)', true],
    ['union<integer,string>', 'boolean', false],
    ['any', 'object', true],
    ['object', 'any', false],
  ])('%s holds %s: %s', (contract, actual, expected) => {
    expect(canHold(contract, actual)).toBe(expected);
  });
});

describe('jsonSchemaTypes.isWidening', () => {
  it.each([
    ['integer', 'number', false],
    ['number', 'integer', false],
    ['string(date-time)', 'string', false],
    ['string(email)', 'string', true],
    ['object', 'any', true],
    ['string', 'string(date-time)', false],
    ['union<integer,string>', 'union<boolean,integer,string>', false],
    ['string', 'union<integer,string>', false],
    ['union<integer,string(email)>', 'union<integer,string>', true],
    ['union<integer,string>', 'string', false],
    ['array<integer>', 'array<number>', false],
    ['array<string(email)>', 'array<string>', true],
    ['string', 'integer', false],
    ['integer', 'integer', false],
    ['string', 'any', false],
  ])('%s to %s: %s', (before, after, expected) => {
    expect(isWidening(before, after)).toBe(expected);
  });
});

describe('jsonSchemaTypes.unionBranches', () => {
  it('lists a union\'s branches normalised and sorted, and nothing for another type', () => {
    expect(unionBranches('union<string, integer, string(uuid)>')).toEqual(['integer', 'string']);
    expect(unionBranches('union<string(date), integer>')).toEqual(['integer', 'string(date)']);
    expect(unionBranches('array<union<integer,string>>')).toBeUndefined();
    expect(unionBranches('string')).toBeUndefined();
  });
});

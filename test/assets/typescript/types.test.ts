import { describe, expect, it } from '@jest/globals';
import { typescriptTypes as types } from '../../../src/assets/typescript/types.js';

describe('the TypeScript type system', () => {
  it.each([
    ['Date', 'timestamp'],
    ['string[]', 'array<string>'],
    ['Array<number>', 'array<number>'],
    ['ReadonlyArray<Date>', 'array<timestamp>'],
    ['string | number', 'union<number,string>'],
    ['union<string, number>', 'union<number,string>'],
    ['(string | null)[]', 'array<union<null,string>>'],
    ['any', 'unknown'],
    ['  BigInt ', 'bigint'],
    ['Money<"EUR">', 'Money<"EUR">'],
  ])('spells %s as %s', (written, spelled) => {
    expect(types.normalize(written)).toBe(spelled);
  });

  it.each([
    ['string', 'string', true],
    ['number', 'integer', true],
    ['number', 'bigint', false],
    ['integer', 'number', false],
    ['integer', 'integer', true],
    ['integer', 'bigint', true],
    ['decimal', 'number', true],
    ['timestamp', 'timestamp', true],
    ['Date', 'timestamp', true],
    ['date', 'timestamp', false],
    ['uuid', 'string', false],
    ['json', 'object', true],
    ['json', 'union<number,string>', true],
    ['object', 'object', true],
    ['array', 'array<string>', true],
    ['array', 'string', false],
    ['string[]', 'array<string>', true],
    ['string[]', 'array<number>', false],
    ['string | number', 'string', true],
    ['string', 'union<number,string>', false],
    ['boolean', 'boolean', true],
  ])('a contract type %s holds %s: %s', (contract, actual, holds) => {
    expect(types.canHold(contract, actual)).toBe(holds);
  });

  it.each([
    ['integer', 'bigint', true],
    ['bigint', 'integer', false],
    ['integer', 'number', false],
    ['object', 'unknown', true],
    ['string', 'union<number,string>', false],
    ['array<integer>', 'array<bigint>', true],
    ['string', 'string', false],
  ])('%s to %s widens: %s', (before, after, widens) => {
    expect(types.isWidening(before, after)).toBe(widens);
  });

  it.each([
    ['string', 'text'],
    ['number', 'decimal'],
    ['integer', 'integer'],
    ['bigint', 'integer'],
    ['boolean', 'boolean'],
    ['timestamp', 'datetime'],
    ['Date', 'datetime'],
    ['object', 'json'],
    ['unknown', 'json'],
    ['array<string>', undefined],
    ['union<number,string>', undefined],
  ])('puts %s in the %s family', (type, family) => {
    expect(types.familyOf(type)).toBe(family);
  });

  it('lists a union\'s branches', () => {
    expect(types.unionBranches!('string | number')).toEqual(['number', 'string']);
    expect(types.unionBranches!('string')).toBeUndefined();
  });
});

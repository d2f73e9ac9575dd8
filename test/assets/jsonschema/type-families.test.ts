import { describe, expect, it } from '@jest/globals';
import { jsonSchemaTypes } from '../../../src/assets/jsonschema/types.js';

const { familyOf, isWidening } = jsonSchemaTypes;

describe('jsonSchemaTypes.familyOf', () => {
  it.each([
    ['string', 'text'],
    ['string(email)', 'text'],
    ['string(uri)', 'text'],
    ['integer', 'integer'],
    ['number', 'decimal'],
    ['boolean', 'boolean'],
    // string formats that carry another kind of value
    ['string(date-time)', 'datetime'],
    ['string(date)', 'datetime'],
    ['string(time)', 'datetime'],
    ['string(uuid)', 'uuid'],
    ['string(byte)', 'bytes'],
    ['object', 'json'],
    ['any', 'json'],
    // portable contract types
    ['timestamp', 'datetime'],
    ['decimal', 'decimal'],
    ['bytes', 'bytes'],
  ])('%s is of the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });

  it.each(['null', 'array<string>', 'union<integer,string>'])('%s is of no family', (type) => {
    expect(familyOf(type)).toBeUndefined();
  });
});

/** `[before, after, widening]`: both of one family, so a change that is no widening is a narrowing. */
describe('the order inside each JSON Schema family', () => {
  it.each([
    ['string(email)', 'string', true],
    ['string', 'string(email)', false],
    ['string(email)', 'string(uri)', false],
    ['string(date-time)', 'string(date)', false],
    ['string(date)', 'string(date-time)', false],
    ['object', 'any', true],
    ['any', 'object', false],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(familyOf(before)).toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(widening);
  });

  it.each([
    // the specification makes integer and number two types: a number may carry fractions
    ['integer', 'number'],
    ['number', 'integer'],
    ['string', 'string(date-time)'],
    ['string(date-time)', 'string'],
    ['string', 'string(uuid)'],
    ['string', 'any'],
  ])('%s to %s moves to another family, so is no widening', (before, after) => {
    expect(familyOf(before)).not.toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(false);
  });
});

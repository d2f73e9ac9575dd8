import { describe, expect, it } from '@jest/globals';
import { protobufTypes } from '../../../src/assets/protobuf/types.js';

const { familyOf, isWidening } = protobufTypes;

describe('protobufTypes.familyOf', () => {
  it.each([
    ['string', 'text'],
    ['message google.protobuf.StringValue', 'text'],
    ['bytes', 'bytes'],
    ['int32', 'integer'],
    ['SFIXED64', 'integer'],
    ['uint64', 'integer'],
    ['message google.protobuf.Int64Value', 'integer'],
    ['double', 'decimal'],
    ['float', 'decimal'],
    ['message google.type.Decimal', 'decimal'],
    ['bool', 'boolean'],
    ['message google.protobuf.Timestamp', 'datetime'],
    ['message google.type.Date', 'datetime'],
    ['message google.type.TimeOfDay', 'datetime'],
    ['message google.protobuf.Struct', 'json'],
    ['message google.protobuf.Value', 'json'],
    ['enum acme.Status', 'enum'],
    // portable contract types
    ['integer', 'integer'],
    ['number', 'decimal'],
    ['uuid', 'uuid'],
  ])('%s is of the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });

  it.each(['message acme.Money', 'message google.protobuf.Duration', 'repeated int64', 'map<string,int64>', 'oneof', 'acme.Status'])(
    '%s is of no family',
    (type) => {
      expect(familyOf(type)).toBeUndefined();
    },
  );

  it('puts a name the reader says is an enum in the enum family', () => {
    expect(familyOf('acme.Status', { isEnum: true })).toBe('enum');
  });
});

/**
 * `[before, after, widening]`: both of the integer or the decimal family, so a change that is no widening is a
 * narrowing. Only changes that keep every value and that old readers decode on the wire widen.
 */
describe('the order inside each Protobuf family', () => {
  it.each([
    ['int32', 'int64', true],
    ['uint32', 'uint64', true],
    ['uint32', 'int64', true],
    ['sint32', 'sint64', true],
    ['message google.protobuf.Int32Value', 'message google.protobuf.Int64Value', true],
    ['message google.protobuf.UInt32Value', 'message google.protobuf.Int64Value', true],
    ['int64', 'int32', false],
    ['uint64', 'int64', false],
    ['int32', 'uint32', false],
    // the same values, but another encoding: old readers misread them
    ['int32', 'sint32', false],
    ['int32', 'sfixed32', false],
    ['fixed32', 'fixed64', false],
    ['sfixed32', 'sfixed64', false],
    ['int64', 'message google.protobuf.Int64Value', false],
    ['float', 'double', false],
    ['double', 'float', false],
    ['double', 'message google.type.Decimal', false],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(familyOf(before)).toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(widening);
  });

  it.each([
    ['int32', 'double'],
    ['double', 'int32'],
    ['string', 'bytes'],
    ['enum acme.Status', 'int32'],
    ['int64', 'message google.protobuf.Timestamp'],
  ])('%s to %s moves to another family, so is no widening', (before, after) => {
    expect(familyOf(before)).not.toBe(familyOf(after));
    expect(isWidening(before, after)).toBe(false);
  });
});

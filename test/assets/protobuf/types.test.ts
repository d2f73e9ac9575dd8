import { describe, expect, it } from '@jest/globals';
import { protobufTypes } from '../../../src/assets/protobuf/types.js';

describe('Protobuf types', () => {
  it.each([
    ['INT64', 'int64'],
    [' repeated   string ', 'repeated string'],
    ['array<int64>', 'repeated int64'],
    ['map<string, int64>', 'map<string,int64>'],
    ['MAP < STRING , message .acme.Money >', 'map<string,message acme.Money>'],
    ['message .acme.Money', 'message acme.Money'],
    ['Enum acme.Status', 'enum acme.Status'],
    ['.acme.Money', 'acme.Money'],
    ['Money', 'Money'],
    ['repeated map<string,int32>', 'repeated map<string,int32>'],
    ['ONEOF', 'oneof'],
    ['Timestamp', 'timestamp'],
    ['Customer', 'Customer'],
    ['integer', 'integer'],
  ])('normalizes %j to %j', (spelling, canonical) => {
    expect(protobufTypes.normalize(spelling)).toBe(canonical);
  });

  it.each([
    ['integer', 'int32', true],
    ['integer', 'sfixed64', true],
    ['integer', 'uint64', true],
    ['integer', 'double', false],
    ['integer', 'message google.protobuf.Int64Value', true],
    ['number', 'float', true],
    ['number', 'sint32', true],
    ['number', 'string', false],
    ['decimal', 'int64', true],
    ['decimal', 'double', false],
    ['string', 'string', true],
    ['string', 'enum acme.Status', true],
    ['string', 'bytes', false],
    ['string', 'message google.protobuf.StringValue', true],
    ['boolean', 'bool', true],
    ['bytes', 'bytes', true],
    ['uuid', 'string', true],
    ['timestamp', 'message google.protobuf.Timestamp', true],
    ['timestamp', 'int64', false],
    ['date', 'message google.type.Date', true],
    ['time', 'message google.type.TimeOfDay', true],
    ['json', 'message google.protobuf.Struct', true],
    ['object', 'message acme.Money', true],
    ['object', 'map<string,int64>', true],
    ['object', 'enum acme.Status', false],
    ['array', 'repeated int64', true],
    ['array', 'int64', false],
    ['int64', 'int32', true],
    ['int64', 'uint32', true],
    ['int64', 'uint64', false],
    ['uint64', 'fixed32', true],
    ['int32', 'int64', false],
    ['sint64', 'sfixed32', true],
    ['double', 'float', true],
    ['double', 'int32', true],
    ['double', 'int64', false],
    ['float', 'double', false],
    ['acme.Money', 'message acme.Money', true],
    ['message acme.Money', 'message acme.Price', false],
    ['enum acme.Status', 'message acme.Status', false],
    ['repeated int64', 'repeated int32', true],
    ['array<string>', 'repeated string', true],
    ['map<string,int64>', 'map<string,int32>', true],
    ['map<string,int64>', 'map<int32,int64>', false],
    ['oneof', 'oneof', true],
  ])('a contract type %s holds %s: %s', (contract, actual, holds) => {
    expect(protobufTypes.canHold(contract, actual)).toBe(holds);
  });

  it('lets a string contract hold what the extractor says is an enum', () => {
    expect(protobufTypes.canHold('string', 'acme.Status', { isEnum: true })).toBe(true);
  });

  it.each([
    ['int32', 'int64', true],
    ['uint32', 'uint64', true],
    ['uint32', 'int64', true],
    ['sint32', 'sint64', true],
    ['repeated int32', 'repeated int64', true],
    ['map<string,uint32>', 'map<string,uint64>', true],
    ['int32', 'uint64', false],
    ['int32', 'sint64', false],
    ['fixed32', 'fixed64', false],
    ['sfixed32', 'sfixed64', false],
    ['float', 'double', false],
    ['int64', 'int32', false],
    ['int64', 'int64', false],
    ['string', 'bytes', false],
    ['map<string,int32>', 'map<int32,int64>', false],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(protobufTypes.isWidening(before, after)).toBe(widening);
  });

  it('has no union types', () => {
    expect(protobufTypes.unionBranches?.('oneof')).toBeUndefined();
  });
});

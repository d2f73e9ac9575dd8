import type { Cardinality, ProtoValueType } from './model.js';

type Kind = ProtoValueType['kind'];

/**
 * Kinds one another's readers decode, as buf groups them after protobuf's updating rules: int32, int64, uint32,
 * uint64 and bool share the varint; sint32 and sint64 the zigzag varint; fixed32 and sfixed32, fixed64 and sfixed64
 * their widths. string and bytes stand apart because bytes need not be UTF-8 (string to bytes is allowed on its own),
 * and enums apart from integers because an integer need not be one of the enum's numbers.
 */
const WIRE_GROUPS: Record<Kind, number> = {
  int32: 1,
  int64: 1,
  uint32: 1,
  uint64: 1,
  bool: 1,
  sint32: 2,
  sint64: 2,
  string: 3,
  bytes: 4,
  fixed32: 5,
  sfixed32: 5,
  fixed64: 6,
  sfixed64: 6,
  double: 7,
  float: 8,
  group: 9,
  message: 10,
  enum: 11,
};

/** Kinds that decode alike on the wire and in JSON too, where 64-bit integers are strings and 32-bit ones numbers. */
const WIRE_JSON_GROUPS: Record<Kind, number> = {
  int32: 1,
  uint32: 1,
  int64: 2,
  uint64: 2,
  fixed32: 3,
  sfixed32: 3,
  fixed64: 4,
  sfixed64: 4,
  bool: 5,
  sint32: 6,
  sint64: 7,
  string: 8,
  bytes: 9,
  double: 10,
  float: 11,
  group: 12,
  message: 13,
  enum: 14,
};

export type Encoding = 'wire' | 'wire-json';

export function sameKindGroup(encoding: Encoding, before: Kind, after: Kind): boolean {
  const groups = encoding === 'wire' ? WIRE_GROUPS : WIRE_JSON_GROUPS;
  return groups[before] === groups[after];
}

/**
 * Cardinalities one another's readers decode: presence is not on the wire, a required field must be sent, and a map
 * is a repeated entry message on the wire but an object, not an array, in JSON.
 */
const CARDINALITY_GROUPS: Record<Encoding, Record<Cardinality, number>> = {
  wire: { 'optional-explicit': 1, 'optional-implicit': 1, required: 2, repeated: 3, map: 3 },
  'wire-json': { 'optional-explicit': 1, 'optional-implicit': 1, required: 2, repeated: 3, map: 4 },
};

export function sameCardinalityGroup(encoding: Encoding, before: Cardinality, after: Cardinality): boolean {
  return CARDINALITY_GROUPS[encoding][before] === CARDINALITY_GROUPS[encoding][after];
}

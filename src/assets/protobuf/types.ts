import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import type { ScalarKind } from './model.js';
import { parseSpelling, renderSpelling, type Spelling } from './spelling.js';

const SIGNED_32 = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const UNSIGNED_32 = [0n, 2n ** 32n - 1n] as const;
const SIGNED_64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UNSIGNED_64 = [0n, 2n ** 64n - 1n] as const;

/** The values each integer type carries, whatever its encoding. */
const INTEGER_RANGES: Partial<Record<ScalarKind, readonly [bigint, bigint]>> = {
  int32: SIGNED_32,
  sint32: SIGNED_32,
  sfixed32: SIGNED_32,
  uint32: UNSIGNED_32,
  fixed32: UNSIGNED_32,
  int64: SIGNED_64,
  sint64: SIGNED_64,
  sfixed64: SIGNED_64,
  uint64: UNSIGNED_64,
  fixed64: UNSIGNED_64,
};

/** A double represents every float and every 32-bit integer exactly, but not every 64-bit one. */
const DOUBLE_EXACT = new Set<ScalarKind>(['float', 'int32', 'sint32', 'sfixed32', 'uint32', 'fixed32']);

/**
 * Changes that keep every value and that the wire reads alike: a 32-bit varint reads the same as a 64-bit one
 * (negative int32s are sign-extended to ten bytes on the wire), and so do zigzag ones. fixed32 to fixed64 and float
 * to double change the wire type, so they break old readers and are narrowings; so does moving between encodings of
 * one range (int32 to sint32 or sfixed32), whose readers misread every value. int32 to int64 stays a widening though
 * proto3's JSON writes 64-bit integers as strings: proto3 JSON parsers take numbers and strings for every integer
 * type, and a hand-written JSON reader that takes only numbers is what buf's WIRE_JSON rules guard, when the contract
 * sets `asset.compatibility`.
 */
const WIDENINGS: Partial<Record<ScalarKind, readonly ScalarKind[]>> = {
  int32: ['int64'],
  uint32: ['uint64', 'int64'],
  sint32: ['sint64'],
};

/** The wrapper messages carry one scalar, which may be absent. */
const WRAPPERS: Record<string, ScalarKind> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

const JSON_MESSAGES = new Set(['google.protobuf.Struct', 'google.protobuf.Value', 'google.protobuf.ListValue']);

/** The scalar a field carries, directly or in a wrapper message. */
function scalarOf(type: Spelling): ScalarKind | undefined {
  if (type.form === 'scalar') return type.kind;
  return type.form === 'named' ? WRAPPERS[type.name] : undefined;
}

const SCALAR_FAMILIES: Record<ScalarKind, TypeFamily> = {
  double: 'decimal',
  float: 'decimal',
  int32: 'integer',
  int64: 'integer',
  uint32: 'integer',
  uint64: 'integer',
  sint32: 'integer',
  sint64: 'integer',
  fixed32: 'integer',
  fixed64: 'integer',
  sfixed32: 'integer',
  sfixed64: 'integer',
  bool: 'boolean',
  string: 'text',
  bytes: 'bytes',
};

/** The well-known messages that carry a family's values; other messages are structures, of no family. */
const MESSAGE_FAMILIES = new Map<string, TypeFamily>([
  ['google.type.Decimal', 'decimal'],
  ['google.protobuf.Timestamp', 'datetime'],
  ['google.type.Date', 'datetime'],
  ['google.type.DateTime', 'datetime'],
  ['google.type.TimeOfDay', 'datetime'],
  ...[...JSON_MESSAGES].map((name) => [name, 'json'] as const),
]);

/** A wrapper is of its scalar's family; Protobuf has no UUID type (UUIDs travel as strings, so as text). */
function familyOfSpelling(type: Spelling, isEnum: boolean): TypeFamily | undefined {
  const scalar = scalarOf(type);
  if (scalar) return SCALAR_FAMILIES[scalar];
  if (type.form !== 'named') return undefined;
  return isEnum || type.kind === 'enum' ? 'enum' : MESSAGE_FAMILIES.get(type.name);
}

function isInteger(type: Spelling): boolean {
  const scalar = scalarOf(type);
  return scalar !== undefined && scalar in INTEGER_RANGES;
}

function isNamed(type: Spelling, ...names: string[]): boolean {
  return type.form === 'named' && names.includes(type.name);
}

/**
 * Portable contract types, each holding a family of Protobuf types. Protobuf has no UUID, date or
 * time scalar: UUIDs travel as strings, dates and times as the google.type messages.
 */
const PORTABLE_TYPES: Record<string, (actual: Spelling, isEnum: boolean) => boolean> = {
  string: (t, isEnum) => scalarOf(t) === 'string' || isEnum || (t.form === 'named' && t.kind === 'enum'),
  integer: isInteger,
  number: (t) => isInteger(t) || scalarOf(t) === 'double' || scalarOf(t) === 'float',
  decimal: (t) => isInteger(t) || isNamed(t, 'google.type.Decimal'),
  boolean: (t) => scalarOf(t) === 'bool',
  date: (t) => isNamed(t, 'google.type.Date'),
  time: (t) => isNamed(t, 'google.type.TimeOfDay'),
  timestamp: (t) => isNamed(t, 'google.protobuf.Timestamp'),
  bytes: (t) => scalarOf(t) === 'bytes',
  uuid: (t) => scalarOf(t) === 'string',
  json: (t) => isNamed(t, ...JSON_MESSAGES),
  object: (t) => t.form === 'map' || (t.form === 'named' && t.kind !== 'enum' && !(t.name in WRAPPERS)),
  array: (t) => t.form === 'repeated' || isNamed(t, 'google.protobuf.ListValue'),
};

function scalarHolds(container: ScalarKind, actual: ScalarKind): boolean {
  if (container === actual) return true;
  if (container === 'double') return DOUBLE_EXACT.has(actual);
  const outer = INTEGER_RANGES[container];
  const inner = INTEGER_RANGES[actual];
  return !!outer && !!inner && outer[0] <= inner[0] && inner[1] <= outer[1];
}

/** Whether a consumer of `container`, in Protobuf's own spelling, reads every value of `actual`. */
function holds(container: Spelling, actual: Spelling): boolean {
  if (container.form === 'scalar' && actual.form === 'scalar') return scalarHolds(container.kind, actual.kind);
  if (container.form === 'named' && actual.form === 'named') {
    // A contract may name a type without saying whether it is a message or an enum.
    return container.name === actual.name && (!container.kind || !actual.kind || container.kind === actual.kind);
  }
  if (container.form === 'repeated' && actual.form === 'repeated') return holds(container.element, actual.element);
  if (container.form === 'map' && actual.form === 'map') {
    return renderSpelling(container.key) === renderSpelling(actual.key) && holds(container.value, actual.value);
  }
  return container.form === 'word' && actual.form === 'word' && container.word === actual.word;
}

function scalarWidens(before: ScalarKind | undefined, after: ScalarKind | undefined): boolean {
  return before !== undefined && after !== undefined && (WIDENINGS[before]?.includes(after) ?? false);
}

/** A wrapper carries its scalar as its field 1, so Int32Value to Int64Value reads on the wire as int32 to int64. */
function widens(before: Spelling, after: Spelling): boolean {
  if (before.form === 'scalar' && after.form === 'scalar') return scalarWidens(before.kind, after.kind);
  if (before.form === 'named' && after.form === 'named') {
    return scalarWidens(WRAPPERS[before.name], WRAPPERS[after.name]);
  }
  if (before.form === 'repeated' && after.form === 'repeated') return widens(before.element, after.element);
  if (before.form === 'map' && after.form === 'map') {
    return renderSpelling(before.key) === renderSpelling(after.key) && widens(before.value, after.value);
  }
  return false;
}

/**
 * Protobuf field types as the reader spells them (`int64`, `message acme.Money`, `enum acme.Status`,
 * `repeated string`, `map<string,int64>`, `oneof`). Contracts may also write `array<T>` for `repeated T`, leave out
 * a type's kind (`acme.Money`) or its leading dot, and use any case for scalars. A oneof is modelled as a field of
 * its own, so no type is a union.
 */
export const protobufTypes: TypeSystem = {
  normalize: (type) => renderSpelling(parseSpelling(type)),
  canHold(contractType, actual, actualTraits) {
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    if (portable) return portable(parseSpelling(actual), actualTraits?.isEnum ?? false);
    return holds(parseSpelling(contractType), parseSpelling(actual));
  },
  isWidening: (before, after) => widens(parseSpelling(before), parseSpelling(after)),
  unionBranches: () => undefined,
  familyOf(type, traits) {
    const portable = PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase());
    return portable ?? familyOfSpelling(parseSpelling(type), traits?.isEnum ?? false);
  },
};

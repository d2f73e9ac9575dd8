import type { SourceLocation } from '../model.js';

/** Protobuf's scalar value types. */
export const SCALAR_KINDS = [
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
] as const;

export type ScalarKind = (typeof SCALAR_KINDS)[number];

export function isScalarKind(name: string): name is ScalarKind {
  return (SCALAR_KINDS as readonly string[]).includes(name);
}

/** What one value of a field is, as the wire sees it: a scalar, or a named message, group or enum. */
export type ProtoValueType =
  | { kind: ScalarKind }
  | { kind: 'message' | 'group' | 'enum'; /** Full name, without protobuf's leading dot. */ typeName: string };

/**
 * How many values a field holds and whether its absence is visible, as buf names it: `optional-explicit` fields
 * track presence (proto2 optional, proto3 `optional`, messages, oneof members), `optional-implicit` ones read as the
 * zero value when unset (proto3 scalars).
 */
export type Cardinality = 'optional-explicit' | 'optional-implicit' | 'required' | 'repeated' | 'map';

/** Whether JSON is fully supported (`ALLOW`) or only as far as it goes (`LEGACY_BEST_EFFORT`, proto2's default). */
export type JsonFormat = 'ALLOW' | 'LEGACY_BEST_EFFORT';

export interface ProtoField {
  name: string;
  number: number;
  jsonName: string;
  cardinality: Cardinality;
  /** The value, the element of a repeated field, or a map's value. */
  value: ProtoValueType;
  mapKey?: ScalarKind;
  /** A map's entry message, which protoc generates and names after the field: `acme.Order.QuantitiesEntry`. */
  mapEntry?: string;
  /** The oneof the field belongs to; never the synthetic oneof protobufjs makes for a proto3 `optional`. */
  oneof?: string;
  /** A proto2 (or editions) `[default = ...]`, as written: enum defaults by value name. */
  declaredDefault?: string;
  /** Whether parsers reject a string that is not valid UTF-8 (the `utf8_validation` feature; proto2 never does). */
  utf8Validated: boolean;
  location: SourceLocation;
}

export interface ProtoOneof {
  name: string;
  location: SourceLocation;
}

/** Reserved field or enum numbers (inclusive ranges) and names. */
export interface Reserved {
  ranges: readonly (readonly [number, number])[];
  names: readonly string[];
}

export interface ProtoMessage {
  /** Full name, without protobuf's leading dot: `acme.orders.v1.Order`. */
  fullName: string;
  location: SourceLocation;
  /** In declaration order. */
  fields: readonly ProtoField[];
  oneofs: readonly ProtoOneof[];
  reserved: Reserved;
  /** Inclusive ranges of numbers left to extensions. */
  extensionRanges: readonly (readonly [number, number])[];
  jsonFormat: JsonFormat;
  /** A map field's entry message: generated, never declared. */
  mapEntry?: true;
}

export interface ProtoEnumValue {
  name: string;
  number: number;
  location: SourceLocation;
}

export interface ProtoEnum {
  fullName: string;
  location: SourceLocation;
  values: readonly ProtoEnumValue[];
  reserved: Reserved;
  /** A closed enum (proto2's, or the `enum_type` feature) reads an unknown number as an unknown field. */
  closed: boolean;
  jsonFormat: JsonFormat;
}

/** A field declared outside the message it extends, under a name of its own scope: `extend Order { ... }`. */
export interface ProtoExtension {
  /** `acme.note`, or `acme.Line.note` when declared inside message acme.Line. */
  fullName: string;
  /** The extended message's full name. */
  extendee: string;
  /** The field, under its short name; an extension has no oneof and no JSON name of its own. */
  field: ProtoField;
}

/**
 * One commit's reading of a Protobuf asset: every message, enum and extension of the files read with it (map
 * entries included), by full name.
 */
export interface ProtobufSchema {
  /** The asset message's full name. */
  name: string;
  messages: ReadonlyMap<string, ProtoMessage>;
  enums: ReadonlyMap<string, ProtoEnum>;
  extensions: ReadonlyMap<string, ProtoExtension>;
  /** The file that defines the asset message. */
  file: { path: string; text: string };
}

/** Well-known types (`google.protobuf.Timestamp`, the wrappers, ...) are read as values, never opened up. */
export function isWellKnown(typeName: string): boolean {
  return typeName.startsWith('google.protobuf.');
}

/** Extensions by the message they extend, then by number. */
export type ExtensionIndex = ReadonlyMap<string, ReadonlyMap<number, ProtoExtension>>;

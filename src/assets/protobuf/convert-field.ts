import protobuf from 'protobufjs';
import type { SourceLocation } from '../model.js';
import { type Cardinality, isScalarKind, type JsonFormat, type ProtoField, type ProtoMessage, type ProtoValueType, type ScalarKind } from './model.js';
import { bare } from './symbols.js';

type Features = Partial<Record<'field_presence' | 'utf8_validation' | 'json_format' | 'enum_type', string>>;

/** protobufjs resolves every object's editions features (and proto2's and proto3's equivalents), privately. */
export function featuresOf(object: protobuf.ReflectionObject): Features {
  return (object as unknown as { _features?: Features })._features ?? {};
}

export function jsonFormatOf(object: protobuf.ReflectionObject): JsonFormat {
  return featuresOf(object).json_format === 'LEGACY_BEST_EFFORT' ? 'LEGACY_BEST_EFFORT' : 'ALLOW';
}

export function fieldOf(field: protobuf.Field, location: SourceLocation): ProtoField {
  const value = valueType(field);
  const oneof = field.partOf && !field.partOf.isProto3Optional ? field.partOf.name : undefined;
  const declared: unknown = field.options?.['default'];
  const group = groupName(field);
  return {
    name: group ?? field.name,
    number: field.id,
    jsonName: group ?? field.jsonName,
    cardinality: cardinality(field, value),
    value,
    ...(field instanceof protobuf.MapField && isScalarKind(field.keyType) ? { mapKey: field.keyType, mapEntry: mapEntryName(field) } : {}),
    ...(oneof ? { oneof } : {}),
    ...(declared === undefined ? {} : { declaredDefault: String(declared) }),
    utf8Validated: featuresOf(field).utf8_validation === 'VERIFY',
    location,
  };
}

/**
 * protoc names a group's field after the group, all lower-case (`LineItem` → `lineitem`); protobufjs lower-cases
 * its first letter only.
 */
function groupName(field: protobuf.Field): string | undefined {
  const type = field.resolvedType;
  // protobufjs marks a group's message but does not declare the mark.
  if (!(type instanceof protobuf.Type) || !(type as protobuf.Type & { group?: boolean }).group) return undefined;
  return field.name === type.name.charAt(0).toLowerCase() + type.name.slice(1) ? type.name.toLowerCase() : undefined;
}

/** protoc's name for a map field's entry message, nested in the field's message: `item_counts` → `ItemCountsEntry`. */
function mapEntryName(field: protobuf.Field): string {
  const camel = field.name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
  return `${bare(field.parent!.fullName)}.${camel}Entry`;
}

function valueType(field: protobuf.Field): ProtoValueType {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', typeName: bare(resolved.fullName) };
  if (resolved instanceof protobuf.Type) {
    // Editions' DELIMITED encoding is proto2's group encoding, which the wire tells apart from a message.
    return { kind: field.delimited ? 'group' : 'message', typeName: bare(resolved.fullName) };
  }
  return { kind: field.type as ScalarKind };
}

function cardinality(field: protobuf.Field, value: ProtoValueType): Cardinality {
  if (field.map) return 'map';
  if (field.repeated) return 'repeated';
  if (field.required) return 'required';
  // protobufjs leaves message fields out of hasPresence, but a message field's absence is always visible.
  return field.hasPresence || value.kind === 'message' || value.kind === 'group' ? 'optional-explicit' : 'optional-implicit';
}

/**
 * The entry message protoc generates for a map field: its key as field 1 and its value as field 2, with the
 * presence a field declared without a label has in the map's message.
 */
export function mapEntryMessage(map: ProtoField, parent: protobuf.Type, jsonFormat: JsonFormat): ProtoMessage {
  const presence: Cardinality = featuresOf(parent).field_presence === 'IMPLICIT' ? 'optional-implicit' : 'optional-explicit';
  const entryField = (name: string, number: number, value: ProtoValueType): ProtoField => ({
    name,
    number,
    jsonName: name,
    cardinality: value.kind === 'message' || value.kind === 'group' ? 'optional-explicit' : presence,
    value,
    utf8Validated: map.utf8Validated,
    location: map.location,
  });
  return {
    fullName: map.mapEntry!,
    location: map.location,
    fields: [entryField('key', 1, { kind: map.mapKey! }), entryField('value', 2, map.value)],
    oneofs: [],
    reserved: { ranges: [], names: [] },
    extensionRanges: [],
    jsonFormat,
    mapEntry: true,
  };
}

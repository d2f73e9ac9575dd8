import protobuf from 'protobufjs';
import type { SourceLocation } from '../model.js';
import type { LoadedMessage } from './load.js';
import {
  type Cardinality,
  isScalarKind,
  isWellKnown,
  type ProtobufSchema,
  type ProtoEnum,
  type ProtoField,
  type ProtoMessage,
  type ProtoValueType,
  type Reserved,
  type ScalarKind,
} from './model.js';

/** Turns the resolved protobufjs root into the plain model the comparisons read. */
export function toSchema(loaded: LoadedMessage, name: string): ProtobufSchema {
  const messages = new Map<string, ProtoMessage>();
  const enums = new Map<string, ProtoEnum>();
  const locate = locator(loaded);
  const visit = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      const fullName = bare(nested.fullName);
      if (isWellKnown(fullName)) continue;
      if (nested instanceof protobuf.Type) messages.set(fullName, messageOf(nested, locate));
      if (nested instanceof protobuf.Enum) enums.set(fullName, enumOf(nested, locate));
      if (nested instanceof protobuf.Namespace) visit(nested);
    }
  };
  visit(loaded.root);
  return { name: bare(name), messages, enums, file: { path: loaded.file.path, text: loaded.file.text } };
}

type Locate = (fullName: string, fallback?: SourceLocation) => SourceLocation;

/** Every declaration of the loaded files is in their outlines; the fallbacks keep a location if one ever is not. */
function locator(loaded: LoadedMessage): Locate {
  const top = { file: loaded.file.path, line: 1 };
  return (fullName, fallback) => loaded.locations.get(fullName) ?? fallback ?? top;
}

/** protobufjs's full names start with a dot. */
function bare(fullName: string): string {
  return fullName.replace(/^\./, '');
}

function messageOf(type: protobuf.Type, locate: Locate): ProtoMessage {
  const fullName = bare(type.fullName);
  const location = locate(fullName);
  const fields = type.fieldsArray
    .map((field) => fieldOf(field, locate(`${fullName}.${field.name}`, location)))
    .sort((a, b) => a.location.line - b.location.line);
  const oneofs = type.oneofsArray
    .filter((oneof) => !oneof.isProto3Optional)
    .map((oneof) => ({ name: oneof.name, location: locate(`${fullName}.${oneof.name}`, location) }));
  return { fullName, location, fields, oneofs, reserved: reservedOf(type.reserved) };
}

function fieldOf(field: protobuf.Field, location: SourceLocation): ProtoField {
  const value = valueType(field);
  const oneof = field.partOf && !field.partOf.isProto3Optional ? field.partOf.name : undefined;
  const declared: unknown = field.options?.['default'];
  return {
    name: field.name,
    number: field.id,
    jsonName: field.jsonName,
    cardinality: cardinality(field, value),
    value,
    ...(field instanceof protobuf.MapField && isScalarKind(field.keyType) ? { mapKey: field.keyType } : {}),
    ...(oneof ? { oneof } : {}),
    ...(declared === undefined ? {} : { declaredDefault: String(declared) }),
    location,
  };
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

function enumOf(type: protobuf.Enum, locate: Locate): ProtoEnum {
  const fullName = bare(type.fullName);
  const location = locate(fullName);
  const values = Object.entries(type.values).map(([name, number]) => ({
    name,
    number,
    location: locate(`${fullName}.${name}`, location),
  }));
  return { fullName, location, values, reserved: reservedOf(type.reserved) };
}

function reservedOf(reserved: (number[] | string)[] | undefined): Reserved {
  const ranges: (readonly [number, number])[] = [];
  const names: string[] = [];
  for (const entry of reserved ?? []) {
    if (typeof entry === 'string') names.push(entry);
    else if (entry.length === 2) ranges.push([entry[0]!, entry[1]!]);
  }
  return { ranges, names };
}

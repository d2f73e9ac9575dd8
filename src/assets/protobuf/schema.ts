import type { AssetSchema, FieldSchema } from '../model.js';
import { isWellKnown, type ProtobufSchema, type ProtoField, type ProtoMessage } from './model.js';
import { fieldSpelling, renderSpelling } from './spelling.js';

/**
 * The asset as the engine compares it: every field of the message, nested messages' fields under dotted paths
 * (`customer.address.zip`, after the `customer` field itself). A repeated or map field's message lists its fields
 * under the field's name. A message already open on the path is not opened again, so recursive messages end.
 * Well-known types (`google.protobuf.Timestamp`) are values: they are not opened.
 */
export function assetSchema(schema: ProtobufSchema): AssetSchema {
  const message = schema.messages.get(schema.name)!;
  return {
    name: schema.name,
    kind: 'message',
    fields: flatten(schema, message, '', new Set([message.fullName])),
    origin: message.location,
  };
}

export function joinPath(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/** The message whose fields a field's values carry, when they carry one that is opened up. */
export function openedMessage(schema: ProtobufSchema, field: ProtoField): ProtoMessage | undefined {
  const { value } = field;
  if (value.kind !== 'message' && value.kind !== 'group') return undefined;
  return isWellKnown(value.typeName) ? undefined : schema.messages.get(value.typeName);
}

function flatten(schema: ProtobufSchema, message: ProtoMessage, prefix: string, onPath: ReadonlySet<string>): FieldSchema[] {
  const fields: FieldSchema[] = [];
  const listedOneofs = new Set<string>();
  for (const field of message.fields) {
    // A oneof is listed once, where it is declared: just before its first member.
    if (field.oneof && !listedOneofs.has(field.oneof)) {
      listedOneofs.add(field.oneof);
      fields.push(oneofField(message, field.oneof, prefix));
    }
    const path = joinPath(prefix, field.name);
    fields.push(fieldSchema(schema, field, path));
    const nested = openedMessage(schema, field);
    if (nested && !onPath.has(nested.fullName)) {
      fields.push(...flatten(schema, nested, path, new Set([...onPath, nested.fullName])));
    }
  }
  return fields;
}

function fieldSchema(schema: ProtobufSchema, field: ProtoField, path: string): FieldSchema {
  const enumValues = field.value.kind === 'enum' && field.cardinality !== 'map' ? schema.enums.get(field.value.typeName)?.values : undefined;
  return {
    name: path,
    type: renderSpelling(fieldSpelling(field)),
    // Implicit-presence scalars read as their zero value, required fields are always there, and an empty list or
    // map is a value: only explicit presence lets a reader see "absent".
    nullable: field.cardinality === 'optional-explicit',
    ...(field.declaredDefault === undefined ? {} : { default: field.declaredDefault }),
    ...(enumValues ? { allowedValues: enumValues.map((value) => value.name), allowedValuesFrom: 'enum' as const } : {}),
    primaryKey: false,
    unique: false,
    origin: field.location,
  };
}

/** A oneof is a value of its own: which member is set, or none. */
function oneofField(message: ProtoMessage, name: string, prefix: string): FieldSchema {
  const oneof = message.oneofs.find((candidate) => candidate.name === name);
  return {
    name: joinPath(prefix, name),
    type: 'oneof',
    nullable: true,
    allowedValues: message.fields.filter((field) => field.oneof === name).map((field) => field.name),
    allowedValuesFrom: 'oneof',
    primaryKey: false,
    unique: false,
    origin: oneof?.location ?? message.location,
  };
}

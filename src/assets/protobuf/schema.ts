import type { AssetSchema, FieldSchema, SourceLocation } from '../model.js';
import { isWellKnown, type ProtobufSchema, type ProtoField, type ProtoMessage } from './model.js';
import { describeChain, isOpen, open, type OpenMessages } from './open-messages.js';
import { fieldSpelling, renderSpelling } from './spelling.js';

/** How far the asset's fields are opened up before reading stops with an error instead of running out of memory. */
export const READ_LIMITS = {
  /** Field paths listed, over every path a message is reached by: a message DAG doubles them at every level. */
  fieldPaths: 100_000,
  /** Messages open at once on one path. */
  openMessages: 100,
};

/** The asset's fields cannot all be listed within READ_LIMITS. */
export class ReadLimitError extends Error {
  constructor(
    message: string,
    readonly location: SourceLocation,
  ) {
    super(message);
  }
}

/**
 * The asset as the engine compares it: every field of the message, nested messages' fields under dotted paths
 * (`customer.address.zip`, after the `customer` field itself). A repeated or map field's message lists its fields
 * under the field's name. A message already open on the path is not opened again, so recursive messages end.
 * Well-known types (`google.protobuf.Timestamp`) are values: they are not opened. Extensions are not listed: they
 * are no field of the message as its readers name fields.
 */
export function assetSchema(schema: ProtobufSchema): AssetSchema {
  const message = schema.messages.get(schema.name)!;
  const fields = fieldsBelow(schema, message, '', open(undefined, message.fullName));
  return { name: schema.name, kind: 'message', fields, origin: message.location };
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

/** A listed field, or a message whose fields are listed next, under `prefix`. */
type Entry = { field: FieldSchema } | { message: ProtoMessage; prefix: string; opened: OpenMessages };

/**
 * The fields of `message`, found under `prefix` with `opened` already open, and of the messages they open. Depth
 * first, without recursion: each field, then the fields of the message it opens.
 */
export function fieldsBelow(schema: ProtobufSchema, message: ProtoMessage, prefix: string, opened: OpenMessages): FieldSchema[] {
  const fields: FieldSchema[] = [];
  const pending: Entry[] = [{ message, prefix, opened }];
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    if ('field' in entry) {
      fields.push(entry.field);
      if (fields.length > READ_LIMITS.fieldPaths) {
        const what = prefix || message.fullName;
        throw new ReadLimitError(`${what} opens up to more than ${READ_LIMITS.fieldPaths} field paths: its messages are reached along too many paths to list`, message.location);
      }
      continue;
    }
    pending.push(...entriesOf(schema, entry.message, entry.prefix, entry.opened).reverse());
  }
  return fields;
}

function entriesOf(schema: ProtobufSchema, message: ProtoMessage, prefix: string, opened: OpenMessages): Entry[] {
  const entries: Entry[] = [];
  const oneofMembers = membersByOneof(message);
  const oneofLocations = new Map(message.oneofs.map((oneof) => [oneof.name, oneof.location]));
  for (const field of message.fields) {
    // A oneof is listed once, where it is declared: just before its first member.
    const members = field.oneof === undefined ? undefined : oneofMembers.get(field.oneof);
    if (members?.[0] === field) entries.push({ field: oneofField(oneofLocations, message, field.oneof!, members, prefix) });
    const path = joinPath(prefix, field.name);
    entries.push({ field: fieldSchema(schema, field, path) });
    const nested = openedMessage(schema, field);
    if (!nested || isOpen(opened, nested.fullName)) continue;
    if (opened.depth >= READ_LIMITS.openMessages) {
      const chain = describeChain(open(opened, nested.fullName));
      throw new ReadLimitError(`${path} nests more than ${READ_LIMITS.openMessages} messages deep (${chain})`, field.location);
    }
    entries.push({ message: nested, prefix: path, opened: open(opened, nested.fullName) });
  }
  return entries;
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

function membersByOneof(message: ProtoMessage): Map<string, ProtoField[]> {
  const members = new Map<string, ProtoField[]>();
  for (const field of message.fields) {
    if (field.oneof === undefined) continue;
    const list = members.get(field.oneof) ?? [];
    list.push(field);
    members.set(field.oneof, list);
  }
  return members;
}

/** A oneof is a value of its own: which member is set, or none. */
function oneofField(
  locations: ReadonlyMap<string, SourceLocation>,
  message: ProtoMessage,
  name: string,
  members: readonly ProtoField[],
  prefix: string,
): FieldSchema {
  return {
    name: joinPath(prefix, name),
    type: 'oneof',
    nullable: true,
    allowedValues: members.map((field) => field.name),
    allowedValuesFrom: 'oneof',
    primaryKey: false,
    unique: false,
    origin: locations.get(name) ?? message.location,
  };
}

import protobuf from 'protobufjs';
import type { SourceLocation } from '../model.js';
import { featuresOf, fieldOf, jsonFormatOf, mapEntryMessage } from './convert-field.js';
import type { LoadedModule } from './load.js';
import type { ProtobufSchema, ProtoEnum, ProtoExtension, ProtoMessage, Reserved } from './model.js';
import { bare } from './symbols.js';

type Locate = (fullName: string, fallback?: SourceLocation) => SourceLocation;

/**
 * Turns the resolved protobufjs root into the plain model the comparisons read: every message (with the entry
 * messages of its maps), enum and extension the repository's files declare. The bundled google/protobuf
 * definitions are left out: they are values, never compared.
 */
export function toSchema(loaded: LoadedModule, name: string): ProtobufSchema {
  const messages = new Map<string, ProtoMessage>();
  const enums = new Map<string, ProtoEnum>();
  const extensions = new Map<string, ProtoExtension>();
  const locate = locator(loaded);
  const pending: protobuf.NamespaceBase[] = [loaded.root];
  for (let namespace = pending.pop(); namespace; namespace = pending.pop()) {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Namespace) pending.push(nested);
      const fullName = bare(nested.fullName);
      if (!loaded.owners.has(fullName)) continue;
      if (nested instanceof protobuf.Type) {
        for (const message of messagesOf(nested, locate)) messages.set(message.fullName, message);
      } else if (nested instanceof protobuf.Enum) {
        enums.set(fullName, enumOf(nested, locate));
      } else if (nested instanceof protobuf.Field && nested.extend !== undefined) {
        extensions.set(fullName, { fullName, extendee: bare(nested.extend), field: fieldOf(nested, locate(fullName)) });
      }
    }
  }
  return { name: bare(name), messages, enums, extensions, file: { path: loaded.file.path, text: loaded.file.text } };
}

/** Every declaration of the files is in their outlines; the fallbacks keep a location if one ever is not. */
function locator(loaded: LoadedModule): Locate {
  return (fullName, fallback) => loaded.locations.get(fullName) ?? fallback ?? { file: loaded.owners.get(fullName) ?? loaded.file.path, line: 1 };
}

/** The message and the entry messages of its maps. */
function messagesOf(type: protobuf.Type, locate: Locate): ProtoMessage[] {
  const fullName = bare(type.fullName);
  const location = locate(fullName);
  const fields = type.fieldsArray
    .filter((field) => !field.declaringField)
    .map((field) => fieldOf(field, locate(`${fullName}.${field.name}`, location)))
    .sort((a, b) => a.location.line - b.location.line);
  const oneofs = type.oneofsArray
    .filter((oneof) => !oneof.isProto3Optional)
    .map((oneof) => ({ name: oneof.name, location: locate(`${fullName}.${oneof.name}`, location) }));
  const jsonFormat = jsonFormatOf(type);
  const extensionRanges = (type.extensions ?? []).map(([from, to]) => [from!, to!] as const);
  const message: ProtoMessage = { fullName, location, fields, oneofs, reserved: reservedOf(type.reserved), extensionRanges, jsonFormat };
  const entries = fields.filter((field) => field.mapEntry).map((field) => mapEntryMessage(field, type, jsonFormat));
  return [message, ...entries];
}

function enumOf(type: protobuf.Enum, locate: Locate): ProtoEnum {
  const fullName = bare(type.fullName);
  const location = locate(fullName);
  const values = Object.entries(type.values).map(([name, number]) => ({
    name,
    number,
    location: locate(`${fullName}.${name}`, location),
  }));
  return {
    fullName,
    location,
    values,
    reserved: reservedOf(type.reserved),
    closed: featuresOf(type).enum_type === 'CLOSED',
    jsonFormat: jsonFormatOf(type),
  };
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

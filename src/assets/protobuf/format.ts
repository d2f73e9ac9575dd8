import type { SchemaFormat } from '../events/format.js';
import { protobufIncompatibilities } from './compatibility.js';
import type { ProtobufSchema } from './model.js';
import { listProtobuf, readProtobuf } from './reader.js';
import { protobufFieldRenames } from './renames.js';
import { protobufTypes } from './types.js';

/**
 * Protobuf messages in .proto files, read with protobufjs and checked with buf's breaking-change rules.
 *
 * buf compares the newer version against the older whatever the direction, and so does this: on the wire a reader
 * skips fields it does not know and misreads a number reused with another meaning in either direction, so each rule
 * guards old readers of new data and new readers of old data at once.
 */
export const protobufFormat: SchemaFormat<ProtobufSchema> = {
  type: 'protobuf',
  types: protobufTypes,
  read: readProtobuf,
  list: listProtobuf,
  fieldRenames: protobufFieldRenames,
  incompatibilities: (older, newer, _direction, options) => protobufIncompatibilities(older, newer, options),
  // Registries take one file per schema; the files it imports would be references, which are not sent.
  registrySchema: (parsed) => ({ schemaType: 'PROTOBUF', schema: parsed.file.text }),
};

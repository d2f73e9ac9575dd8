import type { SchemaFile, SchemaRead } from '../events/format.js';
import { toSchema } from './convert.js';
import { loadMessage } from './load.js';
import type { ProtobufSchema } from './model.js';
import { assetSchema } from './schema.js';

/**
 * Reads message `name` (its full name, `acme.orders.v1.Order`) from the .proto files the contract's source matches:
 * proto2, proto3 and editions files, with imports between them and google/protobuf's well-known types.
 */
export function readProtobuf(files: readonly SchemaFile[], name: string): SchemaRead<ProtobufSchema> {
  const loaded = loadMessage(files, name);
  if (loaded.status !== 'present') return loaded;
  const schema = toSchema(loaded.loaded, name);
  return { status: 'present', schema: assetSchema(schema), parsed: schema };
}

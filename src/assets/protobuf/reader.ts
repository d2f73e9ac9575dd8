import type { SchemaFile, SchemaRead } from '../events/format.js';
import { toSchema } from './convert.js';
import { failure } from './errors.js';
import { loadMessage } from './load.js';
import type { ProtobufSchema } from './model.js';
import { assetSchema, ReadLimitError } from './schema.js';

/**
 * Reads message `name` (its full name, `acme.orders.v1.Order`) from the .proto files the contract's source matches:
 * proto2, proto3 and editions files, with the types of every file they match and google/protobuf's well-known
 * types. A message whose fields cannot all be listed within the reader's limits is an error, not a crash.
 */
export function readProtobuf(files: readonly SchemaFile[], name: string): SchemaRead<ProtobufSchema> {
  const loaded = loadMessage(files, name);
  if (loaded.status !== 'present') return loaded;
  const schema = toSchema(loaded.loaded, name);
  try {
    return { status: 'present', schema: assetSchema(schema), parsed: schema };
  } catch (error) {
    if (!(error instanceof ReadLimitError)) throw error;
    return { status: 'error', error: { ...failure(error.location.file, error.message, error.location.line), kind: 'limit' } };
  }
}

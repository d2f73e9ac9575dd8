import type { SchemaFormat } from '../events/format.js';
import type { AvroSchema } from './model.js';
import { listAvro, readAvro } from './reader.js';
import { fieldRenames } from './renames.js';
import { incompatibilities } from './resolution.js';
import { avroTypes } from './types.js';

/** Avro records from `.avsc` files: read with avsc's validation, compared by the specification's schema resolution. */
export const avroFormat: SchemaFormat<AvroSchema> = {
  type: 'avro',
  types: avroTypes,
  read: readAvro,
  list: listAvro,
  fieldRenames: (older, newer) => fieldRenames(older.record, newer.record),
  incompatibilities: (older, newer, direction) => incompatibilities(older.record, newer.record, direction),
  registrySchema: (parsed) => ({ schemaType: 'AVRO', schema: parsed.registryJson }),
};

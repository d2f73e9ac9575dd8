import type { SchemaFormat } from '../events/format.js';
import { incompatibilities } from './compatibility.js';
import type { JsonSchemaAsset } from './asset.js';
import { listJsonSchemas, readJsonSchema } from './reader.js';
import { registryJson } from './registry-schema.js';
import { jsonSchemaTypes } from './types.js';

/**
 * JSON Schemas (draft-07, 2019-09, 2020-12) from `.json` files: validated with Ajv against their draft, `$ref`s
 * followed within and across files, compared as Confluent Schema Registry compares them.
 */
export const jsonSchemaFormat: SchemaFormat<JsonSchemaAsset> = {
  type: 'jsonschema',
  types: jsonSchemaTypes,
  read: readJsonSchema,
  list: listJsonSchemas,
  // JSON Schema has no way to say a property was renamed: a rename is a removal and an addition.
  fieldRenames: () => [],
  incompatibilities,
  registrySchema: (parsed) => ({ schemaType: 'JSON', schema: registryJson(parsed) }),
};

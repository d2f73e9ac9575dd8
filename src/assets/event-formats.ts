import type { SchemaRegistry } from '../registry/port.js';
import { avroFormat } from './avro/format.js';
import { jsonSchemaFormat } from './jsonschema/format.js';
import { protobufFormat } from './protobuf/format.js';
import { EventSchemaExtractor, type SchemaFormats } from './events/extractor.js';

/** Every event-schema format the engine reads. */
export const SCHEMA_FORMATS: SchemaFormats = {
  avro: avroFormat as SchemaFormats['avro'],
  protobuf: protobufFormat as SchemaFormats['protobuf'],
  jsonschema: jsonSchemaFormat as SchemaFormats['jsonschema'],
};

/** The event-schema extractor with every format, asking `registry` where a contract names a subject. */
export function eventSchemaExtractor(registry?: SchemaRegistry): EventSchemaExtractor {
  return new EventSchemaExtractor(SCHEMA_FORMATS, registry);
}

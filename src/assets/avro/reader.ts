import type { SchemaFile, SchemaRead } from '../events/format.js';
import { JsonDocument } from '../json-document.js';
import type { ExtractionError } from '../model.js';
import { buildRecord } from './build.js';
import { closureOf } from './closure.js';
import { flattenFields } from './fields.js';
import { SchemaPastBounds } from './limits.js';
import type { AvroSchema } from './model.js';
import { registryJson } from './registry-schema.js';
import { type Definition, errorAt, indexSchemas, type SchemaIndex } from './schema-index.js';
import { validateUnits } from './validate.js';

/**
 * Reads the record `name` (a full name) from the .avsc files. Only the schemas the record needs are validated, so a
 * broken schema elsewhere never stops it. A file that is not JSON at all (or nests deeper than it is read) might
 * have defined what the record needs, so it is reported when the record, or a type the record uses, is found
 * nowhere else; otherwise it is left alone.
 */
export function readAvro(files: readonly SchemaFile[], name: string): SchemaRead<AvroSchema> {
  const documents: JsonDocument[] = [];
  const unreadable: ExtractionError[] = [];
  for (const file of files) {
    const parsed = JsonDocument.parse(file.path, file.text);
    if (parsed.ok) documents.push(parsed.document);
    else unreadable.push(parsed.error);
  }
  const [firstUnreadable] = unreadable;
  const index = indexSchemas(documents);
  const [root] = index.definitions.get(name) ?? [];
  if (!root) return firstUnreadable ? { status: 'error', error: firstUnreadable } : { status: 'absent' };
  if (root.kind !== 'record') {
    const message = `${name} is ${root.kind === 'enum' ? 'an' : 'a'} ${root.kind}, not a record`;
    return { status: 'error', error: errorAt(root.unit, [...root.path, 'name'], message) };
  }
  const closure = closureOf(root, index);
  if (!closure.ok) return { status: 'error', error: closure.unresolved && firstUnreadable ? firstUnreadable : closure.error };
  const invalid = validateUnits(closure.units);
  if (invalid) return { status: 'error', error: invalid };
  return modelOf(name, root, index);
}

/** The record's model, or the bound it goes past (records nested too deep, too many fields once nested ones are listed). */
function modelOf(name: string, root: Definition, index: SchemaIndex): SchemaRead<AvroSchema> {
  try {
    const record = buildRecord(root, index);
    return {
      status: 'present',
      schema: { name, kind: 'record', fields: flattenFields(record), origin: record.location },
      parsed: { record, registryJson: registryJson(root, index) },
    };
  } catch (error) {
    if (!(error instanceof SchemaPastBounds)) throw error;
    return { status: 'error', error: { kind: 'limit', ...error.location, message: error.message } };
  }
}

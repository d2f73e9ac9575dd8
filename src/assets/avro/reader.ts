import type { SchemaFile, SchemaRead } from '../events/format.js';
import { JsonDocument } from '../json-document.js';
import type { AssetListing, AssetSchema, ExtractionError } from '../model.js';
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
  return readIndexed(indexFiles(files), name);
}

/**
 * Every record a file (or an element of a file that lists schemas in an array) defines at its root, by its full name,
 * read as `readAvro` reads it; records defined only inside another are part of it and are not listed. A file that is
 * not JSON is an error, and so is a record that cannot be read; the others are still listed.
 */
export function listAvro(files: readonly SchemaFile[]): AssetListing {
  const indexed = indexFiles(files);
  const roots = indexed.index.units.flatMap((unit) => unit.definitions.filter((definition) => definition.path.length === unit.path.length));
  const names = new Set(roots.filter((definition) => definition.kind === 'record').map((definition) => definition.fullName));
  const errors = new Map(indexed.unreadable.map((error) => [JSON.stringify(error), error]));
  const assets: AssetSchema[] = [];
  for (const name of names) {
    const read = readIndexed(indexed, name);
    if (read.status === 'present') assets.push(read.schema);
    else if (read.status === 'error') errors.set(JSON.stringify(read.error), read.error);
  }
  return { assets, errors: [...errors.values()] };
}

/** The files' named types, and the files that are not JSON. */
interface IndexedFiles {
  index: SchemaIndex;
  unreadable: ExtractionError[];
}

function indexFiles(files: readonly SchemaFile[]): IndexedFiles {
  const documents: JsonDocument[] = [];
  const unreadable: ExtractionError[] = [];
  for (const file of files) {
    const parsed = JsonDocument.parse(file.path, file.text);
    if (parsed.ok) documents.push(parsed.document);
    else unreadable.push(parsed.error);
  }
  return { index: indexSchemas(documents), unreadable };
}

function readIndexed({ index, unreadable }: IndexedFiles, name: string): SchemaRead<AvroSchema> {
  const [firstUnreadable] = unreadable;
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

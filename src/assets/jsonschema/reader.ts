import type { SchemaFile, SchemaRead } from '../events/format.js';
import { JsonDocument } from '../json-document.js';
import type { AssetListing, AssetSchema, ExtractionError, FieldSchema } from '../model.js';
import { closureOf } from './closure.js';
import { draftOf } from './drafts.js';
import { flattenFields } from './fields.js';
import { resolveUri, withoutFragment } from './identifiers.js';
import { locationOf } from './keywords.js';
import { SchemaTooComplex } from './limits.js';
import type { JsonSchemaAsset } from './asset.js';
import { isJsonObject, type SchemaDocument, type SchemaNode } from './model.js';
import { rootNode, SchemaIndex } from './resources.js';
import { Views } from './views.js';

/**
 * Reads the JSON Schema named `name` (its `$id`, or its file's path) from the .json files. A file that cannot be
 * read (not JSON, or an unknown draft) might have been the asset or a schema it refers to, so it is reported when
 * the asset is found nowhere else or a reference is left unresolved; otherwise it is left alone.
 */
export function readJsonSchema(files: readonly SchemaFile[], name: string): SchemaRead<JsonSchemaAsset> {
  return readLoaded(loadFiles(files), name);
}

/**
 * The root schema of every file that is a JSON Schema, by the name a contract writes for it: its `$id`, or its path
 * when it has none (or when an earlier file answers to the same `$id`), read as `readJsonSchema` reads that name.
 * Schemas inside a file (`$defs`, a subschema with an `$id` of its own) are part of it and are not listed. A file that
 * is not a JSON Schema of a known draft is an error, and so is a schema that cannot be read; the others are still
 * listed.
 */
export function listJsonSchemas(files: readonly SchemaFile[]): AssetListing {
  const loaded = loadFiles(files);
  const errors = new Map(loaded.unreadable.map((error) => [JSON.stringify(error), error]));
  const report = (error: ExtractionError): void => void errors.set(JSON.stringify(error), error);
  const assets: AssetSchema[] = [];
  for (const document of loaded.documents) {
    const name = namesOf(document).find((candidate) => rootDocumentOf(loaded.documents, candidate) === document);
    if (name === undefined) {
      report({ kind: 'failed', file: document.file, message: 'no asset.name reads this schema: earlier files answer to both its $id and its path' });
      continue;
    }
    const read = readLoaded(loaded, name);
    if (read.status === 'present') assets.push({ ...read.schema, name });
    else if (read.status === 'error') report(read.error);
  }
  return { assets, errors: [...errors.values()] };
}

/** The files read as schema documents, with the ones that could not be, and every schema resource they hold. */
interface LoadedFiles {
  documents: SchemaDocument[];
  unreadable: ExtractionError[];
  index: SchemaIndex;
}

function loadFiles(files: readonly SchemaFile[]): LoadedFiles {
  const documents: SchemaDocument[] = [];
  const unreadable: ExtractionError[] = [];
  for (const file of files) {
    const read = schemaDocument(file);
    if (read.ok) documents.push(read.document);
    else unreadable.push(read.error);
  }
  return { documents, unreadable, index: new SchemaIndex(documents) };
}

/** The file a contract's name reads: the first whose `$id` or path it is. */
function rootDocumentOf(documents: readonly SchemaDocument[], name: string): SchemaDocument | undefined {
  return documents.find((document) => namesOf(document).includes(withoutFragment(name)));
}

function readLoaded({ documents, unreadable, index }: LoadedFiles, name: string): SchemaRead<JsonSchemaAsset> {
  const [firstUnreadable] = unreadable;
  const rootDocument = rootDocumentOf(documents, name);
  if (!rootDocument) return firstUnreadable ? { status: 'error', error: firstUnreadable } : { status: 'absent' };
  const closure = closureOf(rootDocument, index);
  if (!closure.ok) return { status: 'error', error: closure.unresolved && firstUnreadable ? firstUnreadable : closure.error };
  const views = new Views(index);
  const root = rootNode(rootDocument);
  const [assetName = rootDocument.file] = namesOf(rootDocument);
  const fields = fieldsOf(views, root);
  if (!fields.ok) return { status: 'error', error: fields.error };
  return {
    status: 'present',
    schema: { name: assetName, kind: 'object', fields: fields.fields, origin: locationOf(root, '$id') },
    parsed: { name: assetName, root, index, views, documents: closure.documents },
  };
}

/** The fields, or why the schema is too complex to list them, at the line where it is. */
function fieldsOf(views: Views, root: SchemaNode): { ok: true; fields: FieldSchema[] } | { ok: false; error: ExtractionError } {
  try {
    return { ok: true, fields: flattenFields(views, views.of([root])) };
  } catch (error) {
    if (!(error instanceof SchemaTooComplex)) throw error;
    return { ok: false, error: { kind: 'failed', ...error.location, message: `the schema is too complex to read: ${error.message}` } };
  }
}

/** The names a file answers to: its `$id` as written, then its path. */
function namesOf(document: SchemaDocument): string[] {
  const { value } = document.json;
  const id = isJsonObject(value) && typeof value.$id === 'string' ? withoutFragment(value.$id) : undefined;
  return id ? [id, document.file] : [document.file];
}

function schemaDocument(file: SchemaFile): { ok: true; document: SchemaDocument } | { ok: false; error: ExtractionError } {
  const parsed = JsonDocument.parse(file.path, file.text);
  if (!parsed.ok) return parsed;
  const json = parsed.document;
  const draft = draftOf(json);
  if (!draft.ok) return draft;
  const fileUri = new URL(file.path, 'file:///').href;
  const id = isJsonObject(json.value) && typeof json.value.$id === 'string' ? json.value.$id : undefined;
  const baseUri = withoutFragment((id === undefined ? undefined : resolveUri(id, fileUri)) ?? fileUri);
  return { ok: true, document: { file: file.path, json, draft: draft.draft, fileUri, baseUri } };
}

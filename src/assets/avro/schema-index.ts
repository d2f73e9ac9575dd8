import type { JsonDocument, JsonPath } from '../json-document.js';
import type { ExtractionError } from '../model.js';
import { definedName, namespaceOf, qualify } from './names.js';
import { isPrimitive } from './primitives.js';

export type JsonObject = Record<string, unknown>;

type NamedKind = 'record' | 'enum' | 'fixed';

/** A named type's definition, where it is written. */
export interface Definition {
  fullName: string;
  kind: NamedKind;
  json: JsonObject & { name: string };
  path: JsonPath;
  /** The namespace in force where the definition is written, which its own name and attributes resolve against. */
  enclosingNamespace: string | undefined;
  unit: Unit;
}

/** A name written where a type is expected, resolved to a full name. */
interface Reference {
  fullName: string;
  path: JsonPath;
}

/** One top-level schema: a whole file, or one element of a file that lists several schemas in an array. */
export interface Unit {
  document: JsonDocument;
  path: JsonPath;
  json: unknown;
  definitions: Definition[];
  references: Reference[];
}

/** Every named type the files define, by full name (more than one when a name is defined twice). */
export interface SchemaIndex {
  units: Unit[];
  definitions: Map<string, Definition[]>;
}

const NAMED_KINDS: Record<string, NamedKind> = { record: 'record', error: 'record', enum: 'enum', fixed: 'fixed' };

/** A broken definition, at the line of `path` in the unit's file. */
export function errorAt(unit: Unit, path: JsonPath, message: string): ExtractionError {
  const { document } = unit;
  return { kind: 'failed', file: document.file, line: document.lineOf(path) ?? document.lineOf(unit.path), message };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finds the named types and the references in every file, tolerating malformed schemas: finding which files an
 * asset needs comes before validating them, so a broken file the asset does not use never stops it.
 */
export function indexSchemas(documents: readonly JsonDocument[]): SchemaIndex {
  const units = documents.flatMap((document) =>
    Array.isArray(document.value)
      ? document.value.map((json, index) => indexUnit(document, [index], json))
      : [indexUnit(document, [], document.value)],
  );
  const definitions = new Map<string, Definition[]>();
  for (const definition of units.flatMap((unit) => unit.definitions)) {
    definitions.set(definition.fullName, [...(definitions.get(definition.fullName) ?? []), definition]);
  }
  return { units, definitions };
}

function indexUnit(document: JsonDocument, path: JsonPath, json: unknown): Unit {
  const unit: Unit = { document, path, json, definitions: [], references: [] };
  visit(unit, json, path, undefined);
  return unit;
}

function visit(unit: Unit, schema: unknown, path: JsonPath, namespace: string | undefined): void {
  if (typeof schema === 'string') {
    if (!isPrimitive(schema)) unit.references.push({ fullName: qualify(schema, namespace), path });
    return;
  }
  if (Array.isArray(schema)) {
    schema.forEach((branch, index) => visit(unit, branch, [...path, index], namespace));
    return;
  }
  if (!isJsonObject(schema) || typeof schema.type !== 'string') return;
  const kind = NAMED_KINDS[schema.type];
  if (kind && typeof schema.name === 'string') {
    const json = schema as JsonObject & { name: string };
    const fullName = definedName(json, namespace);
    unit.definitions.push({ fullName, kind, json, path, enclosingNamespace: namespace, unit });
    if (kind === 'record' && Array.isArray(schema.fields)) visitFields(unit, schema.fields, path, namespaceOf(fullName));
    return;
  }
  if (schema.type === 'array') visit(unit, schema.items, [...path, 'items'], namespace);
  if (schema.type === 'map') visit(unit, schema.values, [...path, 'values'], namespace);
}

function visitFields(unit: Unit, fields: unknown[], recordPath: JsonPath, namespace: string | undefined): void {
  fields.forEach((field, index) => {
    if (isJsonObject(field)) visit(unit, field.type, [...recordPath, 'fields', index, 'type'], namespace);
  });
}

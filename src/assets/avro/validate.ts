import avsc from 'avsc';
import type { JsonPath } from '../json-document.js';
import type { ExtractionError } from '../model.js';
import { errorAt, isJsonObject, type Unit } from './schema-index.js';

type Registry = Record<string, avsc.Type>;

/**
 * Has avsc read the units (in closure order, sharing one registry of named types) and returns the first error,
 * at its line. avsc reports which schema failed only in its message, so it reads copies without field defaults and
 * its type hook tracks the schema it is in: an error is then located at the innermost schema being read. Defaults
 * are checked second, each against its field's type, so a bad default points at its own line.
 */
export function validateUnits(units: readonly Unit[]): ExtractionError | undefined {
  const registry: Registry = {};
  for (const unit of units) {
    const error = readUnit(unit, registry) ?? checkDefaults(unit, registry);
    if (error) return error;
  }
  return undefined;
}

function readUnit(unit: Unit, registry: Registry): ExtractionError | undefined {
  const origins = new Map<unknown, JsonPath>();
  const schema = withoutFieldDefaults(unit.json, unit.path, origins);
  const reading: JsonPath[] = [];
  let failedAt: JsonPath | undefined;
  const typeHook = (candidate: unknown, options: Partial<avsc.ForSchemaOptions>): avsc.Type | undefined => {
    // avsc would fail on a missing type with a TypeError about its own internals.
    if (candidate === undefined) throw new Error('a type is missing');
    const path = origins.get(candidate);
    if (!path || reading.at(-1) === path) return undefined;
    reading.push(path);
    try {
      return avsc.Type.forSchema(candidate as avsc.Schema, options);
    } catch (error) {
      // A named type is pointed at by its name, as the fields and types it declares are.
      failedAt ??= isJsonObject(candidate) && typeof candidate.name === 'string' ? [...path, 'name'] : path;
      throw error;
    } finally {
      reading.pop();
    }
  };
  try {
    avsc.Type.forSchema(schema as avsc.Schema, { registry, typeHook });
    return undefined;
  } catch (error) {
    return errorAt(unit, failedAt ?? unit.path, `invalid Avro schema: ${messageOf(error)}`);
  }
}

/** A copy of a schema without record fields' defaults, noting the path each copied object or array came from. */
function withoutFieldDefaults(json: unknown, path: JsonPath, origins: Map<unknown, JsonPath>): unknown {
  if (Array.isArray(json)) {
    const copy = json.map((item, index) => withoutFieldDefaults(item, [...path, index], origins));
    origins.set(copy, path);
    return copy;
  }
  if (!isJsonObject(json)) return json;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    copy[key] =
      key === 'fields' && Array.isArray(value)
        ? value.map((field, index) => fieldWithoutDefault(field, [...path, key, index], origins))
        : withoutFieldDefaults(value, [...path, key], origins);
  }
  origins.set(copy, path);
  return copy;
}

function fieldWithoutDefault(field: unknown, path: JsonPath, origins: Map<unknown, JsonPath>): unknown {
  if (!isJsonObject(field)) return field;
  const { default: _default, ...rest } = field;
  return withoutFieldDefaults(rest, path, origins);
}

function checkDefaults(unit: Unit, registry: Registry): ExtractionError | undefined {
  for (const definition of unit.definitions) {
    const record = registry[definition.fullName];
    if (!(record instanceof avsc.types.RecordType) || !Array.isArray(definition.json.fields)) continue;
    for (const [index, field] of definition.json.fields.entries()) {
      if (!isJsonObject(field) || field.default === undefined || typeof field.name !== 'string') continue;
      const error = defaultError(record.field(field.name).type, field.default);
      if (error) return errorAt(unit, [...definition.path, 'fields', index, 'default'], `field ${field.name}: ${error}`);
    }
  }
  return undefined;
}

/** avsc checks a default when it reads a field, so a one-field record of the field's type checks it. */
function defaultError(type: avsc.Type, value: unknown): string | undefined {
  try {
    avsc.Type.forSchema({ type: 'record', name: 'DefaultCheck', fields: [{ name: 'value', type, default: value }] });
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

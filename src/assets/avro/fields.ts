import type { FieldSchema } from '../model.js';
import { MAX_LISTED_FIELDS, MAX_RECORD_DEPTH, SchemaPastBounds } from './limits.js';
import type { AvroField, AvroRecord, AvroType } from './model.js';
import { spell, termOf } from './spelling.js';

/**
 * The record's fields, nested ones as dotted paths: a field of a record type is listed, then its record's fields
 * under its name; records inside unions, array items and map values are listed under the field's name too. A named
 * record already on the path is not entered again, so a recursive type lists its fields once. Throws
 * `SchemaPastBounds` past the depth and the number of fields the review reads.
 */
export function flattenFields(record: AvroRecord): FieldSchema[] {
  const fields = new Map<string, FieldSchema>();
  let listed = 0;
  const visit = (current: AvroRecord, prefix: string, onPath: ReadonlySet<string>) => {
    if (onPath.size > MAX_RECORD_DEPTH) throw pastBounds(record, `nests records more than ${MAX_RECORD_DEPTH} deep`);
    for (const field of current.fields) {
      listed += 1;
      if (listed > MAX_LISTED_FIELDS) throw pastBounds(record, `has more than ${MAX_LISTED_FIELDS} fields once each nested record is listed under every field that uses it`);
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      // Two records in one union may share a field name: the first branch's field is the one listed.
      if (!fields.has(path)) fields.set(path, fieldSchema(field, path));
      for (const nested of recordsWithin(field.type)) {
        if (!onPath.has(nested.fullName)) visit(nested, path, new Set([...onPath, nested.fullName]));
      }
    }
  };
  visit(record, '', new Set([record.fullName]));
  return [...fields.values()];
}

/** The records a value of this type may be or contain: itself, a union's branches, array items, map values. */
export function recordsWithin(type: AvroType): AvroRecord[] {
  switch (type.kind) {
    case 'record':
      return [type];
    case 'union':
      return type.branches.flatMap(recordsWithin);
    case 'array':
      return recordsWithin(type.items);
    case 'map':
      return recordsWithin(type.values);
    default:
      return [];
  }
}

/** A field's value type and nullability: a union with null is the other branches, nullable. */
function withoutNull(type: AvroType): { valueType: AvroType; nullable: boolean } {
  const isNull = (candidate: AvroType) => candidate.kind === 'primitive' && candidate.primitive === 'null';
  if (type.kind !== 'union') return { valueType: type, nullable: isNull(type) };
  const branches = type.branches.filter((branch) => !isNull(branch));
  const nullable = branches.length < type.branches.length;
  const [only] = branches;
  if (branches.length === 0) return { valueType: { kind: 'primitive', primitive: 'null' }, nullable };
  return { valueType: branches.length === 1 && only ? only : { kind: 'union', branches }, nullable };
}

function fieldSchema(field: AvroField, path: string): FieldSchema {
  const { valueType, nullable } = withoutNull(field.type);
  return {
    name: path,
    type: spell(termOf(valueType)),
    nullable,
    ...(field.default === undefined ? {} : { default: JSON.stringify(field.default) }),
    ...(valueType.kind === 'enum'
      ? {
          allowedValues: valueType.symbols,
          allowedValuesFrom: 'enum' as const,
          ...(valueType.default === undefined ? {} : { enumDefault: valueType.default }),
        }
      : {}),
    primaryKey: false,
    unique: false,
    origin: field.location,
  };
}

function pastBounds(record: AvroRecord, problem: string): SchemaPastBounds {
  return new SchemaPastBounds(record.location, `${record.fullName} ${problem}; the review reads no more`);
}

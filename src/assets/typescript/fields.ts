import type { FieldSchema, SourceLocation } from '../model.js';
import type { ObjectShape, PropertyShape, Shape, ValuesOrigin } from './shapes.js';
import { named, parseType, spell, type TypeTerm, unionOf } from './spelling.js';

/** One field as read, with what the comparison needs to say where a change happened. */
export interface ReadField {
  schema: FieldSchema;
  /** The dotted path of the object that holds it; `''` at the top. */
  parent: string;
  /** For an object field: the line that closes its properties, where one removed at the end is reported. */
  end?: SourceLocation;
  /** For a literal union or an enum declared apart: where its members are written. */
  valuesOrigin?: ValuesOrigin;
}

function termOf(shape: Shape): TypeTerm {
  switch (shape.kind) {
    case 'scalar':
      return named(shape.type);
    case 'array':
      return { kind: 'array', items: termOf(shape.items) };
    case 'object':
      return named('object');
    case 'union':
      return unionOf(shape.members.map(termOf));
  }
}

const isNullish = (shape: Shape): boolean => shape.kind === 'scalar' && (shape.type === 'null' || shape.type === 'undefined');

/** The values a shape lists (a literal union, an array of one), with where they are written. */
function listedValues(shape: Shape): { values: string[]; origin?: ValuesOrigin } | undefined {
  if (shape.kind === 'array') return listedValues(shape.items);
  if (shape.kind === 'scalar') return shape.values ? { values: shape.values, ...(shape.valuesOrigin ? { origin: shape.valuesOrigin } : {}) } : undefined;
  if (shape.kind !== 'union') return undefined;
  const lists = shape.members.filter((member) => !isNullish(member)).map(listedValues);
  if (lists.length === 0 || lists.some((list) => list === undefined)) return undefined;
  const origin = lists.find((list) => list!.origin)?.origin;
  return { values: [...new Set(lists.flatMap((list) => list!.values))], ...(origin ? { origin } : {}) };
}

/** The objects a value can be (an object, an array's items, a union's object members), and whether it can be another thing. */
function objectsIn(shape: Shape): { objects: ObjectShape[]; onlyObjects: boolean } {
  if (shape.kind === 'object') return { objects: [shape], onlyObjects: true };
  if (shape.kind === 'array') return objectsIn(shape.items);
  if (shape.kind !== 'union') return { objects: [], onlyObjects: false };
  const members = shape.members.filter((member) => !isNullish(member)).map(objectsIn);
  return { objects: members.flatMap((member) => member.objects), onlyObjects: members.every((member) => member.onlyObjects) };
}

/**
 * The fields of a value that is an object (or a union of objects): one per property, nested objects' properties
 * under dotted paths, an array's items under the array's own name. A field is nullable where it or an object above
 * it may be absent or null; a union of objects has a field required only where every member requires it.
 */
export function fieldsOf(shape: Shape): ReadField[] {
  const objects = shape.kind === 'object' ? [shape] : shape.kind === 'union' ? shape.members.filter((member) => member.kind === 'object') : [];
  return mergeAlternatives(objects.map((object) => propertiesOf(object, '', false)));
}

function propertiesOf(object: ObjectShape, parent: string, aboveNullable: boolean): ReadField[] {
  return object.properties.flatMap((property) => fieldAndBelow(property, parent, aboveNullable));
}

function fieldAndBelow(property: PropertyShape, parent: string, aboveNullable: boolean): ReadField[] {
  const name = parent === '' ? property.name : `${parent}.${property.name}`;
  const nullable = aboveNullable || property.optional || property.nullable;
  const schema: FieldSchema = { name, type: spell(termOf(property.shape)), nullable, primaryKey: false, unique: false };
  const listed = listedValues(property.shape);
  if (listed) {
    schema.allowedValues = listed.values;
    schema.allowedValuesFrom = 'enum';
  }
  if (property.default !== undefined) schema.default = property.default;
  if (property.origin) schema.origin = property.origin;
  const { objects, onlyObjects } = objectsIn(property.shape);
  const field: ReadField = { schema, parent, ...(listed?.origin ? { valuesOrigin: listed.origin } : {}), ...(objects[0]?.end ? { end: objects[0].end } : {}) };
  if (objects.length === 0) return [field];
  const below = mergeAlternatives(objects.map((object) => propertiesOf(object, name, nullable || !onlyObjects)));
  return [field, ...below];
}

/**
 * The fields of a value that is one of several objects (a union's members, the payloads of several emit sites):
 * each field is required only where every alternative has it required, its type the union of theirs, its allowed
 * values theirs together where every alternative lists some. The first alternative that has a field says where.
 */
export function mergeAlternatives(alternatives: readonly ReadField[][]): ReadField[] {
  if (alternatives.length === 1) return alternatives[0]!;
  const byName = new Map<string, ReadField[]>();
  for (const fields of alternatives) {
    for (const field of fields) byName.set(field.schema.name, [...(byName.get(field.schema.name) ?? []), field]);
  }
  return [...byName.values()].map((present) => {
    const [first] = present as [ReadField, ...ReadField[]];
    const schemas = present.map((field) => field.schema);
    const schema: FieldSchema = {
      ...first.schema,
      type: spell(unionOf(schemas.map((one) => parseType(one.type)))),
      nullable: present.length < alternatives.length || schemas.some((one) => one.nullable),
    };
    delete schema.allowedValues;
    delete schema.allowedValuesFrom;
    delete schema.default;
    if (schemas.every((one) => one.allowedValues)) {
      schema.allowedValues = [...new Set(schemas.flatMap((one) => one.allowedValues!))];
      schema.allowedValuesFrom = 'enum';
    }
    const [firstDefault] = schemas.map((one) => one.default);
    if (firstDefault !== undefined && schemas.every((one) => one.default === firstDefault)) schema.default = firstDefault;
    const valuesOrigin = present.find((field) => field.valuesOrigin)?.valuesOrigin;
    return { ...first, schema, ...(valuesOrigin ? { valuesOrigin } : {}) };
  });
}

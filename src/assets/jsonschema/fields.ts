import type { FieldSchema } from '../model.js';
import { admitsNull, effectiveTypes, typeTerm } from './field-types.js';
import { locationOf, nodeKey } from './keywords.js';
import { LIMITS, SchemaTooComplex } from './limits.js';
import { spell, unionOf, withoutNull } from './spelling.js';
import type { SchemaView } from './view.js';
import type { Views } from './views.js';

/**
 * The fields of an object schema, nested ones as dotted paths: an object property is listed with type `object`,
 * then its own properties under its name; the properties of an array's object items are listed under the array's
 * name; each `oneOf`/`anyOf` branch adds its properties. A schema already on the path (a recursive `$ref`) is not
 * entered again, so a recursive schema lists its fields once. A definition shared by several properties is listed
 * under each: past `LIMITS.fields` fields, or `LIMITS.fieldDepth` levels, the schema is too complex to read.
 */
export function flattenFields(views: Views, root: SchemaView): FieldSchema[] {
  const fields = new Map<string, FieldSchema>();
  const visit = (parts: readonly SchemaView[], prefix: string, onPath: ReadonlySet<string>, depth: number) => {
    const names = new Set(parts.flatMap((part) => [...part.properties.keys()]));
    for (const name of names) {
      const holders = parts.filter((part) => part.properties.has(name));
      const fieldViews = holders.map((part) => views.of(part.properties.get(name) ?? []));
      const path = prefix ? `${prefix}.${name}` : name;
      // A property one branch lacks, or does not require, may be absent.
      const optional = holders.length < parts.length || holders.some((part) => !part.required.has(name));
      if (!fields.has(path)) fields.set(path, fieldSchema(views, path, fieldViews, optional));
      if (fields.size > LIMITS.fields) {
        throw SchemaTooComplex.at(root.home, `it has more than ${LIMITS.fields} fields, counting each path to a shared definition`);
      }
      const nested = fieldViews
        .flatMap((view) => objectParts(views, view))
        .filter((part) => !definitionKeys(part).some((key) => onPath.has(key)));
      const [deeper] = nested;
      if (deeper && depth >= LIMITS.fieldDepth) {
        throw SchemaTooComplex.at(deeper.home, `its properties nest more than ${LIMITS.fieldDepth} levels deep`);
      }
      if (deeper) visit(nested, path, new Set([...onPath, ...nested.flatMap(definitionKeys)]), depth + 1);
    }
  };
  const rootParts = objectParts(views, root);
  visit(rootParts, '', new Set(rootParts.flatMap(definitionKeys)), 1);
  return [...fields.values()];
}

function definitionKeys(view: SchemaView): string[] {
  return view.definitions.map(nodeKey);
}

/** The alternatives of a value that hold properties: the value's own, or its (nested) array items'. */
function objectParts(views: Views, view: SchemaView, itemsOnPath: ReadonlySet<string> = new Set()): SchemaView[] {
  return views.alternatives(view).flatMap((alternative) => {
    const own = alternative.properties.size > 0 ? [alternative] : [];
    const key = nodeKey(alternative.home);
    const types = effectiveTypes(alternative);
    if (itemsOnPath.has(key) || (types && !types.has('array'))) return own;
    if (itemsOnPath.size >= LIMITS.fieldDepth) {
      throw SchemaTooComplex.at(alternative.home, `its arrays nest more than ${LIMITS.fieldDepth} levels deep`);
    }
    const inner = new Set([...itemsOnPath, key]);
    const groups = [...alternative.prefixItems, ...(alternative.items.length > 0 ? [alternative.items] : [])];
    return [...own, ...groups.flatMap((nodes) => objectParts(views, views.of(nodes), inner))];
  });
}

function fieldSchema(views: Views, path: string, fieldViews: readonly SchemaView[], optional: boolean): FieldSchema {
  const term = unionOf(fieldViews.map((view) => typeTerm(views, view)));
  const [first] = fieldViews;
  const allowedValues = first ? listedValues(views, first) : undefined;
  return {
    name: path,
    type: spell(withoutNull(term)),
    nullable: optional || admitsNull(term),
    ...(first?.default ? { default: JSON.stringify(first.default.value) } : {}),
    ...(allowedValues ? { allowedValues, allowedValuesFrom: 'enum' as const } : {}),
    primaryKey: false,
    unique: false,
    ...(first ? { origin: locationOf(first.home) } : {}),
  };
}

/** The values `enum` or `const` list, across every branch when each lists some; `null` is nullability, not a value. */
function listedValues(views: Views, view: SchemaView): string[] | undefined {
  const alternatives = views.alternatives(view);
  if (!alternatives.every((alternative) => alternative.values)) return undefined;
  const values = alternatives.flatMap((alternative) => alternative.values?.value ?? []).filter((value) => value !== null);
  return [...new Set(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))))];
}

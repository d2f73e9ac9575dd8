import { isDeepStrictEqual } from 'node:util';
import type { SchemaNode } from './model.js';
import { boundWithin, JSON_TYPES, type JsonType, type SchemaView, type Written } from './view.js';

type Limit = Written<number> | undefined;

function tighter(a: Limit, b: Limit, side: 'lower' | 'upper'): Limit {
  if (!a || !b) return a ?? b;
  return boundWithin(b, a, side) ? b : a;
}

function smaller(a: Limit, b: Limit): Limit {
  return !a || (b && b.value < a.value) ? b : a;
}

function larger(a: Limit, b: Limit): Limit {
  return !a || (b && b.value > a.value) ? b : a;
}

/** Types both sets accept: an integer is a number. */
function commonTypes(a: ReadonlySet<JsonType>, b: ReadonlySet<JsonType>): Set<JsonType> {
  const accepts = (types: ReadonlySet<JsonType>, type: JsonType) => types.has(type) || (type === 'integer' && types.has('number'));
  return new Set(JSON_TYPES.filter((type) => accepts(a, type) && accepts(b, type)));
}

function mergeMaps(a: Map<string, SchemaNode[]>, b: Map<string, SchemaNode[]>): Map<string, SchemaNode[]> {
  const merged = new Map(a);
  for (const [name, nodes] of b) merged.set(name, [...(merged.get(name) ?? []), ...nodes]);
  return merged;
}

/** Each property requires the names either view says: both apply. */
function mergeDependentRequired(a: SchemaView['dependentRequired'], b: SchemaView['dependentRequired']): SchemaView['dependentRequired'] {
  const merged = new Map(a);
  for (const [name, names] of b) {
    const known = merged.get(name);
    merged.set(name, known ? { ...known, value: [...new Set([...known.value, ...names.value])] } : names);
  }
  return merged;
}

function mergeTypes(a: SchemaView['types'], b: SchemaView['types']): SchemaView['types'] {
  return a && b ? { ...a, value: commonTypes(a.value, b.value) } : (a ?? b);
}

function mergeValues(a: SchemaView['values'], b: SchemaView['values']): SchemaView['values'] {
  if (!a || !b) return a ?? b;
  return { ...a, value: a.value.filter((value) => b.value.some((other) => isDeepStrictEqual(value, other))) };
}

/** Both views at once, as `allOf` asks: every constraint of each, the tighter bound where both set one. */
export function mergeViews(a: SchemaView, b: SchemaView): SchemaView {
  const types = mergeTypes(a.types, b.types);
  const values = mergeValues(a.values, b.values);
  const prefixLength = Math.max(a.prefixItems.length, b.prefixItems.length);
  return {
    home: a.home,
    definitions: a.definitions,
    branch: a.branch,
    never: a.never || b.never || types?.value.size === 0 || values?.value.length === 0,
    types: types,
    values: values,
    minLength: larger(a.minLength, b.minLength),
    maxLength: smaller(a.maxLength, b.maxLength),
    patterns: [...a.patterns, ...b.patterns],
    format: a.format ?? b.format,
    minimum: tighter(a.minimum, b.minimum, 'lower'),
    maximum: tighter(a.maximum, b.maximum, 'upper'),
    multipleOf: [...a.multipleOf, ...b.multipleOf],
    properties: mergeMaps(a.properties, b.properties),
    required: new Map([...b.required, ...a.required]),
    minProperties: larger(a.minProperties, b.minProperties),
    maxProperties: smaller(a.maxProperties, b.maxProperties),
    propertyNames: [...a.propertyNames, ...b.propertyNames],
    dependentRequired: mergeDependentRequired(a.dependentRequired, b.dependentRequired),
    dependentSchemas: mergeMaps(a.dependentSchemas, b.dependentSchemas),
    patternProperties: mergeMaps(a.patternProperties, b.patternProperties),
    additional: [...a.additional, ...b.additional],
    prefixItems: Array.from({ length: prefixLength }, (_, at) => [...(a.prefixItems[at] ?? []), ...(b.prefixItems[at] ?? [])]),
    items: [...a.items, ...b.items],
    minItems: larger(a.minItems, b.minItems),
    maxItems: smaller(a.maxItems, b.maxItems),
    uniqueItems: a.uniqueItems ?? b.uniqueItems,
    contains: [...a.contains, ...b.contains],
    choices: [...a.choices, ...b.choices],
    conditionals: [...a.conditionals, ...b.conditionals],
    not: [...a.not, ...b.not],
    default: a.default ?? b.default,
  };
}


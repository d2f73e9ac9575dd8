import { isDeepStrictEqual } from 'node:util';
import type { SchemaNode } from './model.js';

export const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** A constraint and the schema that writes it, so a problem with it points at its line. */
export interface Written<T> {
  value: T;
  node: SchemaNode;
  keyword: string;
}

export interface Choice {
  keyword: 'anyOf' | 'oneOf';
  node: SchemaNode;
  branches: SchemaNode[];
}

/**
 * What a schema asks of a value once its `$ref`s are followed and its `allOf` merged in: the keywords the checks and
 * the field list read, each with where it is written. Subschemas stay as the nodes that write them (several when
 * merged), so a recursive schema is only entered when asked for.
 */
export interface SchemaView {
  /** The schema the view is about (a property, an item), where it is written. */
  home: SchemaNode;
  /** The schemas that define it, at the end of their `$ref`s: the home's, and a chosen `oneOf`/`anyOf` branch's. */
  definitions: SchemaNode[];
  /** The `oneOf`/`anyOf` branch this view is one alternative of. */
  branch?: SchemaNode;
  /** No value is valid: a `false` schema, or merged keywords no value meets. */
  never: boolean;
  types?: Written<ReadonlySet<JsonType>>;
  /** `enum` and `const`: the only valid values. */
  values?: Written<readonly unknown[]>;
  minLength?: Written<number>;
  maxLength?: Written<number>;
  patterns: Written<string>[];
  format?: Written<string>;
  /** The lower bound; `keyword` says whether it is exclusive. */
  minimum?: Written<number>;
  maximum?: Written<number>;
  multipleOf: Written<number>[];
  properties: Map<string, SchemaNode[]>;
  required: Map<string, SchemaNode>;
  patternProperties: Map<string, SchemaNode[]>;
  /** `additionalProperties` (or `unevaluatedProperties`); none means undeclared properties may hold anything. */
  additional: SchemaNode[];
  /** Positional items: `prefixItems`, or a list under `items` before 2020-12. */
  prefixItems: SchemaNode[][];
  /** The items after the positional ones (every item when there are none); none means any item. */
  items: SchemaNode[];
  minItems?: Written<number>;
  maxItems?: Written<number>;
  uniqueItems?: Written<true>;
  choices: Choice[];
  not: SchemaNode[];
  default?: { value: unknown };
}

export function emptyView(home: SchemaNode): SchemaView {
  return {
    home,
    definitions: [home],
    never: false,
    patterns: [],
    multipleOf: [],
    properties: new Map(),
    required: new Map(),
    patternProperties: new Map(),
    additional: [],
    prefixItems: [],
    items: [],
    choices: [],
    not: [],
  };
}

export function isExclusive(bound: Written<number>): boolean {
  return bound.keyword.startsWith('exclusive');
}

/** Whether every value below (`'upper'`) or above (`'lower'`) `inner` is also within `outer`. */
export function boundWithin(inner: Written<number> | undefined, outer: Written<number>, side: 'lower' | 'upper'): boolean {
  if (!inner) return false;
  const beyond = side === 'upper' ? inner.value > outer.value : inner.value < outer.value;
  if (beyond) return false;
  return inner.value !== outer.value || isExclusive(inner) || !isExclusive(outer);
}

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
    patternProperties: mergeMaps(a.patternProperties, b.patternProperties),
    additional: [...a.additional, ...b.additional],
    prefixItems: Array.from({ length: prefixLength }, (_, at) => [...(a.prefixItems[at] ?? []), ...(b.prefixItems[at] ?? [])]),
    items: [...a.items, ...b.items],
    minItems: larger(a.minItems, b.minItems),
    maxItems: smaller(a.maxItems, b.maxItems),
    uniqueItems: a.uniqueItems ?? b.uniqueItems,
    choices: [...a.choices, ...b.choices],
    not: [...a.not, ...b.not],
    default: a.default ?? b.default,
  };
}


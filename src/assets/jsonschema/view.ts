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

/** `contains`, written in `node`: at least `min` items (1 unless `minContains` says) and at most `max` match `schema`. */
export interface Contains {
  node: SchemaNode;
  schema: SchemaNode;
  min: number;
  max?: number;
}

/** `if`, written in `node`: data it accepts must meet `then`, other data `else` (each accepts anything when absent). */
export interface Conditional {
  node: SchemaNode;
  if: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
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
  minProperties?: Written<number>;
  maxProperties?: Written<number>;
  /** `propertyNames`: every name must be valid under each. */
  propertyNames: SchemaNode[];
  /** `dependentRequired` (and `dependencies` lists): the names each property requires when it is present. */
  dependentRequired: Map<string, Written<readonly string[]>>;
  /** `dependentSchemas` (and `dependencies` schemas): what the object must also be when it holds the property. */
  dependentSchemas: Map<string, SchemaNode[]>;
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
  contains: Contains[];
  choices: Choice[];
  conditionals: Conditional[];
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
    propertyNames: [],
    dependentRequired: new Map(),
    dependentSchemas: new Map(),
    patternProperties: new Map(),
    additional: [],
    prefixItems: [],
    items: [],
    contains: [],
    choices: [],
    conditionals: [],
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

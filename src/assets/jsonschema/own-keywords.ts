import { readConditionalKeywords } from './conditional-keywords.js';
import { childNode } from './keywords.js';
import { isJsonObject, type JsonObject, type SchemaNode } from './model.js';
import { emptyView, JSON_TYPES, type JsonType, type SchemaView, type Written } from './view.js';

/** Keywords that describe a schema without constraining its values. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$comment',
  '$defs',
  '$vocabulary',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** `true`, `{}`, or a schema of annotations only: every value is valid. */
export function acceptsAnything(value: unknown): boolean {
  return value === true || (isJsonObject(value) && Object.keys(value).every((keyword) => ANNOTATIONS.has(keyword)));
}

/** The constraints a schema object writes itself, leaving its `$ref` and `allOf` to the caller. */
export function ownKeywords(node: SchemaNode, schema: JsonObject): SchemaView {
  const view = emptyView(node);
  const written = <T>(keyword: string, value: T): Written<T> => ({ value, node, keyword });
  const number = (keyword: string) => (typeof schema[keyword] === 'number' ? written(keyword, schema[keyword] as number) : undefined);
  const children = (keyword: string) => {
    const list = schema[keyword];
    return Array.isArray(list) ? list.map((_, index) => childNode(node, [keyword, index])) : [];
  };
  const named = (keyword: string) => {
    const map = schema[keyword];
    return new Map(isJsonObject(map) ? Object.keys(map).map((name) => [name, [childNode(node, [keyword, name])]]) : []);
  };

  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  if (types) view.types = written('type', new Set(JSON_TYPES.filter((type: JsonType) => types.includes(type))));
  if (Array.isArray(schema.enum)) view.values = written('enum', schema.enum);
  if ('const' in schema) view.values = written('const', [schema.const]);

  view.minLength = number('minLength');
  view.maxLength = number('maxLength');
  if (typeof schema.pattern === 'string') view.patterns = [written('pattern', schema.pattern)];
  if (typeof schema.format === 'string') view.format = written('format', schema.format);

  view.minimum = number('exclusiveMinimum') ?? number('minimum');
  if (view.minimum && typeof schema.minimum === 'number' && schema.minimum > view.minimum.value) view.minimum = number('minimum');
  view.maximum = number('exclusiveMaximum') ?? number('maximum');
  if (view.maximum && typeof schema.maximum === 'number' && schema.maximum < view.maximum.value) view.maximum = number('maximum');
  const multipleOf = number('multipleOf');
  if (multipleOf) view.multipleOf = [multipleOf];

  view.properties = named('properties');
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') view.required.set(name, node);
  }
  view.minProperties = number('minProperties');
  view.maxProperties = number('maxProperties');
  if ('propertyNames' in schema) view.propertyNames = [childNode(node, ['propertyNames'])];
  view.patternProperties = named('patternProperties');
  const additional = ['additionalProperties', 'unevaluatedProperties'].find((keyword) => keyword in schema);
  if (additional) view.additional = [childNode(node, [additional])];

  readItems(view, node, schema, children);
  view.minItems = number('minItems');
  view.maxItems = number('maxItems');
  if (schema.uniqueItems === true) view.uniqueItems = written('uniqueItems', true);

  for (const keyword of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[keyword])) view.choices.push({ keyword, node, branches: children(keyword) });
  }
  readConditionalKeywords(view, node, schema);
  if ('not' in schema) view.not = [childNode(node, ['not'])];
  if ('default' in schema) view.default = { value: schema.default };
  return view;
}

/**
 * Positional and remaining items, as each draft writes them (2020-12 renamed both). From 2019-09, `unevaluatedItems`
 * stands for the remaining items when nothing else says, as `unevaluatedProperties` does for undeclared properties.
 */
function readItems(view: SchemaView, node: SchemaNode, schema: JsonObject, children: (keyword: string) => SchemaNode[]): void {
  const { draft } = node.document;
  const positional = draft === '2020-12' ? 'prefixItems' : 'items';
  const remaining = [draft === '2020-12' ? 'items' : 'additionalItems', ...(draft === '07' ? [] : ['unevaluatedItems'])];
  const prefix = children(positional);
  view.prefixItems = prefix.map((item) => [item]);
  const rest = remaining.find((keyword) => schema[keyword] !== undefined && !Array.isArray(schema[keyword]));
  if (prefix.length === 0 && schema.items !== undefined && !Array.isArray(schema.items)) view.items = [childNode(node, ['items'])];
  else if (rest) view.items = [childNode(node, [rest])];
}

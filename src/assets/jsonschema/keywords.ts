import type { JsonPath } from '../json-document.js';
import type { SourceLocation } from '../model.js';
import { resolveUri, resourceId } from './identifiers.js';
import { isJsonObject, type SchemaNode } from './model.js';

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = [
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

const nodeKeys = new WeakMap<SchemaNode, string>();

/** Identifies a place in the files: two nodes with one key are the same schema. Made once per node: it is asked often. */
export function nodeKey(node: SchemaNode): string {
  let key = nodeKeys.get(node);
  if (key === undefined) {
    key = JSON.stringify([node.document.file, node.pointer]);
    nodeKeys.set(node, key);
  }
  return key;
}

/** The value at `steps` inside `value`, and its path with steps into lists as numbers, however they were written. */
export function follow(value: unknown, steps: readonly (string | number)[]): { path: (string | number)[]; value: unknown } {
  const path: (string | number)[] = [];
  let current = value;
  for (const step of steps) {
    if (Array.isArray(current)) {
      path.push(Number(step));
      current = current[Number(step)];
    } else {
      path.push(step);
      current = isJsonObject(current) ? current[step] : undefined;
    }
  }
  return { path, value: current };
}

/** The steps of a JSON pointer (RFC 6901: `~1` is `/` and `~0` is `~`, in that order). */
export function pointerSteps(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `path` inside `node`, as a schema with the base URI its own `$id` (if any) sets. */
export function childNode(node: SchemaNode, path: JsonPath): SchemaNode {
  const { path: steps, value } = follow(node.value, path);
  const id = resourceId(value);
  const baseUri = (id !== undefined ? resolveUri(id, node.baseUri) : undefined) ?? node.baseUri;
  return { document: node.document, pointer: [...node.pointer, ...steps], value, baseUri };
}

/** The schemas written directly inside a schema, under every keyword that holds schemas. */
export function subschemas(node: SchemaNode): SchemaNode[] {
  const { value } = node;
  if (!isJsonObject(value)) return [];
  const children: SchemaNode[] = [];
  for (const keyword of SCHEMA_KEYWORDS) if (keyword in value) children.push(childNode(node, [keyword]));
  const lists = [...SCHEMA_LIST_KEYWORDS, ...(Array.isArray(value.items) ? ['items'] : [])];
  for (const keyword of lists) {
    const list = value[keyword];
    if (Array.isArray(list)) list.forEach((_, index) => children.push(childNode(node, [keyword, index])));
  }
  if (value.items !== undefined && !Array.isArray(value.items)) children.push(childNode(node, ['items']));
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = value[keyword];
    if (isJsonObject(map)) for (const name of Object.keys(map)) children.push(childNode(node, [keyword, name]));
  }
  // `dependencies` maps a property either to a schema or to a list of property names.
  if (isJsonObject(value.dependencies)) {
    for (const [name, dependency] of Object.entries(value.dependencies)) {
      if (!Array.isArray(dependency)) children.push(childNode(node, ['dependencies', name]));
    }
  }
  return children;
}

/** The schema and every schema inside it, depth first. */
export function* schemaTree(node: SchemaNode): Generator<SchemaNode> {
  yield node;
  for (const child of subschemas(node)) yield* schemaTree(child);
}

/** Where a schema, or one of its keywords, is written: the line of its key when it is an object member. */
export function locationOf(node: SchemaNode, keyword?: string): SourceLocation {
  const { json, file } = node.document;
  const line = (keyword === undefined ? undefined : json.lineOf([...node.pointer, keyword])) ?? json.lineOf(node.pointer) ?? 1;
  return { file, line };
}

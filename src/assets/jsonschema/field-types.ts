import { nodeKey } from './keywords.js';
import { LIMITS, SchemaTooComplex } from './limits.js';
import { ANY, scalar, type TypeTerm, unionOf } from './spelling.js';
import type { JsonType, SchemaView } from './view.js';
import type { Views } from './views.js';

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return typeof value === 'boolean' ? 'boolean' : 'object';
}

/** The types a view's values can have: the listed values' own, when `enum` or `const` lists them; undefined for any. */
export function effectiveTypes(view: SchemaView): ReadonlySet<JsonType> | undefined {
  const declared = view.types?.value;
  if (!view.values) return declared;
  const listed = new Set(view.values.value.map(typeOfValue));
  const allowed = (type: JsonType) => !declared || declared.has(type) || (type === 'integer' && declared.has('number'));
  return new Set([...listed].filter(allowed));
}

/** The types a schema's keywords imply when it names none: `properties` are only ever met by an object. */
function impliedTypes(view: SchemaView): JsonType[] {
  const implied: JsonType[] = [];
  const objectMaps = [view.properties, view.patternProperties, view.required, view.dependentRequired, view.dependentSchemas];
  const objectLists = [view.additional, view.propertyNames];
  const objectCounts = view.minProperties ?? view.maxProperties;
  if (objectMaps.some((map) => map.size > 0) || objectLists.some((list) => list.length > 0) || objectCounts) implied.push('object');
  const arrayLists = [view.items, view.prefixItems, view.contains];
  if (arrayLists.some((list) => list.length > 0) || view.minItems || view.maxItems || view.uniqueItems) implied.push('array');
  if (view.format || view.patterns.length > 0 || view.minLength || view.maxLength) implied.push('string');
  if (view.minimum || view.maximum || view.multipleOf.length > 0) implied.push('number');
  return implied;
}

/** The type of the values a view accepts, `null` included; `any` when nothing says. */
export function typeTerm(views: Views, view: SchemaView, onPath: ReadonlySet<string> = new Set()): TypeTerm {
  return unionOf(views.alternatives(view).map((alternative) => singleTerm(views, alternative, onPath)));
}

function singleTerm(views: Views, view: SchemaView, onPath: ReadonlySet<string>): TypeTerm {
  if (view.never) return scalar('never');
  const types = [...(effectiveTypes(view) ?? impliedTypes(view))];
  if (types.length === 0 && !view.types && !view.values) return ANY;
  return unionOf(
    types.map((type) => {
      if (type === 'string') return scalar('string', view.format?.value);
      if (type === 'array') return { kind: 'array' as const, items: itemsTerm(views, view, onPath) };
      return scalar(type);
    }),
  );
}

/** What an array's items may be: each positional item's type and the remaining items'. */
function itemsTerm(views: Views, view: SchemaView, onPath: ReadonlySet<string>): TypeTerm {
  const key = nodeKey(view.home);
  if (onPath.has(key)) return ANY;
  if (onPath.size >= LIMITS.fieldDepth) {
    throw SchemaTooComplex.at(view.home, `its arrays nest more than ${LIMITS.fieldDepth} levels deep`);
  }
  const inner = new Set([...onPath, key]);
  const groups = [...view.prefixItems, ...(view.items.length > 0 ? [view.items] : [])];
  const terms = groups.map((nodes) => typeTerm(views, views.of(nodes), inner));
  const restIsAny = view.items.length === 0;
  return unionOf([...terms, ...(restIsAny ? [ANY] : [])].filter((term) => !(term.kind === 'scalar' && term.name === 'never')));
}

/** Whether `null` is among the values a type accepts. */
export function admitsNull(term: TypeTerm): boolean {
  if (term.kind === 'any') return true;
  if (term.kind === 'union') return term.branches.some(admitsNull);
  return term.kind === 'scalar' && term.name === 'null';
}

import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import { parseSpelling, spell, type TypeTerm } from './spelling.js';

/**
 * Portable contract types that JSON Schema spells otherwise: dates, times and UUIDs are strings with
 * a `format`, bytes are base64 text, and JSON's numbers are decimal literals of any precision. The other portable
 * types (`string`, `integer`, `number`, `boolean`, `object`, `array`) are JSON Schema's own names.
 */
const PORTABLE_SPELLINGS: Record<string, string> = {
  date: 'string(date)',
  time: 'string(time)',
  timestamp: 'string(date-time)',
  uuid: 'string(uuid)',
  bytes: 'union<string(byte),string(binary)>',
  decimal: 'number',
  json: 'any',
};

/** Whether a reader expecting `container` reads every value of `actual` as it is. */
function holds(container: TypeTerm, actual: TypeTerm): boolean {
  if (actual.kind === 'union') return actual.branches.every((branch) => holds(container, branch));
  if (container.kind === 'any') return true;
  if (container.kind === 'union') return container.branches.some((branch) => holds(branch, actual));
  if (actual.kind === 'scalar' && actual.name === 'never') return true;
  if (container.kind === 'array') return actual.kind === 'array' && holds(container.items, actual.items);
  if (container.kind !== 'scalar' || actual.kind !== 'scalar') return false;
  if (container.name === 'number' && actual.name === 'integer') return true;
  return container.name === actual.name && (container.format === undefined || container.format === actual.format);
}

function contractTerm(contractType: string): TypeTerm {
  const word = contractType.trim().toLowerCase();
  return parseSpelling(PORTABLE_SPELLINGS[word] ?? contractType);
}

/** The string formats that make a string a value of another family; any other format is still text. */
const FORMAT_FAMILIES = new Map<string, TypeFamily>([
  ['date-time', 'datetime'],
  ['date', 'datetime'],
  ['time', 'datetime'],
  ['uuid', 'uuid'],
  ['byte', 'bytes'],
  ['binary', 'bytes'],
]);

/**
 * `integer` and `number` are two families, as the specification makes them two types: a number may carry
 * fractions. An object, or a schema that accepts any value, is JSON. Arrays and unions have no family.
 */
const SCALAR_FAMILIES = new Map<string, TypeFamily>([
  ['string', 'text'],
  ['integer', 'integer'],
  ['number', 'decimal'],
  ['boolean', 'boolean'],
  ['object', 'json'],
]);

function familyOfTerm(term: TypeTerm): TypeFamily | undefined {
  if (term.kind === 'any') return 'json';
  if (term.kind !== 'scalar') return undefined;
  return (term.format === undefined ? undefined : FORMAT_FAMILIES.get(term.format)) ?? SCALAR_FAMILIES.get(term.name);
}

const branchesOf = (term: TypeTerm): TypeTerm[] => (term.kind === 'union' ? term.branches : [term]);

/** Whether `to` carries every value of `from` as a value of the same family, branch by branch and item by item. */
function keeps(from: TypeTerm, to: TypeTerm): boolean {
  if (from.kind === 'union') return from.branches.every((branch) => keeps(branch, to));
  if (to.kind === 'union') return to.branches.some((branch) => keeps(from, branch));
  if (from.kind === 'array' || to.kind === 'array') {
    return from.kind === 'array' && to.kind === 'array' && keeps(from.items, to.items);
  }
  return familyOfTerm(from) === familyOfTerm(to) && holds(to, from);
}

/**
 * JSON Schema types, as the reader spells fields (`integer`, `string(date-time)`, `array<string>`,
 * `union<integer,string>`). A contract's type is a portable type or such a spelling; a string with a format is still
 * a string, a number holds integers, and a union holds what one of its branches holds.
 */
export const jsonSchemaTypes: TypeSystem = {
  normalize: (type) => spell(parseSpelling(type)),
  canHold: (contractType, actual) => holds(contractTerm(contractType), parseSpelling(actual)),
  /**
   * Inside one family: a string losing a format that keeps it text (`string(email)` to `string`), an object to any
   * value, and the same inside arrays and union branches. A new branch of a family the old type had no branch of
   * carries a new kind of value, and `integer` to `number` moves to another family: neither is a widening.
   */
  isWidening(before, after) {
    const [from, to] = [parseSpelling(before), parseSpelling(after)];
    const noNewKind = branchesOf(to).every((branch) => branchesOf(from).some((old) => keeps(old, branch)));
    return spell(from) !== spell(to) && keeps(from, to) && noNewKind;
  },
  unionBranches(type) {
    const term = parseSpelling(type);
    return term.kind === 'union' ? term.branches.map(spell) : undefined;
  },
  familyOf: (type) => PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? familyOfTerm(parseSpelling(type)),
};

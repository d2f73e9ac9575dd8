import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import { named, parseType, spell, type TypeTerm, unionOf } from './spelling.js';

/**
 * What each portable contract type holds among TypeScript's types. `integer` holds zod's `.int()` numbers and
 * bigints, but not a plain `number`, which may carry fractions; `number` and `decimal` hold both kinds of number;
 * `json` holds any value. `date`, `time`, `uuid` and `bytes` name no TypeScript type: a `Date` is a `timestamp`, an
 * id is a `string`.
 */
const PORTABLE_TERMS: Record<string, TypeTerm> = {
  string: named('string'),
  integer: unionOf([named('integer'), named('bigint')]),
  number: unionOf([named('number'), named('integer')]),
  decimal: unionOf([named('number'), named('integer')]),
  boolean: named('boolean'),
  timestamp: named('timestamp'),
  object: named('object'),
  json: named('unknown'),
};
const NO_TYPESCRIPT_TYPE = new Set(['date', 'time', 'uuid', 'bytes']);

/** Whether a reader expecting `container` reads every value of `actual`. */
function holds(container: TypeTerm, actual: TypeTerm): boolean {
  if (actual.kind === 'union') return actual.branches.every((branch) => holds(container, branch));
  if (container.kind === 'name' && container.name === 'unknown') return true;
  if (actual.kind === 'name' && actual.name === 'never') return true;
  if (container.kind === 'union') return container.branches.some((branch) => holds(branch, actual));
  if (container.kind === 'array' || actual.kind === 'array') return container.kind === 'array' && actual.kind === 'array' && holds(container.items, actual.items);
  if (container.name === actual.name) return true;
  // An integer is a number, and every safe integer a bigint: values, not the runtime type, are what a type holds.
  return actual.name === 'integer' && (container.name === 'number' || container.name === 'bigint');
}

const SCALAR_FAMILIES = new Map<string, TypeFamily>([
  ['string', 'text'],
  ['number', 'decimal'],
  ['integer', 'integer'],
  ['bigint', 'integer'],
  ['boolean', 'boolean'],
  ['timestamp', 'datetime'],
  ['object', 'json'],
  ['unknown', 'json'],
]);

function familyOfTerm(term: TypeTerm): TypeFamily | undefined {
  return term.kind === 'name' ? SCALAR_FAMILIES.get(term.name) : undefined;
}

const branchesOf = (term: TypeTerm): TypeTerm[] => (term.kind === 'union' ? term.branches : [term]);

/** Whether `to` carries every value of `from` as a value of the same family, branch by branch and item by item. */
function keeps(from: TypeTerm, to: TypeTerm): boolean {
  if (from.kind === 'union') return from.branches.every((branch) => keeps(branch, to));
  if (to.kind === 'union') return to.branches.some((branch) => keeps(from, branch));
  if (from.kind === 'array' || to.kind === 'array') return from.kind === 'array' && to.kind === 'array' && keeps(from.items, to.items);
  return familyOfTerm(from) === familyOfTerm(to) && holds(to, from);
}

/**
 * TypeScript types as the reader spells them (`string`, `number`, `timestamp`, `array<string>`,
 * `union<number,string>`), compared by the values they carry. A literal union is its base type with allowed values,
 * so the enum rules judge its members. Inside the integer family an `.int()` number widens to a `bigint`; `number`
 * is the decimal and floating point family, so `integer` to `number` moves between families, as in JSON Schema.
 */
export const typescriptTypes: TypeSystem = {
  normalize: (type) => spell(parseType(type)),
  canHold(contractType, actual) {
    // Read as a spelling first, so that TypeScript's `Date` is a timestamp while the portable `date` is a date.
    const contract = parseType(contractType);
    const word = spell(contract);
    const term = parseType(actual);
    if (word === 'array') return branchesOf(term).every((branch) => branch.kind === 'array');
    if (NO_TYPESCRIPT_TYPE.has(word)) return false;
    return holds(PORTABLE_TERMS[word] ?? contract, term);
  },
  isWidening(before, after) {
    const [from, to] = [parseType(before), parseType(after)];
    const noNewKind = branchesOf(to).every((branch) => branchesOf(from).some((old) => keeps(old, branch)));
    return spell(from) !== spell(to) && keeps(from, to) && noNewKind;
  },
  unionBranches(type) {
    const term = parseType(type);
    return term.kind === 'union' ? term.branches.map(spell) : undefined;
  },
  familyOf: (type) => PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? familyOfTerm(parseType(type)),
};

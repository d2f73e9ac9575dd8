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

/**
 * JSON Schema types, as the reader spells fields (`integer`, `string(date-time)`, `array<string>`,
 * `union<integer,string>`). A contract's type is a portable type or such a spelling; a string with a format is still
 * a string, a number holds integers, and a union holds what one of its branches holds.
 */
export const jsonSchemaTypes: TypeSystem = {
  normalize: (type) => spell(parseSpelling(type)),
  canHold: (contractType, actual) => holds(contractTerm(contractType), parseSpelling(actual)),
  /** Integers to numbers, a union gaining a branch, a string losing its format, and the same inside arrays. */
  isWidening(before, after) {
    const [from, to] = [parseSpelling(before), parseSpelling(after)];
    return spell(from) !== spell(to) && holds(to, from);
  },
  unionBranches(type) {
    const term = parseSpelling(type);
    return term.kind === 'union' ? term.branches.map(spell) : undefined;
  },
};

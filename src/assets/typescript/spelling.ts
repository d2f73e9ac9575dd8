/**
 * How the TypeScript reader spells a field's type: `string`, `number`, `integer` (a zod `.int()`: TypeScript itself
 * has no integer type), `bigint`, `boolean`, `timestamp` (a `Date`), `object`, `unknown` (any value, or a type the
 * analysis cannot see), `null`, `array<T>` and `union<A,B>` (branches sorted). A contract may also write a type as
 * TypeScript does (`string[]`, `Date`, `string | number`, `Array<number>`): it reads back to the same spelling.
 */
export type TypeTerm = { kind: 'name'; name: string } | { kind: 'array'; items: TypeTerm } | { kind: 'union'; branches: TypeTerm[] };

export const named = (name: string): TypeTerm => ({ kind: 'name', name });

export function spell(term: TypeTerm): string {
  switch (term.kind) {
    case 'name':
      return term.name;
    case 'array':
      return `array<${spell(term.items)}>`;
    case 'union':
      return `union<${term.branches.map(spell).join(',')}>`;
  }
}

/** The union of the terms, in its one spelling: nested unions flattened, duplicates dropped, branches sorted. */
export function unionOf(terms: readonly TypeTerm[]): TypeTerm {
  const flat = terms.flatMap((term) => (term.kind === 'union' ? term.branches : [term]));
  const kept = new Map(flat.filter((term) => !(term.kind === 'name' && term.name === 'never')).map((term) => [spell(term), term]));
  const branches = [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, term]) => term);
  if (branches.length === 0) return named('never');
  return branches.length === 1 ? branches[0]! : { kind: 'union', branches };
}

/** TypeScript's own names for the spellings, as a contract may write them. */
const ALIASES: Record<string, string> = { Date: 'timestamp', any: 'unknown' };

const TOKEN = /[A-Za-z_$][\w$.-]*|\[\]|[<>,|()]/g;

/** Reads a spelling back; what it cannot read is kept as an opaque name. */
export function parseType(spelling: string): TypeTerm {
  const text = spelling.trim();
  const tokens = text.match(TOKEN) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, '')) return named(text);
  let position = 0;
  const take = (expected?: string): string | undefined => {
    const token = tokens[position];
    if (token === undefined || (expected !== undefined && token !== expected)) return undefined;
    position += 1;
    return token;
  };
  const union = (): TypeTerm | undefined => {
    const branches: TypeTerm[] = [];
    do {
      const branch = postfix();
      if (!branch) return undefined;
      branches.push(branch);
    } while (take('|'));
    return branches.length === 1 ? branches[0] : unionOf(branches);
  };
  const postfix = (): TypeTerm | undefined => {
    let term = primary();
    while (term && take('[]')) term = { kind: 'array', items: term };
    return term;
  };
  const primary = (): TypeTerm | undefined => {
    if (take('(')) {
      const inner = union();
      return inner && take(')') ? inner : undefined;
    }
    const word = take();
    if (word === undefined || !/^[A-Za-z_$]/.test(word)) return undefined;
    const args: TypeTerm[] = [];
    if (take('<')) {
      do {
        const arg = union();
        if (!arg) return undefined;
        args.push(arg);
      } while (take(','));
      if (!take('>')) return undefined;
    }
    return generic(ALIASES[word] ?? word.toLowerCase(), args);
  };
  const term = union();
  return term && position === tokens.length ? term : named(text);
}

function generic(name: string, args: TypeTerm[]): TypeTerm {
  if (args.length === 0) return named(name);
  if ((name === 'array' || name === 'readonlyarray') && args.length === 1) return { kind: 'array', items: args[0]! };
  if (name === 'union') return unionOf(args);
  return named(`${name}<${args.map(spell).join(',')}>`);
}

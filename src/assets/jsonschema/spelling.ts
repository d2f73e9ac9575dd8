/**
 * How the JSON Schema format spells a field's type: `string`, `integer`, `number`, `boolean`, `object`, `null`,
 * `string(date-time)` for a string with a `format`, `array<T>`, `union<A,B>` (branches sorted) and `any` for a schema
 * that accepts every value. Equivalent schemas spell alike: `"integer"` and `["integer"]` are both `integer`.
 */
export type TypeTerm =
  | { kind: 'any' }
  | { kind: 'scalar'; name: string; format?: string }
  | { kind: 'array'; items: TypeTerm }
  | { kind: 'union'; branches: TypeTerm[] };

export const ANY: TypeTerm = { kind: 'any' };

export function scalar(name: string, format?: string): TypeTerm {
  return format === undefined ? { kind: 'scalar', name } : { kind: 'scalar', name, format };
}

export function spell(term: TypeTerm): string {
  switch (term.kind) {
    case 'any':
      return 'any';
    case 'scalar':
      return term.format === undefined ? term.name : `${term.name}(${term.format})`;
    case 'array':
      return `array<${spell(term.items)}>`;
    case 'union':
      return `union<${term.branches.map(spell).join(',')}>`;
  }
}

/**
 * The union of the terms, in its one spelling: nested unions flattened, `any` absorbing every branch, a number
 * absorbing integers and a plain string every formatted one, duplicates dropped, branches sorted.
 */
export function unionOf(terms: readonly TypeTerm[]): TypeTerm {
  const flat = terms.flatMap((term) => (term.kind === 'union' ? term.branches : [term]));
  if (flat.length === 0) return scalar('never');
  if (flat.some((term) => term.kind === 'any')) return ANY;
  const names = new Set(flat.map((term) => (term.kind === 'scalar' && term.format === undefined ? term.name : spell(term))));
  const absorbed = (term: TypeTerm) =>
    term.kind === 'scalar' &&
    ((term.name === 'integer' && names.has('number')) || (term.name === 'string' && term.format !== undefined && names.has('string')));
  const kept = new Map(flat.filter((term) => !absorbed(term)).map((term) => [spell(term), term]));
  const branches = [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, term]) => term);
  const [only] = branches;
  return branches.length === 1 && only ? only : { kind: 'union', branches };
}

/** The term without its `null` branch: a field says `null` by being nullable. A lone `null` stays. */
export function withoutNull(term: TypeTerm): TypeTerm {
  if (term.kind !== 'union') return term;
  return unionOf(term.branches.filter((branch) => !(branch.kind === 'scalar' && branch.name === 'null')));
}

/** Reads a spelling back; what it cannot read is kept, lower-cased, as an opaque name. */
export function parseSpelling(spelling: string): TypeTerm {
  const tokens = spelling.toLowerCase().match(/[^\s<>(),]+|[<>(),]/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string): string | undefined => {
    const token = tokens[position];
    if (token === undefined || (expected !== undefined && token !== expected)) return undefined;
    position += 1;
    return token;
  };
  const term = (): TypeTerm | undefined => {
    const name = take();
    if (name === undefined || '<>(),'.includes(name)) return undefined;
    let format: string | undefined;
    if (peek() === '(') {
      take('(');
      format = take();
      if (format === undefined || !take(')')) return undefined;
    }
    const args: TypeTerm[] = [];
    if (peek() === '<') {
      take('<');
      do {
        const arg = term();
        if (!arg) return undefined;
        args.push(arg);
      } while (take(','));
      if (!take('>')) return undefined;
    }
    return build(name, format, args);
  };
  const parsed = term();
  return parsed && position === tokens.length ? parsed : scalar(spelling.trim().toLowerCase().replace(/\s+/g, ' '));
}

function build(name: string, format: string | undefined, args: TypeTerm[]): TypeTerm | undefined {
  if (name === 'any' && args.length === 0 && format === undefined) return ANY;
  if (name === 'array' && format === undefined && args.length <= 1) return { kind: 'array', items: args[0] ?? ANY };
  if (name === 'union' && format === undefined && args.length > 0) return unionOf(args);
  return args.length === 0 ? scalar(name, format) : undefined;
}

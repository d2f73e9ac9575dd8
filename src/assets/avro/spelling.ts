import { LOGICAL_TYPE_NAMES } from './logical-types.js';
import type { AvroType } from './model.js';
import { type AvroPrimitive, isPrimitive } from './primitives.js';

/**
 * A type as this format spells it: `long`, `decimal(12,2)`, `timestamp-millis`, `array<long>`, `map<string>`,
 * `record com.acme.Address`, `enum com.acme.Status`, `fixed com.acme.Hash(16)`, `union<long,string>`. A name
 * written alone (`com.acme.Status`) is a named type of unknown kind.
 */
export type TypeTerm =
  | { kind: 'primitive'; name: AvroPrimitive }
  /** A decimal without precision is the bare word `decimal`. */
  | { kind: 'logical'; name: string; precision?: number; scale?: number }
  | { kind: 'named'; namedKind?: 'record' | 'enum' | 'fixed'; name: string; size?: number }
  | { kind: 'array'; items: TypeTerm }
  | { kind: 'map'; values: TypeTerm }
  | { kind: 'union'; branches: TypeTerm[] }
  /** A bare `array` or `map`: the word, with no item type. */
  | { kind: 'container'; name: 'array' | 'map' }
  /** Text that is no type spelling, kept as written. */
  | { kind: 'opaque'; text: string };

/** The spelling of a model type, as the reader lists it. */
export function termOf(type: AvroType): TypeTerm {
  switch (type.kind) {
    case 'primitive':
      return type.logical ? { kind: 'logical', ...type.logical } : { kind: 'primitive', name: type.primitive };
    case 'fixed':
      if (type.logical) return { kind: 'logical', ...type.logical };
      return { kind: 'named', namedKind: 'fixed', name: type.fullName, size: type.size };
    case 'record':
    case 'enum':
      return { kind: 'named', namedKind: type.kind, name: type.fullName };
    case 'array':
      return { kind: 'array', items: termOf(type.items) };
    case 'map':
      return { kind: 'map', values: termOf(type.values) };
    case 'union':
      return { kind: 'union', branches: type.branches.map(termOf) };
  }
}

/** The canonical text: keywords lower-case, no spaces but the one after `record`/`enum`/`fixed`, union branches sorted. */
export function spell(term: TypeTerm): string {
  switch (term.kind) {
    case 'primitive':
      return term.name;
    case 'logical':
      return term.precision === undefined ? term.name : `${term.name}(${term.precision},${term.scale ?? 0})`;
    case 'named': {
      const size = term.size === undefined ? '' : `(${term.size})`;
      return term.namedKind ? `${term.namedKind} ${term.name}${size}` : `${term.name}${size}`;
    }
    case 'array':
      return `array<${spell(term.items)}>`;
    case 'map':
      return `map<${spell(term.values)}>`;
    case 'union':
      return `union<${[...new Set(term.branches.map(spell))].sort().join(',')}>`;
    case 'container':
      return term.name;
    case 'opaque':
      return term.text;
  }
}

const TOKEN = /\s*([A-Za-z_][\w.-]*|\d+|[<>(),])/y;

/** Reads a spelling; anything it cannot read is an opaque term, compared as written. */
export function parseSpelling(text: string): TypeTerm {
  const tokens: string[] = [];
  let read = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    tokens.push(match[1]!);
    read = TOKEN.lastIndex;
  }
  const opaque: TypeTerm = { kind: 'opaque', text: text.trim().replace(/\s+/g, ' ') };
  if (text.slice(read).trim() !== '') return opaque;
  const parser = new SpellingParser(tokens);
  const term = parser.type();
  return term && parser.done() ? term : opaque;
}

class SpellingParser {
  private position = 0;

  constructor(private readonly tokens: readonly string[]) {}

  done(): boolean {
    return this.position === this.tokens.length;
  }

  type(): TypeTerm | undefined {
    const word = this.next();
    if (word === undefined || !/^[A-Za-z_]/.test(word)) return undefined;
    const keyword = word.toLowerCase();
    if (isPrimitive(keyword)) return { kind: 'primitive', name: keyword };
    if (keyword === 'decimal') return this.decimal();
    if (LOGICAL_TYPE_NAMES.includes(keyword)) return { kind: 'logical', name: keyword };
    if (keyword === 'array' || keyword === 'map') return this.container(keyword);
    if (keyword === 'union') return this.union();
    if (keyword === 'record' || keyword === 'enum' || keyword === 'fixed') return this.named(keyword);
    return { kind: 'named', name: word };
  }

  private decimal(): TypeTerm | undefined {
    if (!this.accept('(')) return { kind: 'logical', name: 'decimal' };
    const numbers = this.numbers();
    const [precision, scale = 0] = numbers;
    const valid = precision !== undefined && numbers.length <= 2 && this.accept(')');
    return valid ? { kind: 'logical', name: 'decimal', precision, scale } : undefined;
  }

  private container(name: 'array' | 'map'): TypeTerm | undefined {
    if (!this.accept('<')) return { kind: 'container', name };
    const inner = this.type();
    if (!inner || !this.accept('>')) return undefined;
    return name === 'array' ? { kind: 'array', items: inner } : { kind: 'map', values: inner };
  }

  private union(): TypeTerm | undefined {
    if (!this.accept('<')) return undefined;
    const branches: TypeTerm[] = [];
    do {
      const branch = this.type();
      if (!branch) return undefined;
      branches.push(branch);
    } while (this.accept(','));
    return this.accept('>') ? { kind: 'union', branches } : undefined;
  }

  private named(namedKind: 'record' | 'enum' | 'fixed'): TypeTerm | undefined {
    const name = this.next();
    if (name === undefined || !/^[A-Za-z_]/.test(name)) return undefined;
    if (namedKind !== 'fixed' || !this.accept('(')) return { kind: 'named', namedKind, name };
    const numbers = this.numbers();
    const [size] = numbers;
    return size !== undefined && numbers.length === 1 && this.accept(')') ? { kind: 'named', namedKind, name, size } : undefined;
  }

  private numbers(): number[] {
    const numbers: number[] = [];
    do {
      const token = this.next();
      if (token === undefined || !/^\d+$/.test(token)) return [];
      numbers.push(Number(token));
    } while (this.accept(','));
    return numbers;
  }

  private next(): string | undefined {
    return this.tokens[this.position++];
  }

  private accept(token: string): boolean {
    if (this.tokens[this.position] !== token) return false;
    this.position += 1;
    return true;
  }
}

import protobuf from 'protobufjs';

/** One named thing a .proto file declares, with the line its declaration starts on. */
export interface Declaration {
  /** The enclosing message or enum's full name (the package for top-level types). */
  scope: string;
  name: string;
  number?: number;
  line: number;
}

export interface ImportStatement {
  path: string;
  weak: boolean;
  line: number;
}

/**
 * Where a .proto file declares each of its messages, fields, oneofs, enums, enum values and extensions, and what it
 * imports.
 */
export interface FileOutline {
  declarations: Declaration[];
  imports: ImportStatement[];
}

interface Token {
  text: string;
  /** The content of a quoted string; `text` is then the quote. */
  string?: string;
  line: number;
}

interface Scope {
  kind: 'package' | 'message' | 'enum' | 'oneof' | 'extend' | 'other';
  /**
   * The full name fields and nested types are declared under (a oneof's is its message's, an extend block's its
   * enclosing scope's).
   */
  name: string;
}

/**
 * Outlines a file that protobufjs parsed. protobufjs keeps no source positions, so this walks the file again with
 * protobufjs's own tokenizer, which reports the line of every token and already knows comments and strings. Only
 * the block structure needs following here: each statement ends at a `;` or opens a `{` block, except that option
 * values (`option (x) = { ... };`, `[(x) = { ... }]`) may hold braces of their own.
 */
export function outlineFile(text: string): FileOutline {
  const next = tokenStream(text);
  const outline: FileOutline = { declarations: [], imports: [] };
  const scopes: Scope[] = [{ kind: 'package', name: '' }];
  for (let token = next(); token; token = next()) {
    const scope = scopes.at(-1)!;
    if (token.text === '}') {
      if (scopes.length > 1) scopes.pop();
      continue;
    }
    if (token.text === ';') continue;
    const statement = readStatement(next, token);
    const opened = declare(outline, scope, statement);
    if (statement.opensBlock) scopes.push(opened ?? { kind: 'other', name: scope.name });
  }
  return outline;
}

function tokenStream(text: string): () => Token | null {
  const tokenizer = protobuf.tokenize(text, false);
  return () => {
    const text = tokenizer.next();
    if (text === null) return null;
    const line = tokenizer.line;
    if (text !== '"' && text !== "'") return { text, line };
    const string = tokenizer.next() ?? '';
    tokenizer.next();
    return { text, string, line };
  };
}

interface Statement {
  tokens: Token[];
  opensBlock: boolean;
}

/** Reads to the `;` that ends a statement or the `{` that opens its block, keeping option values whole. */
function readStatement(next: () => Token | null, first: Token): Statement {
  const tokens = [first];
  const braceIsValue = first.text === 'option';
  let depth = 0;
  for (let token = next(); token; token = next()) {
    if (depth === 0 && token.text === ';') return { tokens, opensBlock: false };
    if (depth === 0 && token.text === '{' && !braceIsValue) return { tokens, opensBlock: true };
    if (token.text === '[' || token.text === '{') depth += 1;
    if (token.text === ']' || token.text === '}') depth -= 1;
    tokens.push(token);
  }
  return { tokens, opensBlock: false };
}

const VISIBILITY = new Set(['export', 'local']);
const STATEMENTS_WITHOUT_NAMES = new Set(['option', 'reserved', 'extensions', 'syntax', 'edition']);

/** Records what the statement declares; returns the scope its block opens, when it declares one. */
function declare(outline: FileOutline, scope: Scope, statement: Statement): Scope | undefined {
  const tokens = statement.tokens.filter((token, index) => index > 0 || !VISIBILITY.has(token.text));
  const [keyword, second] = tokens;
  if (!keyword || scope.kind === 'other') return undefined;
  const add = (name: string, number?: number) =>
    outline.declarations.push({ scope: scope.name, name, line: keyword.line, ...(number === undefined ? {} : { number }) });
  const nested = (name: string) => (scope.name ? `${scope.name}.${name}` : name);

  if (STATEMENTS_WITHOUT_NAMES.has(keyword.text)) return undefined;
  if (scope.kind === 'enum') return declareNumbered(tokens, scope, add, nested);
  switch (keyword.text) {
    case 'package':
      scope.name = tokens.slice(1).map((token) => token.text).join('');
      return undefined;
    case 'import':
      outline.imports.push(importOf(tokens));
      return undefined;
    case 'message':
    case 'enum':
      if (!second) return undefined;
      add(second.text);
      return { kind: keyword.text, name: nested(second.text) };
    case 'oneof':
      if (!second || scope.kind !== 'message') return undefined;
      add(second.text);
      return { kind: 'oneof', name: scope.name };
    case 'extend':
      // An extension's full name is its enclosing scope's, whatever message it extends.
      return { kind: 'extend', name: scope.name };
  }
  return declareNumbered(tokens, scope, add, nested);
}

/** A field or extension (`repeated int64 ids = 4 [packed = true];`), a group, or an enum value (`PAID = 2;`). */
function declareNumbered(
  tokens: Token[],
  scope: Scope,
  add: (name: string, number?: number) => void,
  nested: (name: string) => string,
): Scope | undefined {
  const equals = tokens.findIndex((token) => token.text === '=');
  const name = tokens[equals - 1]?.text;
  if (equals < 1 || name === undefined) return undefined;
  const number = numberOf(tokens[equals + 1]?.text);
  if (scope.kind === 'enum') {
    add(name, number);
    return undefined;
  }
  if (scope.kind !== 'message' && scope.kind !== 'oneof' && scope.kind !== 'extend') return undefined;
  const isGroup = tokens.slice(0, equals).some((token) => token.text === 'group');
  if (!isGroup) {
    add(name, number);
    return undefined;
  }
  // A group declares a message and a field named after it, lower-cased as protobufjs does.
  add(name);
  add(name.charAt(0).toLowerCase() + name.slice(1), number);
  return { kind: 'message', name: nested(name) };
}

function importOf(tokens: Token[]): ImportStatement {
  const path = tokens.find((token) => token.string !== undefined)?.string ?? '';
  return { path, weak: tokens.some((token) => token.text === 'weak'), line: tokens[0]!.line };
}

/** Field and enum numbers as protobuf writes them: decimal, hexadecimal or octal, enum values possibly negative. */
function numberOf(text: string | undefined): number | undefined {
  const match = text?.match(/^(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/);
  if (!match) return undefined;
  const [, sign, digits = ''] = match;
  const value = /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits);
  return sign ? -value : value;
}

/** A declaration's line by its full name (`acme.Order`, `acme.Order.id`, `acme.Status.PAID`, extension `acme.note`). */
export function declarationLines(outline: FileOutline): Map<string, number> {
  const lines = new Map<string, number>();
  for (const declaration of outline.declarations) {
    const fullName = declaration.scope ? `${declaration.scope}.${declaration.name}` : declaration.name;
    if (!lines.has(fullName)) lines.set(fullName, declaration.line);
  }
  return lines;
}

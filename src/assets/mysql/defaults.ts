import { isLexError, isSymbol, tokenize, type Token } from './tokens.js';
import { BINARY_TYPES, TEXT_TYPES, type MysqlType } from './type-spelling.js';

/**
 * One spelling per default, whichever way the table was built and whichever server built it (MariaDB quotes string
 * defaults in information_schema, MySQL 8 does not; MariaDB writes `current_timestamp()`, MySQL `CURRENT_TIMESTAMP`):
 * - a literal as MariaDB shows it: strings quoted (`'new'`), numbers as the column stores them (`0.00` for a
 *   DECIMAL(12,2)), dates and times in full (`'2020-01-02 00:00:00'`), bits as `b'101'`;
 * - `current_timestamp()` or `current_timestamp(6)`;
 * - any other expression in parentheses, with its words in lower case and no blanks but between words:
 *   `(uuid())`, `(current_timestamp()+interval 1 day)`;
 * - a generated column's expression as `GENERATED ALWAYS AS (...) STORED` or `VIRTUAL`.
 * No default (or DEFAULT NULL) is undefined.
 */

const NOW_FUNCTIONS = new Set(['CURRENT_TIMESTAMP', 'NOW', 'LOCALTIME', 'LOCALTIMESTAMP']);
const QUOTED_LITERAL_TYPES = new Set([...TEXT_TYPES, ...BINARY_TYPES, 'enum', 'set', 'date', 'time', 'datetime', 'timestamp', 'json', 'uuid', 'inet4', 'inet6']);

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function wordLike(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'number' || token.kind === 'quoted' || token.kind === 'variable';
}

/** Drops parentheses around the whole of a token list, as often as they are there. */
function withoutOuterParentheses(tokens: Token[]): Token[] {
  let inner = tokens;
  while (isSymbol(inner[0], '(') && isSymbol(inner[inner.length - 1], ')')) {
    let depth = 0;
    const closesAtEnd = inner.every((token, index) => {
      if (isSymbol(token, '(')) depth += 1;
      if (isSymbol(token, ')')) depth -= 1;
      return depth > 0 || index === inner.length - 1;
    });
    if (!closesAtEnd) break;
    inner = inner.slice(1, -1);
  }
  return inner;
}

/** The tokens of an expression spelt one way: see the module's comment. */
function spell(tokens: Token[]): string {
  const parts: string[] = [];
  let previous: Token | undefined;
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    // A character set introducer (`_utf8mb4'a'`, which MySQL 8 adds) changes nothing the expression means here.
    if (token.kind === 'word' && token.value.startsWith('_') && next?.kind === 'string') continue;
    let text: string;
    if (token.kind === 'string') text = quoteLiteral(token.value);
    else if (token.kind === 'quoted') text = token.value.toLowerCase();
    else if (token.kind === 'word' && NOW_FUNCTIONS.has(token.value)) text = isSymbol(next, '(') ? 'current_timestamp' : 'current_timestamp()';
    else if (token.kind === 'word') text = token.value.toLowerCase();
    else text = token.text;
    if (previous && wordLike(previous) && wordLike(token)) parts.push(' ');
    parts.push(text);
    previous = token;
  }
  return parts.join('');
}

/** An expression (a default in parentheses, a generated column's), spelt one way; undefined if it does not lex. */
export function canonicalExpression(text: string): string | undefined {
  const tokens = tokenize(text);
  if (isLexError(tokens)) return undefined;
  return spell(withoutOuterParentheses(tokens));
}

/** `current_timestamp()` / `current_timestamp(6)` for the functions that give the current time, else undefined. */
function nowDefault(tokens: Token[]): string | undefined {
  const [name, open, precision, close] = tokens;
  if (name?.kind !== 'word' || !NOW_FUNCTIONS.has(name.value)) return undefined;
  if (tokens.length === 1) return 'current_timestamp()';
  if (tokens.length === 3 && isSymbol(open, '(') && isSymbol(precision, ')')) return 'current_timestamp()';
  if (tokens.length === 4 && isSymbol(open, '(') && precision?.kind === 'number' && isSymbol(close, ')')) {
    return Number(precision.value) === 0 ? 'current_timestamp()' : `current_timestamp(${Number(precision.value)})`;
  }
  return undefined;
}

/** An expression default: the current time, a literal in parentheses (MariaDB stores `(5)` as 5), or `(expression)`. */
export function expressionDefault(text: string, type: MysqlType): string | undefined {
  const tokens = tokenize(text);
  if (isLexError(tokens)) return `(${text.trim()})`;
  const inner = withoutOuterParentheses(tokens);
  const now = nowDefault(inner);
  if (now) return now;
  const [only] = inner;
  if (inner.length === 1 && (only?.kind === 'string' || only?.kind === 'number')) return literalDefault(only.value, type);
  if (inner.length === 2 && isSymbol(only, '-') && inner[1]?.kind === 'number') return literalDefault(`-${inner[1].value}`, type);
  return `(${spell(inner)})`;
}

export function generatedDefault(expression: string, stored: boolean): string {
  return `GENERATED ALWAYS AS (${canonicalExpression(expression) ?? expression.trim()}) ${stored ? 'STORED' : 'VIRTUAL'}`;
}

/** A decimal string rounded half away from zero to `scale` digits, as MySQL stores it in a DECIMAL. */
function fixedPoint(value: string, scale: number): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(value.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = `${whole}${fraction}`;
  let point = whole.length + Number(exponent);
  if (point < 0) {
    digits = `${'0'.repeat(-point)}${digits}`;
    point = 0;
  }
  digits = digits.padEnd(point + scale + 1, '0');
  const kept = BigInt(digits.slice(0, point + scale) || '0');
  const rounded = Number(digits[point + scale]) >= 5 ? kept + 1n : kept;
  const text = rounded.toString().padStart(scale + 1, '0');
  const integer = scale > 0 ? text.slice(0, -scale) : text;
  const decimals = scale > 0 ? `.${text.slice(-scale)}` : '';
  const negative = sign === '-' && rounded !== 0n;
  return `${negative ? '-' : ''}${integer}${decimals}`;
}

function pad(value: string | undefined, length: number): string {
  return (value ?? '').padStart(length, '0');
}

/** A date, time or datetime literal written in full, as MySQL stores it; undefined for a form this does not read. */
function temporal(value: string, type: MysqlType): string | undefined {
  const fraction = (digits: string | undefined) => {
    const precision = type.args[0] ?? 0;
    return precision > 0 ? `.${(digits ?? '').padEnd(precision, '0').slice(0, precision)}` : '';
  };
  if (type.name === 'time') {
    const time = /^(-?\d{1,3}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/.exec(value.trim());
    return time ? `${pad(time[1], 2)}:${pad(time[2], 2)}:${pad(time[3], 2)}${fraction(time[4])}` : undefined;
  }
  const moment = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?$/.exec(value.trim());
  if (!moment) return undefined;
  const date = `${moment[1]}-${pad(moment[2], 2)}-${pad(moment[3], 2)}`;
  if (type.name === 'date') return date;
  return `${date} ${pad(moment[4], 2)}:${pad(moment[5], 2)}:${pad(moment[6], 2)}${fraction(moment[7])}`;
}

/** A literal default as the column stores it: see the module's comment. */
export function literalDefault(value: string, type: MysqlType): string {
  if (type.name === 'bit') {
    const bits = /^b'([01]*)'$/i.exec(value)?.[1];
    const number = bits !== undefined ? BigInt(`0b${bits || '0'}`) : /^\d+$/.test(value) ? BigInt(value) : undefined;
    return number === undefined ? quoteLiteral(value) : `b'${number.toString(2)}'`;
  }
  if (['date', 'time', 'datetime', 'timestamp'].includes(type.name)) return quoteLiteral(temporal(value, type) ?? value);
  if (QUOTED_LITERAL_TYPES.has(type.name)) return quoteLiteral(value);
  if (type.name === 'decimal') return fixedPoint(value, type.args[1] ?? 0) ?? quoteLiteral(value);
  if (type.name === 'float' || type.name === 'double') {
    const number = Number(value);
    return Number.isFinite(number) ? String(number) : quoteLiteral(value);
  }
  if (['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'year'].includes(type.name)) return fixedPoint(value, 0) ?? quoteLiteral(value);
  return quoteLiteral(value);
}

/** The server's flavour: MariaDB and MySQL 8 spell defaults differently in information_schema. */
export type ServerFlavor = 'mariadb' | 'mysql';

/**
 * A default as information_schema.COLUMNS gives it (COLUMN_DEFAULT and EXTRA), spelt one way. MariaDB quotes string
 * literals and writes `NULL` for DEFAULT NULL; MySQL 8 writes literals bare and marks expressions DEFAULT_GENERATED.
 */
export function serverDefault(raw: string | null, extra: string, type: MysqlType, flavor: ServerFlavor): string | undefined {
  if (raw === null) return undefined;
  if (flavor === 'mysql') {
    if (/\bDEFAULT_GENERATED\b/i.test(extra)) return expressionDefault(raw.replaceAll("\\'", "'"), type);
    return literalDefault(raw, type);
  }
  if (raw === 'NULL') return undefined;
  if (raw.startsWith("'")) {
    const tokens = tokenize(raw);
    const value = !isLexError(tokens) && tokens.length === 1 && tokens[0]!.kind === 'string' ? tokens[0]!.value : raw;
    return literalDefault(value, type);
  }
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw) || /^b'[01]*'$/i.test(raw)) return literalDefault(raw, type);
  return expressionDefault(raw, type);
}

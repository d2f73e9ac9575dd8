import { nameKey } from './names.js';
import { meaningful, unquote } from './tokens.js';

type Token = ReturnType<typeof meaningful>[number];

/**
 * The values CHECK constraints allow, by column (nameKey), read from a table's `CREATE TABLE` text in
 * `sqlite_schema` (SQLite keeps the text as written, and rewrites it on `ADD COLUMN` and renames). Only one form is
 * read, on a column or on the table: `CHECK (c IN ('a', 'b'))`, `CHECK (c = 'a' OR c = 'b')`, either with an OR'd
 * `c IS NULL`, of string and number literals. Anything else (ranges, functions, several columns, NULL in the list)
 * allows no list of values. The first such constraint of a column wins.
 */
export function checkValues(sql: string | null): Map<string, string[]> {
  const values = new Map<string, string[]>();
  if (sql === null) return values;
  const tokens = meaningful(sql);
  const words = tokens.map(lowerWord);
  const tableAt = words[1] === 'table' ? 1 : words[2] === 'table' ? 2 : -1;
  if (words[0] !== 'create' || tableAt < 0) return values;
  const partners = matchingParentheses(tokens);
  const open = tokens.findIndex((token, index) => index > tableAt && token.text === '(');
  const close = partners.get(open);
  if (open < 0 || close === undefined) return values;
  for (const definition of splitAtCommas(tokens, partners, open + 1, close)) {
    for (const found of checksIn(tokens, words, partners, definition)) {
      if (!values.has(found.column)) values.set(found.column, found.values);
    }
  }
  return values;
}

function lowerWord(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toLowerCase() : undefined;
}

/** Index of each parenthesis's partner. */
function matchingParentheses(tokens: Token[]): Map<number, number> {
  const partners = new Map<number, number>();
  const stack: number[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token.text === '(') stack.push(index);
    else if (token.text === ')' && stack.length > 0) {
      const opening = stack.pop()!;
      partners.set(opening, index);
      partners.set(index, opening);
    }
  }
  return partners;
}

/** The column definitions and table constraints between the parentheses, as [start, end) ranges. */
function splitAtCommas(tokens: Token[], partners: Map<number, number>, start: number, end: number): [number, number][] {
  const ranges: [number, number][] = [];
  let from = start;
  for (let index = start; index < end; index += 1) {
    if (tokens[index]!.text === '(') index = partners.get(index) ?? end;
    else if (tokens[index]!.text === ',') {
      ranges.push([from, index]);
      from = index + 1;
    }
  }
  ranges.push([from, end]);
  return ranges;
}

/** The CHECKs of one definition that list a column's values: a table constraint's, or a column's own. */
function checksIn(tokens: Token[], words: (string | undefined)[], partners: Map<number, number>, [start, end]: [number, number]): { column: string; values: string[] }[] {
  const first = words[start];
  const column = first === undefined || ['constraint', 'check', 'primary', 'unique', 'foreign'].includes(first) ? undefined : tokens[start];
  const found: { column: string; values: string[] }[] = [];
  for (let index = start; index < end; index += 1) {
    if (tokens[index]!.text === '(') {
      index = partners.get(index) ?? end;
      continue;
    }
    const expression = words[index] === 'check' && tokens[index + 1]?.text === '(' ? partners.get(index + 1) : undefined;
    if (expression === undefined) continue;
    const listed = listedValues(tokens.slice(index + 2, expression));
    if (listed && (column === undefined || listed.column === nameKey(unquote(column.text)))) found.push(listed);
    index = expression;
  }
  return found;
}

/** `c IN (...)`, `c = v`, OR'd together, with `c IS NULL` allowed among them: the column and the values listed. */
function listedValues(expression: Token[]): { column: string; values: string[] } | undefined {
  const partners = matchingParentheses(expression);
  let column: string | undefined;
  const values: string[] = [];
  for (const part of splitAtOr(expression, unwrap(partners, [0, expression.length]))) {
    const [start, end] = unwrap(partners, part);
    const reference = expression[start];
    if (!reference || (reference.kind !== 'word' && reference.kind !== 'quoted')) return undefined;
    const name = nameKey(unquote(reference.text));
    if (column !== undefined && column !== name) return undefined;
    column = name;
    const rest = expression.slice(start + 1, end);
    const text = rest.map((token) => (token.kind === 'word' ? token.text.toLowerCase() : token.text));
    if (text.join(' ') === 'is null') continue;
    const listed =
      text[0] === 'in' && text[1] === '(' && partners.get(start + 2) === end - 1
        ? literals(rest.slice(2, -1))
        : text[0] === '=' ? literals(text[1] === '=' ? rest.slice(2) : rest.slice(1)) : undefined;
    if (!listed) return undefined;
    values.push(...listed);
  }
  return column !== undefined && values.length > 0 ? { column, values } : undefined;
}

/** The parts of a range between the ORs outside any parentheses. */
function splitAtOr(tokens: Token[], [start, end]: [number, number]): [number, number][] {
  const parts: [number, number][] = [];
  let from = start;
  let depth = 0;
  for (let index = start; index < end; index += 1) {
    const token = tokens[index]!;
    if (token.text === '(') depth += 1;
    if (token.text === ')') depth -= 1;
    if (depth === 0 && lowerWord(token) === 'or') {
      parts.push([from, index]);
      from = index + 1;
    }
  }
  parts.push([from, end]);
  return parts;
}

/** A range without the parentheses around the whole of it. */
function unwrap(partners: Map<number, number>, [start, end]: [number, number]): [number, number] {
  let [from, to] = [start, end];
  while (to - from >= 2 && partners.get(from) === to - 1) {
    from += 1;
    to -= 1;
  }
  return [from, to];
}

/** String and number literals separated by commas, a number optionally signed. */
function literals(tokens: Token[]): string[] | undefined {
  const values: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const sign = tokens[index]!.text === '-' || tokens[index]!.text === '+' ? tokens[index]!.text : '';
    const literal = tokens[index + (sign ? 1 : 0)];
    if (!literal || (literal.kind !== 'string' && literal.kind !== 'number') || (sign && literal.kind !== 'number')) return undefined;
    values.push(literal.kind === 'string' ? unquote(literal.text) : `${sign === '-' ? '-' : ''}${literal.text}`);
    index += sign ? 2 : 1;
    if (index < tokens.length && tokens[index++]!.text !== ',') return undefined;
    if (index === tokens.length && tokens[index - 1]!.text === ',') return undefined;
  }
  return values.length > 0 ? values : undefined;
}

import { meaningful, unquote } from './tokens.js';

/** SQLite compares names with ASCII letters folded to lower case, and only those. */
export function nameKey(name: string): string {
  return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** A table's name as a contract writes it: bare where `parseTableName` reads it back unchanged, else quoted. */
export function writtenTableName(table: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(table) ? table : `"${table.replaceAll('"', '""')}"`;
}

export type ParsedTableName = { ok: true; table: string } | { ok: false; message: string };

/**
 * Reads a contract's table name as SQLite reads one in SQL: a name, bare or quoted (`"Order Items"`, `[x]`,
 * `` `x` ``), optionally after `main.`. Migrations build the main database only (ATTACH is refused), so any other
 * schema is refused here with its reason. SQLite then finds the table whatever the case of its ASCII letters.
 */
export function parseTableName(name: string): ParsedTableName {
  const tokens = meaningful(name);
  const parts: string[] = [];
  for (const [index, token] of tokens.entries()) {
    if (index % 2 === 1) {
      if (token.text !== '.') return { ok: false, message: `unexpected "${token.text}" after a name part` };
      continue;
    }
    if (token.open) return { ok: false, message: 'unterminated quoted identifier' };
    if (token.kind !== 'word' && token.kind !== 'quoted') return { ok: false, message: `"${token.text}" is not an identifier; quote it` };
    parts.push(unquote(token.text));
  }
  if (parts.length === 0 || tokens.length % 2 === 0) return { ok: false, message: 'empty name part' };
  if (parts.length > 2) return { ok: false, message: 'a table is named table or main.table' };
  const [first, second] = parts as [string, string | undefined];
  if (second === undefined) return { ok: true, table: first };
  if (nameKey(first) !== 'main') {
    return { ok: false, message: `"${first}" is not the main database: migrations build the main database only (ATTACH DATABASE is refused)` };
  }
  return { ok: true, table: second };
}

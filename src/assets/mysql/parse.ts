import mariadbGrammar from 'node-sql-parser/build/mariadb.js';
import mysqlGrammar from 'node-sql-parser/build/mysql.js';

/** A node of node-sql-parser's tree, read field by field: its typings do not describe MySQL's DDL. */
export type Node = Record<string, unknown>;

export type Parsed = { ok: true; node: Node } | { ok: false; message: string; line?: number; column?: number };

const GRAMMARS = [
  { parser: new mysqlGrammar.Parser(), database: 'MySQL' },
  { parser: new mariadbGrammar.Parser(), database: 'MariaDB' },
] as const;

/** Statements longer than this are not given to the parser, whose memory grows with the text. */
const MAX_PARSED_LENGTH = 1024 * 1024;

/**
 * Spellings of types (and CHARSET) that MySQL reads as others and the grammars do not know, with what MySQL reads
 * them as. The one at the place a grammar stopped is spelt MySQL's way, and the statement parsed again.
 */
const SYNONYMS: Record<string, string> = {
  BOOL: 'BOOLEAN',
  REAL: 'DOUBLE',
  DEC: 'DECIMAL',
  FIXED: 'DECIMAL',
  PRECISION: '',
  CHARSET: 'CHARACTER SET',
  INT1: 'TINYINT',
  INT2: 'SMALLINT',
  INT3: 'MEDIUMINT',
  MIDDLEINT: 'MEDIUMINT',
  INT4: 'INT',
  FLOAT4: 'FLOAT',
  FLOAT8: 'DOUBLE',
  SERIAL: 'BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE',
};
const MAX_RESPELLINGS = 32;

/** The offset of a 1-based line and column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** The text with the synonym the parser stopped at spelt MySQL's way, or undefined when it stopped elsewhere. */
function respelt(text: string, failed: Parsed): string | undefined {
  if (failed.ok || failed.line === undefined) return undefined;
  const offset = offsetOf(text, failed.line, failed.column ?? 1);
  const word = /^[A-Za-z0-9_]+/.exec(text.slice(offset))?.[0];
  const replacement = word === undefined ? undefined : SYNONYMS[word.toUpperCase()];
  if (replacement === undefined || /[A-Za-z0-9_$]/.test(text[offset - 1] ?? '')) return undefined;
  // DOUBLE PRECISION: PRECISION only goes after DOUBLE.
  if (word!.toUpperCase() === 'PRECISION' && !/DOUBLE\s+$/i.test(text.slice(0, offset))) return undefined;
  return `${text.slice(0, offset)}${replacement}${text.slice(offset + word!.length)}`;
}

/**
 * One statement parsed by node-sql-parser, with its MySQL grammar, then its MariaDB one (each reads statements the
 * other does not), spelling MySQL's type synonyms as the grammars know them. A statement neither reads gives the
 * MySQL grammar's first complaint, at its position in the statement.
 */
export function parseStatement(text: string): Parsed {
  if (text.length > MAX_PARSED_LENGTH) return { ok: false, message: `the statement is longer than ${MAX_PARSED_LENGTH} characters` };
  let first: Parsed | undefined;
  let current = text;
  for (let attempt = 0; attempt < MAX_RESPELLINGS; attempt += 1) {
    const parsed = parseOnce(current);
    if (parsed.ok) return parsed;
    first ??= parsed;
    const next = respelt(current, parsed);
    if (next === undefined) break;
    current = next;
  }
  return first!;
}

function parseOnce(text: string): Parsed {
  let first: Parsed | undefined;
  for (const { parser, database } of GRAMMARS) {
    try {
      const ast = parser.astify(text, { database });
      const node = (Array.isArray(ast) ? ast[0] : ast) as Node | undefined;
      if (node && (!Array.isArray(ast) || ast.length === 1)) return { ok: true, node };
      first ??= { ok: false, message: 'the parser read more than one statement here' };
    } catch (error) {
      first ??= failure(error);
    }
  }
  return first!;
}

function failure(error: unknown): Parsed {
  if (error instanceof RangeError) return { ok: false, message: 'the statement is nested too deeply for the parser' };
  const { message, location } = error as { message?: string; location?: { start?: { line?: number; column?: number } } };
  const start = location?.start;
  const short = (message ?? String(error)).replace(/^Expected .{200,}? but /s, 'unexpected input: ');
  return { ok: false, message: short, ...(start?.line ? { line: start.line, column: start.column ?? 1 } : {}) };
}

/** The SQL text of an expression node, as node-sql-parser writes it. */
export function expressionText(expression: Node): string {
  const select = { type: 'select', columns: [{ expr: expression, as: null }] };
  return GRAMMARS[0].parser.sqlify(select as never, { database: 'MySQL' }).replace(/^SELECT\s+/i, '');
}

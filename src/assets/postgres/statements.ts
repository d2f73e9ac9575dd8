import { parse } from 'libpg-query';

/** One SQL statement of a migration file, with the line it starts on. */
export interface Statement {
  sql: string;
  line: number;
}

export type SplitResult =
  | { ok: true; statements: Statement[] }
  | { ok: false; line: number; column: number; message: string };

interface ParsedStatement {
  stmt_location?: number;
  stmt_len?: number;
}

/**
 * Splits a migration into statements with the real Postgres parser, so dollar quotes, nested comments and
 * `BEGIN ATOMIC` bodies split exactly where Postgres would split them. Locations are byte offsets.
 */
export async function splitStatements(text: string): Promise<SplitResult> {
  const bytes = Buffer.from(text, 'utf8');
  let parsed: { stmts?: ParsedStatement[] };
  try {
    parsed = (await parse(text)) as { stmts?: ParsedStatement[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = positionAt(bytes, details?.cursorPosition ?? 0);
    return { ok: false, ...position, message: (error as Error).message };
  }
  const statements = (parsed.stmts ?? []).map((stmt) => {
    const start = stmt.stmt_location ?? 0;
    const end = stmt.stmt_len ? start + stmt.stmt_len : bytes.length;
    const raw = bytes.subarray(start, end).toString('utf8');
    const leading = leadingTriviaLength(raw);
    return { sql: raw.trim(), line: positionAt(bytes, start + Buffer.byteLength(raw.slice(0, leading))).line };
  });
  return { ok: true, statements: statements.filter((statement) => statement.sql.length > 0) };
}

/** Length of the white space and comments before a statement's first token, so its line is the keyword's line. */
function leadingTriviaLength(raw: string): number {
  let index = 0;
  for (;;) {
    while (index < raw.length && /\s/.test(raw[index]!)) index += 1;
    if (raw.startsWith('--', index)) {
      const end = raw.indexOf('\n', index);
      index = end === -1 ? raw.length : end + 1;
    } else if (raw.startsWith('/*', index)) {
      index = blockCommentEnd(raw, index);
    } else {
      return index;
    }
  }
}

/** Postgres block comments nest. */
function blockCommentEnd(raw: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < raw.length) {
    if (raw.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (raw.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return raw.length;
}

/** 1-based line and column of a byte offset. */
export function positionAt(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, Math.max(0, Math.min(offset, bytes.length))).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

import { parse } from 'libpg-query';

/** One SQL statement of a migration file, with the line it starts on. */
export interface Statement {
  sql: string;
  line: number;
  /** False for statements that only read or write rows, after which the catalog need not be read again. */
  changesCatalog: boolean;
}

/** Statements that move data, not definitions: a data migration of thousands of INSERTs stays fast. */
const DATA_STATEMENTS = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt', 'CopyStmt']);

export type SplitResult =
  | { ok: true; statements: Statement[] }
  | { ok: false; line: number; column: number; message: string };

interface ParsedStatement {
  stmt: Record<string, unknown>;
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
    // The parser's location already points at the statement's first keyword, past comments.
    const sql = bytes.subarray(start, end).toString('utf8').trim();
    const kind = Object.keys(stmt.stmt)[0] ?? '';
    return { sql, line: positionAt(bytes, start).line, changesCatalog: !DATA_STATEMENTS.has(kind) };
  });
  return { ok: true, statements: statements.filter((statement) => statement.sql.length > 0) };
}

/** 1-based line and column of a byte offset. */
export function positionAt(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, Math.max(0, Math.min(offset, bytes.length))).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

import { loadModule, parse, scanSync } from 'libpg-query';
import { SKIPPED_EXTENSIONS, VECTOR_INDEX_METHODS } from './sandbox.js';

/** One SQL statement of a migration file, with where it starts. */
export interface Statement {
  /** What is run: the statement as written, except that a `CONCURRENTLY` keyword is blanked (see below). */
  sql: string;
  line: number;
  /** 1-based column of the statement's first character on `line`. */
  column: number;
  /** False for statements that only read or write rows, after which the catalog need not be read again. */
  changesCatalog: boolean;
  /** Set on `ALTER TYPE ... ADD VALUE`: the value becomes usable once its migration file is done (see the worker). */
  addsEnumValue?: true;
  /** Set on statements that can leave deferred constraint checks pending (they change rows, or run code). */
  writesRows?: true;
}

/** Statements that move data, not definitions: a data migration of thousands of INSERTs stays fast. */
const DATA_STATEMENTS = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt', 'CopyStmt']);
/** Statements after which a deferred constraint check may be pending. */
const ROW_WRITING_STATEMENTS = new Set([...DATA_STATEMENTS, 'DoStmt', 'CallStmt', 'ExecuteStmt']);

/**
 * Statements that define nothing a table is judged by, and that cannot run where the replay runs them (inside one
 * transaction, through a function): transaction control (every migration replays inside the replay's own
 * transaction), maintenance, cluster-wide settings, databases and tablespaces, subscriptions, and the switches of
 * role a sandboxed migration may not make. They are skipped.
 */
const SKIPPED_STATEMENTS = new Set([
  'TransactionStmt',
  'VacuumStmt',
  'CheckPointStmt',
  'ReindexStmt',
  'ClusterStmt',
  'AlterSystemStmt',
  'LoadStmt',
  'DiscardStmt',
  'CreatedbStmt',
  'DropdbStmt',
  'AlterDatabaseStmt',
  'AlterDatabaseSetStmt',
  'AlterDatabaseRefreshCollStmt',
  'CreateTableSpaceStmt',
  'DropTableSpaceStmt',
  'AlterTableSpaceOptionsStmt',
  'CreateSubscriptionStmt',
  'AlterSubscriptionStmt',
  'DropSubscriptionStmt',
  'VariableShowStmt',
  'ListenStmt',
  'UnlistenStmt',
  'NotifyStmt',
]);
const SKIPPED_SETTINGS = new Set(['role', 'session_authorization', 'transaction_isolation', 'transaction_read_only', 'transaction_deferrable']);

export type SplitResult =
  | { ok: true; statements: Statement[] }
  | { ok: false; line: number; column: number; message: string };

interface ParsedStatement {
  stmt: Record<string, Record<string, unknown>>;
  stmt_location?: number;
  stmt_len?: number;
}

/**
 * Splits a migration into statements with the real Postgres parser, so dollar quotes, nested comments and
 * `BEGIN ATOMIC` bodies split exactly where Postgres would split them. Locations are byte offsets. A file with no
 * statement at all (empty, blank, comments only) gives none.
 */
export async function splitStatements(text: string): Promise<SplitResult> {
  if (text.trim() === '') return { ok: true, statements: [] };
  await loadModule();
  const bytes = Buffer.from(text, 'utf8');
  let parsed: { stmts?: ParsedStatement[] };
  try {
    parsed = (await parse(text)) as { stmts?: ParsedStatement[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = positionAt(bytes, details?.cursorPosition ?? 0);
    return { ok: false, ...position, message: (error as Error).message };
  }
  const statements: Statement[] = [];
  for (const stmt of parsed.stmts ?? []) {
    const start = stmt.stmt_location ?? 0;
    const end = stmt.stmt_len ? start + stmt.stmt_len : bytes.length;
    // The parser's location already points at the statement's first keyword, past comments.
    const sql = bytes.subarray(start, end).toString('utf8').trimEnd();
    const kind = Object.keys(stmt.stmt)[0] ?? '';
    const node = stmt.stmt[kind] ?? {};
    if (sql.trim().length === 0 || skipped(kind, node)) continue;
    statements.push({
      sql: mentionsConcurrently(node) ? withoutConcurrently(sql) : sql,
      ...positionAt(bytes, start),
      changesCatalog: !DATA_STATEMENTS.has(kind),
      ...(kind === 'AlterEnumStmt' && node.newVal !== undefined && node.oldVal === undefined ? { addsEnumValue: true as const } : {}),
      ...(ROW_WRITING_STATEMENTS.has(kind) ? { writesRows: true as const } : {}),
    });
  }
  return { ok: true, statements };
}

function skipped(kind: string, node: Record<string, unknown>): boolean {
  if (SKIPPED_STATEMENTS.has(kind)) return true;
  if (kind === 'VariableSetStmt') {
    return node.kind === 'VAR_SET_MULTI' || SKIPPED_SETTINGS.has(String(node.name ?? ''));
  }
  // COPY to or from the client has no client here; COPY with a file is left to fail (no file access).
  if (kind === 'CopyStmt') return node.filename === undefined && node.is_program !== true;
  if (kind === 'CreateExtensionStmt') return SKIPPED_EXTENSIONS.has(String(node.extname ?? ''));
  if (kind === 'IndexStmt') return VECTOR_INDEX_METHODS.has(String(node.accessMethod ?? ''));
  return false;
}

function mentionsConcurrently(node: unknown): boolean {
  return JSON.stringify(node).includes('"concurrent":true');
}

/**
 * `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY` and `DETACH PARTITION ... CONCURRENTLY` cannot run inside a
 * transaction, and build the same catalog without the keyword: the keyword is replaced by spaces, so positions in
 * the statement still match the file.
 */
function withoutConcurrently(sql: string): string {
  const bytes = Buffer.from(sql, 'utf8');
  let tokens: { start: number; end: number; text: string; keywordKind: number }[];
  try {
    tokens = scanSync(sql).tokens as typeof tokens;
  } catch {
    return sql;
  }
  for (const token of tokens) {
    if (token.keywordKind !== 0 && token.text.toUpperCase() === 'CONCURRENTLY') bytes.fill(0x20, token.start, token.end);
  }
  return bytes.toString('utf8');
}

/** 1-based line and column of a byte offset. */
export function positionAt(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, Math.max(0, Math.min(offset, bytes.length))).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

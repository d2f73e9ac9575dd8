/** An error SQLite itself reported (sql.js gives it SQLite's result code); anything else broke the sandbox. */
export interface SqliteError extends Error {
  code: string;
  errcode: number;
}

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && typeof (error as Partial<SqliteError>).errcode === 'number';
}

/** Result codes of statements that ran out of what the sandbox allows, rather than being wrong. */
const OUT_OF_LIMITS = new Set(['SQLITE_NOMEM', 'SQLITE_FULL']);

export function isOverLimit(error: SqliteError): boolean {
  return OUT_OF_LIMITS.has(error.code);
}

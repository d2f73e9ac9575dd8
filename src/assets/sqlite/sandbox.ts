import type { Database, SqlJsStatic } from 'sql.js';

/**
 * How the replay's SQLite is held. It is sql.js, SQLite compiled to WebAssembly without `load_extension`, whose
 * databases live in an in-memory file system: no migration reaches a host file. Statements that would open or write
 * another database file are refused before they run, and pragmas that would change the limits below are skipped
 * (statement-kinds.ts). A statement that needs more memory than HEAP_LIMIT_BYTES fails with "out of memory", one that
 * grows the database past MAX_DATABASE_BYTES with "database or disk is full"; the worker's time limits stop the rest.
 */

/** SQLite's heap for every database of a worker. A pragma can only lower it, and migrations may not set it. */
export const HEAP_LIMIT_BYTES = 256 * 1024 ** 2;
/** How large a database may grow, in SQLite's default 4 KiB pages (migrations may not change the page size). */
export const MAX_DATABASE_BYTES = 256 * 1024 ** 2;
const MAX_PAGES = MAX_DATABASE_BYTES / 4096;

/** Sets the worker-wide limits, once. */
export function limitProcess(sql: SqlJsStatic): void {
  const db = new sql.Database();
  try {
    db.run(`PRAGMA hard_heap_limit = ${HEAP_LIMIT_BYTES}`);
  } finally {
    db.close();
  }
}

/**
 * A database to replay into, empty or from an image. The rollback journal and temporary tables stay in SQLite's
 * heap, under its limit.
 */
export function openDatabase(sql: SqlJsStatic, image?: Uint8Array): Database {
  const db = new sql.Database(image);
  db.run(`PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA max_page_count = ${MAX_PAGES}`);
  return db;
}

/**
 * Connection settings a migration may change that change what later statements do. Each file starts with SQLite's
 * defaults for them, as on a fresh connection: whether a file is replayed after its predecessors in one job or from
 * a saved image of them cannot change what it builds.
 */
const CONNECTION_SETTINGS = [
  'foreign_keys',
  'defer_foreign_keys',
  'recursive_triggers',
  'legacy_alter_table',
  'trusted_schema',
  'query_only',
  'ignore_check_constraints',
  'writable_schema',
  'automatic_index',
  'reverse_unordered_selects',
];

/** The statement that puts CONNECTION_SETTINGS back to this SQLite's defaults, read from a fresh database. */
export function connectionReset(sql: SqlJsStatic): string {
  const db = new sql.Database();
  try {
    return CONNECTION_SETTINGS.map((name) => `PRAGMA ${name} = ${Number(db.exec(`PRAGMA ${name}`)[0]?.values[0]?.[0] ?? 0)};`).join(' ');
  } finally {
    db.close();
  }
}

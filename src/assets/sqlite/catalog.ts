import type { Database, SqlValue } from 'sql.js';
import { nameKey } from './names.js';
import type { RawColumn, RawIndex, RawTable } from './replay-protocol.js';
import { isSqliteError } from './sqlite-errors.js';

/** A table or view of `sqlite_schema`: what tells it apart through a statement, and whether the statement changed it. */
export interface SchemaEntry {
  name: string;
  /** Kept by `ALTER TABLE ... RENAME TO`; 0 for a view. */
  rootpage: number;
  /** Its definition and its indexes': equal signatures describe equal tables. */
  signature: string;
}

function rows(db: Database, sql: string, parameters: SqlValue[] = []): SqlValue[][] {
  return db.exec(sql, parameters)[0]?.values ?? [];
}

/** The main database's tables and views, by nameKey. */
export function listSchema(db: Database): Map<string, SchemaEntry> {
  const entries = new Map<string, SchemaEntry>();
  const indexes = new Map<string, string[]>();
  for (const [type, name, table, rootpage, sql] of rows(db, 'SELECT type, name, tbl_name, rootpage, sql FROM main.sqlite_schema')) {
    if (type === 'table' || type === 'view') {
      entries.set(nameKey(String(name)), { name: String(name), rootpage: Number(rootpage), signature: String(sql ?? '') });
    } else if (type === 'index') {
      const key = nameKey(String(table));
      indexes.set(key, [...(indexes.get(key) ?? []), `${String(name)}\u0000${String(sql ?? '')}`]);
    }
  }
  for (const [key, entry] of entries) {
    entry.signature = [entry.signature, ...(indexes.get(key) ?? []).sort()].join('\u0001');
  }
  return entries;
}

/**
 * The tables, views and virtual tables a listing reads back: those of the main database, but not SQLite's own
 * (`sqlite_sequence`, `sqlite_stat1`: names starting `sqlite_` are reserved to it) nor the shadow tables a virtual
 * table keeps its content in (an FTS4 table's `notes_content`, ...), which are the virtual table's storage.
 */
export function listedTables(db: Database): string[] {
  const listed = rows(db, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  return listed.map(([name]) => String(name));
}

/**
 * Reads one table or view back: `PRAGMA table_list` (kind, STRICT, WITHOUT ROWID), `PRAGMA table_xinfo` (columns,
 * declared types, NOT NULL, defaults, primary key order, hidden and generated columns) and `PRAGMA index_list` /
 * `index_info` (unique indexes that are not partial). Its CHECK constraints are read from `sql`.
 */
export function readTable(db: Database, name: string, id: number): RawTable {
  const [listed] = rows(db, "SELECT type, wr, strict FROM pragma_table_list(?) WHERE schema = 'main'", [name]);
  const [sql] = rows(db, "SELECT sql FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name = ?", [name]);
  const table: RawTable = {
    id,
    name,
    kind: listed?.[0] === 'view' ? 'view' : listed?.[0] === 'virtual' ? 'virtual' : 'table',
    strict: listed?.[2] === 1,
    withoutRowid: listed?.[1] === 1,
    columns: [],
    uniqueIndexes: [],
    sql: sql?.[0] == null ? null : String(sql[0]),
  };
  try {
    table.columns = rows(db, 'SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, \'main\') ORDER BY cid', [name]).map(
      ([column, type, notNull, fallback, primaryKey, hidden]): RawColumn => ({
        name: String(column),
        type: String(type ?? ''),
        notNull: notNull === 1,
        default: fallback == null ? null : String(fallback),
        primaryKey: Number(primaryKey),
        hidden: Number(hidden),
      }),
    );
    table.uniqueIndexes = rows(db, 'SELECT name, origin FROM pragma_index_list(?, \'main\') WHERE "unique" AND NOT partial', [name]).map(
      ([index, origin]): RawIndex => ({
        columns: rows(db, "SELECT name FROM pragma_index_info(?, 'main') ORDER BY seqno", [index as string]).map(([column]) =>
          column == null ? null : String(column),
        ),
        primary: origin === 'pk',
      }),
    );
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    // SQLite could not describe it (a view over a dropped table): the state says so instead of a guess.
    table.unreadable = error.message;
  }
  return table;
}

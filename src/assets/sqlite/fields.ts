import type { FieldSchema } from '../model.js';
import { checkValues } from './check-values.js';
import { nameKey } from './names.js';
import type { RawColumn, RawTable } from './replay-protocol.js';
import { declaredSpelling } from './types.js';

/** The columns a reader of the table sees: every one but a virtual table's hidden columns (generated ones count). */
export function visibleColumns(table: RawTable): RawColumn[] {
  return table.columns.filter((column) => column.hidden !== 1);
}

/**
 * A table's fields, in column order. A column is nullable unless declared NOT NULL (SQLite reports PRIMARY KEY
 * columns of STRICT and WITHOUT ROWID tables as NOT NULL itself) or it is the rowid (`INTEGER PRIMARY KEY`, which
 * SQLite fills in when NULL is given). Unique: a unique index or constraint on that one column that is not partial,
 * or a one-column primary key. SQLite does not know whether a view's column can be null: no guarantee about it can
 * be judged, so a view's columns are read as not nullable.
 */
export function fieldsOf(table: RawTable): FieldSchema[] {
  const columns = visibleColumns(table);
  const primary = columns.filter((column) => column.primaryKey > 0);
  const rowid = isRowidAlias(table, primary);
  const unique = new Set(
    table.uniqueIndexes.filter((index) => index.columns.length === 1 && index.columns[0] != null).map((index) => nameKey(index.columns[0]!)),
  );
  const checks = checkValues(table.sql);
  return columns.map((column) => {
    const key = nameKey(column.name);
    const inPrimaryKey = column.primaryKey > 0;
    const field: FieldSchema = {
      name: column.name,
      type: typeOf(table, column),
      nullable: table.kind !== 'view' && !column.notNull && !(rowid && inPrimaryKey),
      primaryKey: inPrimaryKey,
      unique: unique.has(key) || (inPrimaryKey && primary.length === 1),
    };
    if (column.default !== null) field.default = column.default;
    const values = checks.get(key);
    if (values) {
      field.allowedValues = values;
      field.allowedValuesFrom = 'check';
    }
    return field;
  });
}

/**
 * The declared type, except that ANY outside a STRICT table is no type of its own: it names NUMERIC affinity there,
 * and only a STRICT table's ANY keeps values as given (types.ts).
 */
function typeOf(table: RawTable, column: RawColumn): string {
  return !table.strict && declaredSpelling(column.type) === 'any' ? 'numeric' : column.type;
}

/** `INTEGER PRIMARY KEY` in a rowid table names the rowid, except written `INTEGER PRIMARY KEY DESC` (an index then). */
function isRowidAlias(table: RawTable, primary: RawColumn[]): boolean {
  if (table.kind !== 'table' || table.withoutRowid || primary.length !== 1) return false;
  return declaredSpelling(primary[0]!.type) === 'integer' && !table.uniqueIndexes.some((index) => index.primary);
}

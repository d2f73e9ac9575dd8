import { generatedDefault, serverDefault, type ServerFlavor } from './defaults.js';
import { isWatched, type TablesRead } from './replay.js';
import type { Session } from './server-session.js';
import type { ColumnSnapshot, KeySnapshot, TableSnapshot } from './snapshot.js';
import { DEFAULT_CHARSET, mysqlType, spellingWithMembers, TEXT_TYPES } from './type-spelling.js';

interface TableRow {
  TABLE_NAME: string;
  TABLE_TYPE: string;
}

interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null;
  EXTRA: string;
  CHARACTER_SET_NAME: string | null;
  GENERATION_EXPRESSION: string | null;
}

interface KeyRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  COLUMN_NAME: string | null;
}

interface CheckRow {
  TABLE_NAME: string;
  CHECK_CLAUSE: string;
}

const GENERATED = /\b(VIRTUAL|STORED) GENERATED\b/i;
/** CHECK constraints by table: MariaDB names their table; MySQL 8 only through TABLE_CONSTRAINTS. */
const MARIADB_CHECKS = 'SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME IN (?)';
const MYSQL_CHECKS =
  'SELECT tc.TABLE_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc ' +
  "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_SCHEMA = ? AND tc.TABLE_NAME IN (?) AND tc.CONSTRAINT_TYPE = 'CHECK'";

/** A text column held to `json_valid(col)` is read as JSON: that is MariaDB's JSON type (LONGTEXT with the check). */
function jsonColumns(checks: CheckRow[], table: string): Set<string> {
  return new Set(
    checks
      .filter((check) => check.TABLE_NAME === table)
      .map((check) => /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(check.CHECK_CLAUSE.trim())?.[1]?.replaceAll('``', '`')?.toLowerCase())
      .filter((name): name is string => name !== undefined),
  );
}

function columnOf(row: ColumnRow, json: Set<string>, flavor: ServerFlavor): ColumnSnapshot {
  const charset = row.CHARACTER_SET_NAME?.toLowerCase();
  const declared = mysqlType(row.COLUMN_TYPE);
  const written = TEXT_TYPES.has(declared.name) && json.has(row.COLUMN_NAME.toLowerCase()) ? 'json' : row.COLUMN_TYPE;
  const bare = mysqlType(written);
  const type = TEXT_TYPES.has(bare.name) && charset && charset !== DEFAULT_CHARSET ? mysqlType(`${written} CHARACTER SET ${charset}`) : bare;
  const column: ColumnSnapshot = { name: row.COLUMN_NAME, type: spellingWithMembers(type), nullable: row.IS_NULLABLE === 'YES' };
  const generated = GENERATED.exec(row.EXTRA);
  const fallback = generated
    ? generatedDefault(row.GENERATION_EXPRESSION ?? '', generated[1]!.toUpperCase() === 'STORED')
    : serverDefault(row.COLUMN_DEFAULT, row.EXTRA, type, flavor);
  if (fallback !== undefined) column.default = fallback;
  return column;
}

function keysOf(rows: KeyRow[], table: string): KeySnapshot[] {
  const keys = new Map<string, KeySnapshot>();
  for (const row of rows) {
    // A functional key part (MySQL 8) names no column: it makes no column unique.
    if (row.TABLE_NAME !== table || row.COLUMN_NAME === null) continue;
    const key = keys.get(row.INDEX_NAME) ?? { name: row.INDEX_NAME, primary: row.INDEX_NAME === 'PRIMARY', columns: [] };
    key.columns.push(row.COLUMN_NAME);
    keys.set(row.INDEX_NAME, key);
  }
  return [...keys.values()];
}

/**
 * The tables a read includes: those watched (by name, exactly or up to case) and tracked, or, for a listing, every
 * table and view (MariaDB's sequences, which information_schema lists beside them, are no table of rows).
 */
async function tablesOf(session: Session, database: string, which: { watch: readonly string[]; tracked: ReadonlySet<string> } | 'all'): Promise<TableRow[]> {
  if (which === 'all') {
    return session.query<TableRow>("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'SEQUENCE'", [database]);
  }
  const { watch, tracked } = which;
  const lowered = [...new Set([...watch, ...tracked].map((name) => name.toLowerCase()))];
  if (lowered.length === 0) return [];
  const candidates = await session.query<TableRow>(
    'SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) IN (?)',
    [database, lowered],
  );
  return candidates.filter((row) => tracked.has(row.TABLE_NAME) || isWatched(row.TABLE_NAME, watch));
}

/**
 * Reads tables of a database back from information_schema (see `tablesOf`): columns with COLUMN_TYPE (lengths,
 * precision, UNSIGNED, ENUM and SET members), their character set, nullability, default and generation; primary and
 * unique keys from STATISTICS.
 */
export async function readTables(
  session: Session,
  database: string,
  which: { watch: readonly string[]; tracked: ReadonlySet<string> } | 'all',
  flavor: ServerFlavor,
): Promise<TablesRead> {
  const found = await tablesOf(session, database, which);
  if (found.length === 0) return { tables: [], approximations: {} };
  const names = found.map((row) => row.TABLE_NAME);
  const [columns, keys, checks] = await Promise.all([
    session.query<ColumnRow>(
      'SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, GENERATION_EXPRESSION ' +
        'FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) ORDER BY TABLE_NAME, ORDINAL_POSITION',
      [database, names],
    ),
    session.query<KeyRow>(
      'SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS ' +
        'WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
      [database, names],
    ),
    session.query<CheckRow>(flavor === 'mariadb' ? MARIADB_CHECKS : MYSQL_CHECKS, [database, names]),
  ]);
  const tables = found.map((row): TableSnapshot => {
    const json = jsonColumns(checks, row.TABLE_NAME);
    return {
      name: row.TABLE_NAME,
      kind: row.TABLE_TYPE === 'VIEW' ? 'view' : 'table',
      columns: columns.filter((column) => column.TABLE_NAME === row.TABLE_NAME).map((column) => columnOf(column, json, flavor)),
      keys: keysOf(keys, row.TABLE_NAME),
    };
  });
  return { tables: tables.sort((a, b) => a.name.localeCompare(b.name)), approximations: {} };
}

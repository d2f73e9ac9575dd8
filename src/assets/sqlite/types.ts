import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';

/**
 * What SQLite makes of a declared type. Outside STRICT tables SQLite keeps no declared type, only the column's
 * affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity), which decides how values are
 * stored: a name containing INT has INTEGER affinity; CHAR, CLOB or TEXT, TEXT; BLOB, BLOB; REAL, FLOA or DOUB,
 * REAL; anything else NUMERIC. So `VARCHAR(64)` and `TEXT` are one type, `INT` and `BIGINT` another, and lengths,
 * precisions and scales mean nothing. Two refinements:
 * - a column with no declared type (BLOB affinity, so nothing is converted) is `any`, as is a STRICT table's ANY
 *   column: values are stored as given, of any kind; a declared BLOB is `blob`, bytes;
 * - the NUMERIC-affinity names that name a kind of value of their own (BOOLEAN, DATE, TIME, DATETIME and TIMESTAMP,
 *   JSON, UUID) are kept, because that is what drivers and ORMs read the column as (Go's go-sqlite3 and Python's
 *   `detect_types` turn DATETIME and DATE columns into times, Prisma maps BOOLEAN and DATETIME): `DATETIME` and
 *   `TIMESTAMP` are one type, `datetime`, and `BOOLEAN` is not `NUMERIC`.
 */
export type SqliteType = 'text' | 'integer' | 'real' | 'numeric' | 'blob' | 'any' | NamedType;
type NamedType = 'boolean' | 'date' | 'time' | 'datetime' | 'json' | 'uuid';

const NAMED_TYPES: Record<string, NamedType> = {
  bool: 'boolean',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  timetz: 'time',
  'time with time zone': 'time',
  'time without time zone': 'time',
  datetime: 'datetime',
  datetime2: 'datetime',
  smalldatetime: 'datetime',
  datetimeoffset: 'datetime',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  'timestamp with time zone': 'datetime',
  'timestamp without time zone': 'datetime',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
};

/** A declared type as SQLite stores it, spelled one way: lower case, single spaces, no spaces around parentheses. */
export function declaredSpelling(declared: string): string {
  return declared
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function affinity(spelling: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  if (spelling.includes('int')) return 'integer';
  if (/char|clob|text/.test(spelling)) return 'text';
  if (spelling.includes('blob')) return 'blob';
  if (/real|floa|doub/.test(spelling)) return 'real';
  return 'numeric';
}

function sqliteType(declared: string): SqliteType {
  const spelling = declaredSpelling(declared);
  if (spelling === '' || spelling === 'any') return 'any';
  const kind = affinity(spelling);
  return kind === 'numeric' ? (NAMED_TYPES[spelling.replace(/\([^)]*\)/g, '').replace(/ +/g, ' ').trim()] ?? 'numeric') : kind;
}

const FAMILIES: Partial<Record<SqliteType, TypeFamily>> = {
  text: 'text',
  integer: 'integer',
  real: 'decimal',
  numeric: 'decimal',
  blob: 'bytes',
  boolean: 'boolean',
  date: 'datetime',
  time: 'datetime',
  datetime: 'datetime',
  json: 'json',
  uuid: 'uuid',
};

/**
 * Whether every value of `actual` reads unchanged as `container`: `any` holds everything, NUMERIC holds integers and
 * reals (it stores them as they are), a datetime holds a date (its midnight).
 */
function holds(container: SqliteType, actual: SqliteType): boolean {
  if (container === actual || container === 'any') return true;
  if (container === 'numeric') return actual === 'integer' || actual === 'real';
  return container === 'datetime' && actual === 'date';
}

/** Portable contract types: each holds a family of SQLite types. */
const PORTABLE_TYPES: Record<string, (actual: SqliteType) => boolean> = {
  string: (t) => t === 'text',
  integer: (t) => t === 'integer',
  number: (t) => t === 'integer' || t === 'real' || t === 'numeric',
  decimal: (t) => t === 'integer' || t === 'numeric',
  boolean: (t) => t === 'boolean',
  date: (t) => t === 'date',
  time: (t) => t === 'time',
  timestamp: (t) => t === 'datetime',
  bytes: (t) => t === 'blob',
  uuid: (t) => t === 'uuid',
  json: (t) => t === 'json',
  object: (t) => t === 'json',
  array: () => false,
};

/** SQLite types, judged by affinity (see SqliteType). */
export const sqliteTypes: TypeSystem = {
  normalize: sqliteType,
  canHold(contractType, actual) {
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    return portable ? portable(sqliteType(actual)) : holds(sqliteType(contractType), sqliteType(actual));
  },
  /** `real` to `numeric`, `date` to `datetime`, and anything to `any`. */
  isWidening(before, after) {
    const [from, to] = [sqliteType(before), sqliteType(after)];
    return from !== to && holds(to, from);
  },
  familyOf: (type) => PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? FAMILIES[sqliteType(type)],
};

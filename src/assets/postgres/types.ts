import { loadModule, parseSync, type Node, type TypeName } from 'libpg-query';
import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';

// The synchronous parser needs libpg-query's WASM module. Loading it at the top level makes importing this module
// the initialisation, so no caller can reach normalize() before the parser is ready.
await loadModule();

/** A Postgres type as the parser understands it. */
interface PgType {
  spelling: string;
  /** The name without `pg_catalog.`, quoted where Postgres would quote it; a written schema is kept. */
  name: string;
  /** Type modifiers: lengths, precision and scale as numbers; anything else (PostGIS `point`) as text. */
  modifiers: (number | string)[];
  isArray: boolean;
}

/** Names Postgres accepts as other types that the grammar itself leaves alone. */
const ALIASES: Record<string, string> = {
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
};

/** Types whose single modifier is a fractional-seconds precision, where Postgres's maximum (6) means "none given". */
const PRECISION_TYPES = new Set(['timestamp', 'timestamptz', 'time', 'timetz']);
const MAX_SECONDS_PRECISION = 6;

/** Interval field ranges, as the parser encodes them (bit masks from Postgres's datetime.h). */
const INTERVAL_RANGES: Record<number, string> = {
  4: 'year',
  2: 'month',
  8: 'day',
  1024: 'hour',
  2048: 'minute',
  4096: 'second',
  6: 'year to month',
  1032: 'day to hour',
  3080: 'day to minute',
  7176: 'day to second',
  3072: 'hour to minute',
  7168: 'hour to second',
  6144: 'minute to second',
};
const INTERVAL_FULL_RANGE = 0x7fff;

const STRING_TYPES = new Set(['text', 'varchar', 'bpchar', 'name']);
const NAME_TYPE_LENGTH = 63;
/** Decimal digits before the point that each integer type needs, to compare it with numeric(p,s). */
const INTEGER_DIGITS: Record<string, number> = { int2: 5, int4: 10, int8: 19 };

function isInteger(type: PgType): boolean {
  return !type.isArray && type.name in INTEGER_DIGITS;
}

/** Portable contract types: each holds a family of Postgres types. */
const PORTABLE_TYPES: Record<string, (actual: PgType, isEnum: boolean) => boolean> = {
  string: (t, isEnum) => !t.isArray && (isEnum || STRING_TYPES.has(t.name) || t.name === 'citext'),
  integer: isInteger,
  number: (t) => !t.isArray && (t.name in INTEGER_DIGITS || ['numeric', 'float4', 'float8'].includes(t.name)),
  decimal: (t) => !t.isArray && (t.name in INTEGER_DIGITS || t.name === 'numeric'),
  boolean: (t) => !t.isArray && t.name === 'bool',
  date: (t) => !t.isArray && t.name === 'date',
  time: (t) => !t.isArray && (t.name === 'time' || t.name === 'timetz'),
  timestamp: (t) => !t.isArray && (t.name === 'timestamp' || t.name === 'timestamptz'),
  bytes: (t) => !t.isArray && t.name === 'bytea',
  uuid: (t) => !t.isArray && t.name === 'uuid',
  json: (t) => !t.isArray && (t.name === 'json' || t.name === 'jsonb'),
  object: (t) => !t.isArray && ['json', 'jsonb', 'hstore'].includes(t.name),
  array: (t) => t.isArray,
};

const parsed = new Map<string, PgType>();

/** Parses a type spelling once; spellings Postgres cannot parse are kept, lower-cased, as opaque names. */
function pgType(spelling: string): PgType {
  const cached = parsed.get(spelling);
  if (cached) return cached;
  const typeName = parseTypeName(spelling);
  const type = typeName ? fromTypeName(typeName) : opaqueType(spelling);
  parsed.set(spelling, type);
  return type;
}

function opaqueType(spelling: string): PgType {
  const name = spelling.trim().replace(/\s+/g, ' ').toLowerCase();
  return { spelling: name, name, modifiers: [], isArray: false };
}

/** The TypeName of `SELECT NULL::<spelling>`, or undefined unless the spelling is exactly one type name. */
function parseTypeName(spelling: string): TypeName | undefined {
  let statements;
  try {
    statements = parseSync(`SELECT NULL::${spelling}`).stmts ?? [];
  } catch {
    return undefined;
  }
  const statement = statements.length === 1 ? statements[0]?.stmt : undefined;
  if (!statement || !('SelectStmt' in statement)) return undefined;
  const select = statement.SelectStmt;
  // Anything after the type (FROM, WHERE, COLLATE, an operator) would make it more than a type name.
  if (Object.keys(select).some((key) => !['targetList', 'limitOption', 'op'].includes(key))) return undefined;
  const target = select.targetList?.length === 1 ? select.targetList[0] : undefined;
  if (!target || !('ResTarget' in target) || target.ResTarget.name !== undefined) return undefined;
  const value = target.ResTarget.val;
  if (!value || !('TypeCast' in value)) return undefined;
  const typeName = value.TypeCast.typeName;
  return typeName && !typeName.setof && !typeName.pct_type ? typeName : undefined;
}

function fromTypeName(typeName: TypeName): PgType {
  const parts = (typeName.names ?? []).map(stringValue);
  if (parts[0] === 'pg_catalog' && parts.length === 2) parts.shift();
  const [only] = parts;
  const bareName = parts.length === 1 && only !== undefined ? (ALIASES[only] ?? only) : undefined;
  const name = bareName !== undefined ? quoteIdentifier(bareName) : parts.map(quoteIdentifier).join('.');
  const modifiers = canonicalModifiers(name, (typeName.typmods ?? []).map(modifierValue));
  const isArray = (typeName.arrayBounds ?? []).length > 0;
  // Postgres ignores array dimensions and bounds, and so does the spelling: one `[]` for any array.
  const spelling = `${name}${renderModifiers(name, modifiers)}${isArray ? '[]' : ''}`;
  return { spelling, name, modifiers, isArray };
}

function stringValue(node: Node): string {
  return 'String' in node ? (node.String.sval ?? '') : '';
}

function modifierValue(node: Node): number | string {
  if ('A_Const' in node) {
    const constant = node.A_Const;
    if (constant.ival) return constant.ival.ival ?? 0;
    if (constant.fval) return constant.fval.fval ?? '';
    return `'${constant.sval?.sval ?? ''}'`;
  }
  if ('ColumnRef' in node) return (node.ColumnRef.fields ?? []).map(stringValue).join('.');
  return '';
}

/** `"char"` must stay quoted: unquoted, the grammar reads it as `character(1)`. */
function quoteIdentifier(identifier: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(identifier) && identifier !== 'char'
    ? identifier
    : `"${identifier.replace(/"/g, '""')}"`;
}

/** Equal types get equal modifiers: `numeric(12)` is `numeric(12,0)`, `timestamp(6)` is `timestamp`. */
function canonicalModifiers(name: string, modifiers: (number | string)[]): (number | string)[] {
  if (name === 'numeric' && modifiers.length === 1) return [...modifiers, 0];
  if (PRECISION_TYPES.has(name) && modifiers[0] === MAX_SECONDS_PRECISION) return [];
  if (name === 'interval') {
    const [range = INTERVAL_FULL_RANGE, precision = MAX_SECONDS_PRECISION] = modifiers;
    const precisionPart = precision === MAX_SECONDS_PRECISION ? [] : [precision];
    return range === INTERVAL_FULL_RANGE && precisionPart.length === 0 ? [] : [range, ...precisionPart];
  }
  return modifiers;
}

function renderModifiers(name: string, modifiers: (number | string)[]): string {
  if (name === 'interval' && modifiers.length > 0) {
    const [range, precision] = modifiers;
    const fields = typeof range === 'number' ? INTERVAL_RANGES[range] : undefined;
    const precisionPart = precision === undefined ? '' : `(${precision})`;
    return fields ? ` ${fields}${precisionPart}` : `(${precision ?? ''})`;
  }
  return modifiers.length > 0 ? `(${modifiers.join(',')})` : '';
}

function firstNumber(type: PgType): number | undefined {
  const [first] = type.modifiers;
  return typeof first === 'number' ? first : undefined;
}

/** Unqualified names resolve through the default search path, so `order_status` is `public.order_status`. */
function sameType(a: PgType, b: PgType): boolean {
  const unqualified = (t: PgType) => t.spelling.replace(/^public\./, '');
  return unqualified(a) === unqualified(b);
}

function maxLength(type: PgType): number {
  if (type.name === 'name') return NAME_TYPE_LENGTH;
  return firstNumber(type) ?? Number.POSITIVE_INFINITY;
}

/** Integer digits and scale a numeric-like type can carry; unconstrained numeric carries any. */
function exactRange(type: PgType): { integerDigits: number; scale: number } | undefined {
  const integerDigits = INTEGER_DIGITS[type.name];
  if (integerDigits !== undefined) return { integerDigits, scale: 0 };
  if (type.name !== 'numeric') return undefined;
  const [precision, scale] = type.modifiers;
  if (typeof precision !== 'number' || typeof scale !== 'number') {
    return { integerDigits: Number.POSITIVE_INFINITY, scale: Number.POSITIVE_INFINITY };
  }
  return { integerDigits: precision - scale, scale };
}

function holdsExact(container: PgType, actual: PgType): boolean {
  // An integer reader expects integers, not numerics whose values would happen to fit.
  if (container.name in INTEGER_DIGITS && !(actual.name in INTEGER_DIGITS)) return false;
  const outer = exactRange(container);
  const inner = exactRange(actual);
  return !!outer && !!inner && inner.integerDigits <= outer.integerDigits && inner.scale <= outer.scale;
}

function elementOf(array: PgType): PgType {
  return { ...array, isArray: false, spelling: array.spelling.replace(/\[\]$/, '') };
}

/** Whether a reader of `container` reads every value of `actual` unchanged, both native Postgres types. */
function holdsNative(container: PgType, actual: PgType, isEnum: boolean): boolean {
  if (container.isArray || actual.isArray) {
    return container.isArray && actual.isArray && holdsNative(elementOf(container), elementOf(actual), isEnum);
  }
  if (sameType(container, actual)) return true;
  if (STRING_TYPES.has(container.name)) {
    const actualIsString = isEnum || STRING_TYPES.has(actual.name);
    // bpchar pads to its length, so only another bpchar reads the same.
    const compatiblePadding = container.name !== 'bpchar' || actual.name === 'bpchar';
    const actualLength = isEnum ? Number.POSITIVE_INFINITY : maxLength(actual);
    return actualIsString && compatiblePadding && actualLength <= maxLength(container);
  }
  if (container.name in INTEGER_DIGITS || container.name === 'numeric') return holdsExact(container, actual);
  if (container.name === 'float8') return actual.name === 'float4' || actual.name === 'float8';
  if (PRECISION_TYPES.has(container.name) && container.name === actual.name) {
    return (firstNumber(actual) ?? MAX_SECONDS_PRECISION) <= (firstNumber(container) ?? MAX_SECONDS_PRECISION);
  }
  if (container.name === 'varbit') {
    return (actual.name === 'bit' || actual.name === 'varbit') && maxLength(actual) <= maxLength(container);
  }
  return container.name === 'interval' && container.modifiers.length === 0 && actual.name === 'interval';
}

/**
 * Whether a consumer reading a contract's native Postgres type reads every value of `actual`. As holdsNative, but
 * every integer spelling (`smallint`, `int2`, `int`, `integer`, `INTEGER`, `int4`, `bigint`, `int8`, the serials)
 * names the portable `integer` family: `integer` is both the portable word and Postgres's name for `int4`, and
 * spellings of one type must never read differently. A consumer of integers reads any width, as a pure widening
 * is information. Width still counts where it changes values: inside `numeric(p,s)` and in
 * isWidening.
 */
function contractHolds(container: PgType, actual: PgType, isEnum: boolean): boolean {
  if (container.isArray && actual.isArray) return contractHolds(elementOf(container), elementOf(actual), isEnum);
  if (isInteger(container)) return isInteger(actual);
  return holdsNative(container, actual, isEnum);
}

/** The family of each built-in type that has one; a user type's is `enum` when it is an enum, else none. */
const NATIVE_FAMILIES = new Map<string, TypeFamily>([
  ...(['text', 'varchar', 'bpchar', 'name', 'citext'] as const).map((name) => [name, 'text'] as const),
  ...(['int2', 'int4', 'int8'] as const).map((name) => [name, 'integer'] as const),
  ...(['numeric', 'float4', 'float8'] as const).map((name) => [name, 'decimal'] as const),
  ...(['date', 'time', 'timetz', 'timestamp', 'timestamptz'] as const).map((name) => [name, 'datetime'] as const),
  ['bool', 'boolean'],
  ['uuid', 'uuid'],
  ['json', 'json'],
  ['jsonb', 'json'],
  ['bytea', 'bytes'],
]);

function familyOfType(type: PgType, isEnum: boolean): TypeFamily | undefined {
  if (type.isArray) return undefined;
  return isEnum ? 'enum' : NATIVE_FAMILIES.get(type.name);
}

/** Bits of mantissa: a float with more carries every value of one with fewer exactly. */
const FLOAT_BITS = new Map([
  ['float4', 24],
  ['float8', 53],
]);

/**
 * Numerics widen when neither their integer digits nor their scale shrink, floats when their mantissa grows. An
 * unconstrained numeric carries every float exactly (a binary fraction is a finite decimal one; NaN and the
 * infinities too, since Postgres 14), but no float carries every decimal fraction (0.1 has no exact binary form), nor
 * a bounded numeric every float.
 */
function decimalWidens(from: PgType, to: PgType): boolean {
  const [fromBits, toBits] = [FLOAT_BITS.get(from.name), FLOAT_BITS.get(to.name)];
  if (fromBits !== undefined && toBits !== undefined) return fromBits <= toBits;
  if (fromBits !== undefined) return to.name === 'numeric' && to.modifiers.length === 0;
  return toBits === undefined && holdsExact(to, from);
}

/**
 * Points in time in the order each carries the one before: a date is its midnight, and a timestamp gains the zone
 * it is read in (the session's) as a timestamptz. Times of day stand apart, as no date comes with them.
 */
const DATETIME_CHAINS = [
  ['date', 'timestamp', 'timestamptz'],
  ['time', 'timetz'],
];

function secondsPrecision(type: PgType): number {
  return type.name === 'date' ? 0 : (firstNumber(type) ?? MAX_SECONDS_PRECISION);
}

function datetimeWidens(from: PgType, to: PgType): boolean {
  const chain = DATETIME_CHAINS.find((names) => names.includes(from.name));
  if (!chain?.includes(to.name)) return false;
  return chain.indexOf(from.name) <= chain.indexOf(to.name) && secondsPrecision(from) <= secondsPrecision(to);
}

/** Inside each family with more than one type: whether `to` carries every value of `from` as it was. */
const FAMILY_WIDENINGS: Partial<Record<TypeFamily, (from: PgType, to: PgType) => boolean>> = {
  // Blank padding changes the values read, so only a padded type widens to a padded one.
  text: (from, to) => maxLength(from) <= maxLength(to) && (to.name !== 'bpchar' || from.name === 'bpchar'),
  integer: (from, to) => (INTEGER_DIGITS[from.name] ?? 0) <= (INTEGER_DIGITS[to.name] ?? 0),
  decimal: decimalWidens,
  datetime: datetimeWidens,
  // jsonb keeps what a JSON parser reads of a json value (the last of duplicate keys; key order and whitespace mean
  // nothing), so json and jsonb are peers: either way round, every value reads the same.
  json: () => true,
};

/** A widening inside one family, element by element in arrays; types outside the families widen as they read. */
function widens(from: PgType, to: PgType): boolean {
  if (from.isArray || to.isArray) return from.isArray && to.isArray && widens(elementOf(from), elementOf(to));
  const [fromFamily, toFamily] = [familyOfType(from, false), familyOfType(to, false)];
  if (fromFamily === undefined && toFamily === undefined) return holdsNative(to, from, false);
  if (fromFamily === undefined || fromFamily !== toFamily) return false;
  return FAMILY_WIDENINGS[fromFamily]?.(from, to) ?? false;
}

/**
 * Postgres types, normalised by Postgres's own parser (libpg-query): `int`, `INTEGER` and `int4` are all `int4`,
 * `character varying(64)` is `varchar(64)`, catalog spellings from `format_type()` read the same as DDL ones.
 * Ready to use once this module is imported (its top-level await loads the parser).
 */
export const postgresTypes: TypeSystem = {
  normalize: (type) => pgType(type).spelling,
  canHold(contractType, actual, actualTraits) {
    const isEnum = actualTraits?.isEnum ?? false;
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    if (portable) return portable(pgType(actual), isEnum);
    return contractHolds(pgType(contractType), pgType(actual), isEnum);
  },
  /**
   * Inside one family: longer text (`varchar(64)` < `varchar(128)` < `text`), wider integers (`smallint` <
   * `integer` < `bigint`), numerics whose integer digits and scale both grow or stay, `real` < `double precision` <
   * unconstrained `numeric`, `date` < `timestamp` < `timestamptz` and `time` < `timetz` with as many fractional
   * seconds or more, json and jsonb either way; the same element by element in arrays.
   */
  isWidening(before, after) {
    const from = pgType(before);
    const to = pgType(after);
    return !sameType(from, to) && widens(from, to);
  },
  familyOf: (type, traits) =>
    PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? familyOfType(pgType(type), traits?.isEnum ?? false),
};

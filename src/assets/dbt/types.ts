import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';

/**
 * A warehouse type as a dbt `data_type` spells it, read without knowing the warehouse: the names every adapter
 * documents map to one canonical name each, lengths, precisions and scales kept as numbers.
 */
interface WarehouseType {
  spelling: string;
  name: string;
  modifiers: number[];
  /** The element type of an array (`array<int>`, `int[]`); undefined for a scalar. */
  element?: WarehouseType;
}

/** What a `data_type` says when the model declares none: no reader knows what it holds. */
export const UNDECLARED_TYPE = 'unknown';

/**
 * The canonical name of each spelling the warehouses dbt supports document (Postgres, Redshift, Snowflake, BigQuery,
 * Databricks, DuckDB). `float` is a double wherever dbt runs, save Databricks; an unparameterised `numeric` is read
 * as Postgres reads it, unbounded (BigQuery's is `numeric(38,9)`, Snowflake's `number(38,0)`).
 */
const CANONICAL_NAMES: Record<string, string> = {
  text: 'text',
  string: 'text',
  varchar: 'text',
  'character varying': 'text',
  nvarchar: 'text',
  'char varying': 'text',
  char: 'char',
  character: 'char',
  nchar: 'char',
  bpchar: 'char',
  tinyint: 'tinyint',
  byteint: 'tinyint',
  int1: 'tinyint',
  smallint: 'smallint',
  int2: 'smallint',
  int: 'integer',
  integer: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  int64: 'bigint',
  long: 'bigint',
  hugeint: 'hugeint',
  int128: 'hugeint',
  numeric: 'numeric',
  decimal: 'numeric',
  dec: 'numeric',
  number: 'numeric',
  bignumeric: 'numeric',
  bigdecimal: 'numeric',
  real: 'real',
  float4: 'real',
  float32: 'real',
  float: 'double',
  float8: 'double',
  float64: 'double',
  double: 'double',
  'double precision': 'double',
  bool: 'boolean',
  boolean: 'boolean',
  logical: 'boolean',
  date: 'date',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  timestamp_ntz: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  timestamp_tz: 'timestamptz',
  timestamp_ltz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  'timestamp with local time zone': 'timestamptz',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
  variant: 'variant',
  super: 'super',
  binary: 'binary',
  varbinary: 'binary',
  bytea: 'binary',
  bytes: 'binary',
  blob: 'binary',
};

/** Spellings whose modifiers sit before a suffix: `timestamp(3) with time zone`. */
const ZONE_SUFFIX = /^(time|timestamp)\s*(\(\s*\d+\s*\))?\s+(with|without)\s+(local\s+)?time\s+zone$/;

const FAMILIES = new Map<string, TypeFamily>([
  ...(['text', 'char'] as const).map((name) => [name, 'text'] as const),
  ...(['tinyint', 'smallint', 'integer', 'bigint', 'hugeint'] as const).map((name) => [name, 'integer'] as const),
  ...(['numeric', 'real', 'double'] as const).map((name) => [name, 'decimal'] as const),
  ...(['date', 'time', 'timetz', 'timestamp', 'timestamptz'] as const).map((name) => [name, 'datetime'] as const),
  ...(['json', 'jsonb', 'variant', 'super'] as const).map((name) => [name, 'json'] as const),
  ['boolean', 'boolean'],
  ['uuid', 'uuid'],
  ['binary', 'bytes'],
]);

/** Decimal digits before the point each integer type needs, to compare it with `numeric(p,s)`. */
const INTEGER_DIGITS: Record<string, number> = { tinyint: 3, smallint: 5, integer: 10, bigint: 19, hugeint: 39 };
const FLOAT_BITS: Record<string, number> = { real: 24, double: 53 };
/** The precision SQL's `float(p)` switches from a single to a double at. */
const SINGLE_FLOAT_MAX_PRECISION = 24;
const DATETIME_CHAINS = [
  ['date', 'timestamp', 'timestamptz'],
  ['time', 'timetz'],
];
const STRUCTURES = /^(struct|map|object|record)\b/;

const parsed = new Map<string, WarehouseType>();

function warehouseType(spelling: string): WarehouseType {
  const known = parsed.get(spelling);
  if (known) return known;
  const type = parse(spelling.trim().toLowerCase().replace(/\s+/g, ' '));
  // Spellings come from files a change controls: the cache must not grow with them.
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(spelling, type);
  return type;
}

function parse(text: string): WarehouseType {
  const array = /^array\s*[<(]\s*(.*?)\s*[>)]$/.exec(text) ?? /^(.*?)\s*\[\s*\]$/.exec(text);
  if (array) {
    const element = parse(array[1]!);
    return { spelling: `array<${element.spelling}>`, name: 'array', modifiers: [], element };
  }
  const zoned = ZONE_SUFFIX.exec(text);
  if (zoned) {
    const name = CANONICAL_NAMES[`${zoned[1]} ${zoned[3]} ${zoned[4] ? 'local ' : ''}time zone`] ?? text;
    return scalar(name, zoned[2] ? [Number(zoned[2].replace(/[()\s]/g, ''))] : []);
  }
  const plain = /^([a-z_][a-z0-9_ ]*?)\s*(?:\(\s*([^()]*?)\s*\))?$/.exec(text);
  const canonical = plain ? CANONICAL_NAMES[plain[1]!] : undefined;
  if (!plain || canonical === undefined) return { spelling: text, name: text, modifiers: [] };
  const written = plain[2]?.split(/\s*,\s*/) ?? [];
  // `varchar(max)` (Redshift, SQL Server) is the longest text there is.
  if (canonical === 'text' && written.length === 1 && written[0] === 'max') return scalar('text', []);
  const modifiers = written.map(Number);
  if (modifiers.some((modifier) => !Number.isInteger(modifier) || modifier < 0)) return { spelling: text, name: text, modifiers: [] };
  return canonicalModifiers(plain[1]!, canonical, modifiers);
}

/** Equal types get equal spellings: `numeric(12)` is `numeric(12,0)`, `float(10)` is `real`, `char` is `char(1)`. */
function canonicalModifiers(written: string, name: string, modifiers: number[]): WarehouseType {
  if (name === 'text') return scalar(modifiers.length > 0 ? 'varchar' : 'text', modifiers.slice(0, 1));
  if (name === 'char') return scalar('char', [modifiers[0] ?? 1]);
  if (name === 'numeric' && modifiers.length === 1) return scalar('numeric', [modifiers[0]!, 0]);
  if (written === 'float' && modifiers.length === 1) return scalar(modifiers[0]! <= SINGLE_FLOAT_MAX_PRECISION ? 'real' : 'double', []);
  if (name in INTEGER_DIGITS || name in FLOAT_BITS || name === 'boolean' || name === 'date' || name === 'uuid') return scalar(name, []);
  return scalar(name, modifiers);
}

function scalar(name: string, modifiers: number[]): WarehouseType {
  return { spelling: modifiers.length > 0 ? `${name}(${modifiers.join(',')})` : name, name, modifiers };
}

function familyOfType(type: WarehouseType): TypeFamily | undefined {
  return FAMILIES.get(type.name === 'varchar' ? 'text' : type.name);
}

function isText(type: WarehouseType): boolean {
  return familyOfType(type) === 'text';
}

function maxLength(type: WarehouseType): number {
  return type.name === 'text' ? Number.POSITIVE_INFINITY : (type.modifiers[0] ?? Number.POSITIVE_INFINITY);
}

/** Integer digits and scale an exact number type carries; an unconstrained numeric carries any. */
function exactRange(type: WarehouseType): { integerDigits: number; scale: number } | undefined {
  const integerDigits = INTEGER_DIGITS[type.name];
  if (integerDigits !== undefined) return { integerDigits, scale: 0 };
  if (type.name !== 'numeric') return undefined;
  const [precision, scale] = type.modifiers;
  if (precision === undefined || scale === undefined) return { integerDigits: Number.POSITIVE_INFINITY, scale: Number.POSITIVE_INFINITY };
  return { integerDigits: precision - scale, scale };
}

function holdsExact(container: WarehouseType, actual: WarehouseType): boolean {
  // An integer reader expects integers, not numerics whose values would happen to fit.
  if (container.name in INTEGER_DIGITS && !(actual.name in INTEGER_DIGITS)) return false;
  const outer = exactRange(container);
  const inner = exactRange(actual);
  return !!outer && !!inner && inner.integerDigits <= outer.integerDigits && inner.scale <= outer.scale;
}

function precisionOf(type: WarehouseType): number {
  return type.name === 'date' ? 0 : (type.modifiers[0] ?? Number.POSITIVE_INFINITY);
}

function textWidens(from: WarehouseType, to: WarehouseType): boolean {
  // Blank padding changes the values read, so only a padded type widens to a padded one.
  return maxLength(from) <= maxLength(to) && (to.name !== 'char' || from.name === 'char');
}

function decimalWidens(from: WarehouseType, to: WarehouseType): boolean {
  const [fromBits, toBits] = [FLOAT_BITS[from.name], FLOAT_BITS[to.name]];
  if (fromBits !== undefined && toBits !== undefined) return fromBits <= toBits;
  // Every binary fraction is a finite decimal one, but no float carries 0.1 exactly.
  if (fromBits !== undefined) return to.name === 'numeric' && to.modifiers.length === 0;
  return toBits === undefined && holdsExact(to, from);
}

function datetimeWidens(from: WarehouseType, to: WarehouseType): boolean {
  const chain = DATETIME_CHAINS.find((names) => names.includes(from.name));
  if (!chain?.includes(to.name)) return false;
  return chain.indexOf(from.name) <= chain.indexOf(to.name) && precisionOf(from) <= precisionOf(to);
}

const FAMILY_WIDENINGS: Partial<Record<TypeFamily, (from: WarehouseType, to: WarehouseType) => boolean>> = {
  text: textWidens,
  integer: (from, to) => (INTEGER_DIGITS[from.name] ?? 0) <= (INTEGER_DIGITS[to.name] ?? 0),
  decimal: decimalWidens,
  datetime: datetimeWidens,
  // Every semi-structured type carries any JSON value as it was.
  json: () => true,
  bytes: (from, to) => maxLength(from) <= maxLength(to),
};

function widens(from: WarehouseType, to: WarehouseType): boolean {
  if (from.element || to.element) return !!from.element && !!to.element && widens(from.element, to.element);
  const [fromFamily, toFamily] = [familyOfType(from), familyOfType(to)];
  if (fromFamily === undefined || fromFamily !== toFamily) return false;
  return from.spelling === to.spelling || (FAMILY_WIDENINGS[fromFamily]?.(from, to) ?? false);
}

/** Whether a consumer of `container` reads every value of `actual`, both warehouse spellings. */
function holdsNative(container: WarehouseType, actual: WarehouseType, isEnum: boolean): boolean {
  if (container.element || actual.element) {
    return !!container.element && !!actual.element && holdsNative(container.element, actual.element, isEnum);
  }
  if (container.spelling === actual.spelling) return true;
  if (isText(container)) return (isEnum || isText(actual)) && textWidens(isEnum ? scalar('text', []) : actual, container);
  // A consumer of integers reads any width: a pure widening is information, as every spelling of one family is one.
  if (container.name in INTEGER_DIGITS) return actual.name in INTEGER_DIGITS;
  if (container.name === 'numeric') return holdsExact(container, actual);
  if (container.name in FLOAT_BITS) return actual.name in FLOAT_BITS && decimalWidens(actual, container);
  if (familyOfType(container) === 'datetime') return container.name === actual.name && precisionOf(actual) <= precisionOf(container);
  const family = familyOfType(container);
  return (family === 'json' || family === 'bytes') && familyOfType(actual) === family && widens(actual, container);
}

/** Portable contract types: each holds a family of warehouse types. */
const PORTABLE_TYPES: Record<string, (actual: WarehouseType, isEnum: boolean) => boolean> = {
  string: (t, isEnum) => isEnum || isText(t),
  integer: (t) => t.name in INTEGER_DIGITS,
  number: (t) => familyOfType(t) === 'integer' || familyOfType(t) === 'decimal',
  decimal: (t) => t.name in INTEGER_DIGITS || t.name === 'numeric',
  boolean: (t) => t.name === 'boolean',
  date: (t) => t.name === 'date',
  time: (t) => t.name === 'time' || t.name === 'timetz',
  timestamp: (t) => t.name === 'timestamp' || t.name === 'timestamptz',
  bytes: (t) => t.name === 'binary',
  uuid: (t) => t.name === 'uuid',
  json: (t) => familyOfType(t) === 'json',
  object: (t) => familyOfType(t) === 'json' || STRUCTURES.test(t.name),
  array: (t) => t.element !== undefined || t.name === 'array',
};

/**
 * Warehouse types as dbt `data_type`s spell them, case-insensitive and whatever the warehouse: `varchar`, `text` and
 * `string` are one type, as are `int`, `integer` and `int4`, `bigint`, `int64` and `int8`, `numeric`, `decimal` and
 * `number`, `float`, `float8` and `double precision`, `timestamp`, `datetime` and `timestamp_ntz`, `timestamptz` and
 * `timestamp with time zone`; `varchar(64)`, `numeric(12,2)` and `timestamp(3)` keep their lengths, precisions and
 * scales. `unknown` (a column that declares no `data_type`) belongs to no family and holds nothing.
 */
export const dbtTypes: TypeSystem = {
  normalize: (type) => warehouseType(type).spelling,
  canHold(contractType, actual, actualTraits) {
    const isEnum = actualTraits?.isEnum ?? false;
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    if (portable) return portable(warehouseType(actual), isEnum);
    return holdsNative(warehouseType(contractType), warehouseType(actual), isEnum);
  },
  /**
   * Inside one family: longer text (`varchar(64)` < `varchar(128)` < `text`), wider integers (`tinyint` < `smallint`
   * < `integer` < `bigint` < `hugeint`), numerics whose integer digits and scale both grow or stay, `real` < `double`
   * < unconstrained `numeric`, `date` < `timestamp` < `timestamptz` and `time` < `timetz` with as many fractional
   * seconds or more, the semi-structured types (`json`, `jsonb`, `variant`, `super`) either way; the same element by
   * element in arrays.
   */
  isWidening(before, after) {
    const from = warehouseType(before);
    const to = warehouseType(after);
    return from.spelling !== to.spelling && widens(from, to);
  },
  familyOf: (type, traits) =>
    PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? (traits?.isEnum ? 'enum' : familyOfType(warehouseType(type))),
};

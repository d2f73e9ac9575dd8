import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import { BINARY_TYPES, CHARSET_BYTES, DEFAULT_CHARSET, mysqlType, TEXT_BYTES, TEXT_TYPES, type MysqlType } from './type-spelling.js';

const INTEGER_BITS: Record<string, number> = { tinyint: 8, smallint: 16, mediumint: 24, int: 32, bigint: 64 };
const DATETIME_TYPES = new Set(['date', 'time', 'datetime', 'timestamp', 'year']);
const FRACTIONAL_SECONDS = new Set(['time', 'datetime', 'timestamp']);

/** TINYINT(1) (MySQL's BOOLEAN), and BIT(1): drivers and ORMs read both as booleans. */
function isBoolean(type: MysqlType): boolean {
  return (type.name === 'tinyint' && type.args[0] === 1) || (type.name === 'bit' && type.args[0] === 1);
}

function isInteger(type: MysqlType): boolean {
  return type.name in INTEGER_BITS && !isBoolean(type);
}

function isText(type: MysqlType): boolean {
  return TEXT_TYPES.has(type.name) || type.name === 'set';
}

/** The values an integer type holds. */
function integerRange(type: MysqlType): { min: bigint; max: bigint } {
  const bits = BigInt(INTEGER_BITS[type.name] ?? 0);
  return type.unsigned ? { min: 0n, max: 2n ** bits - 1n } : { min: -(2n ** (bits - 1n)), max: 2n ** (bits - 1n) - 1n };
}

function integerHolds(container: MysqlType, actual: MysqlType): boolean {
  const outer = integerRange(container);
  const inner = integerRange(actual);
  return outer.min <= inner.min && inner.max <= outer.max;
}

/** Digits before the point, and after it, that an exact numeric type carries; a sign, unless it is unsigned. */
function exactRange(type: MysqlType): { integerDigits: number; scale: number; signed: boolean } | undefined {
  if (isInteger(type)) return { integerDigits: integerRange(type).max.toString().length, scale: 0, signed: !type.unsigned };
  if (type.name !== 'decimal') return undefined;
  const [precision = 10, scale = 0] = type.args;
  return { integerDigits: precision - scale, scale, signed: !type.unsigned };
}

function exactHolds(container: MysqlType, actual: MysqlType): boolean {
  const outer = exactRange(container);
  const inner = exactRange(actual);
  if (!outer || !inner) return false;
  return inner.integerDigits <= outer.integerDigits && inner.scale <= outer.scale && (outer.signed || !inner.signed);
}

/** How far each character set reaches into Unicode: a higher rank carries every character of a lower one. */
const REPERTOIRE: Record<string, number> = { ascii: 1, latin1: 2, utf8mb3: 3, ucs2: 3, utf8mb4: 4, utf16: 4, utf16le: 4, utf32: 4 };

function charsetOf(type: MysqlType): string {
  return type.charset ?? DEFAULT_CHARSET;
}

function repertoireHolds(container: MysqlType, actual: MysqlType): boolean {
  const [outer, inner] = [charsetOf(container), charsetOf(actual)];
  if (outer === inner) return true;
  const [outerRank, innerRank] = [REPERTOIRE[outer], REPERTOIRE[inner]];
  return outerRank !== undefined && innerRank !== undefined && innerRank <= outerRank;
}

/** The most characters a text type holds: CHAR and VARCHAR count characters, the TEXT types bytes. */
function characters(type: MysqlType): number {
  if (type.name === 'char' || type.name === 'varchar') return type.args[0] ?? Number.POSITIVE_INFINITY;
  if (type.name === 'set') return type.values.join(',').length;
  const bytes = TEXT_BYTES[type.name];
  return bytes === undefined ? Number.POSITIVE_INFINITY : Math.floor(bytes / (CHARSET_BYTES[charsetOf(type)] ?? 1));
}

/** CHAR drops trailing spaces when read, so only another CHAR reads as a CHAR does. */
function textHolds(container: MysqlType, actual: MysqlType): boolean {
  if (container.name === 'set') return actual.name === 'set' && actual.values.every((value) => container.values.includes(value));
  if (container.name === 'char' && actual.name !== 'char') return false;
  return repertoireHolds(container, actual) && characters(actual) <= characters(container);
}

function bytesOf(type: MysqlType): number {
  return type.name === 'binary' || type.name === 'varbinary' ? (type.args[0] ?? 0) : (TEXT_BYTES[type.name] ?? 0);
}

/** BINARY pads its values with zero bytes to its length, so a BINARY reads only the values of one as long. */
function binaryHolds(container: MysqlType, actual: MysqlType): boolean {
  if (container.name === 'binary') return actual.name === 'binary' && actual.args[0] === container.args[0];
  return bytesOf(actual) <= bytesOf(container);
}

const FLOAT_BITS: Record<string, number> = { float: 24, double: 53 };

/** FLOAT(M,D) and DOUBLE(M,D) round to D decimals and keep M digits: a bounded one holds what fits its bounds. */
function floatHolds(container: MysqlType, actual: MysqlType): boolean {
  if (!(actual.name in FLOAT_BITS) || FLOAT_BITS[actual.name]! > FLOAT_BITS[container.name]!) return false;
  if (container.unsigned && !actual.unsigned) return false;
  const [digits, decimals] = container.args;
  if (digits === undefined || decimals === undefined) return true;
  const [actualDigits, actualDecimals] = actual.args;
  return actualDigits !== undefined && actualDecimals !== undefined && actualDigits - actualDecimals <= digits - decimals && actualDecimals <= decimals;
}

function fractionalSeconds(type: MysqlType): number {
  return type.args[0] ?? 0;
}

/** Whether a reader of `container` reads every value of `actual` unchanged, both MySQL types. */
function holdsNative(container: MysqlType, actual: MysqlType): boolean {
  if (container.spelling === actual.spelling) return true;
  if (isText(container)) return isText(actual) && textHolds(container, actual);
  if (BINARY_TYPES.has(container.name)) return BINARY_TYPES.has(actual.name) && binaryHolds(container, actual);
  if (isInteger(container) || container.name === 'decimal') return exactHolds(container, actual);
  if (container.name in FLOAT_BITS) return floatHolds(container, actual);
  if (container.name === 'bit') return actual.name === 'bit' && (actual.args[0] ?? 1) <= (container.args[0] ?? 1);
  if (FRACTIONAL_SECONDS.has(container.name)) return container.name === actual.name && fractionalSeconds(actual) <= fractionalSeconds(container);
  return false;
}

/**
 * A contract's native type, as holdsNative, except that every integer spelling names the `integer` family whatever
 * its width or sign (`integer` is both the portable word and MySQL's name for INT: two spellings of one type must
 * never read differently). Width and sign still count where they change what fits: inside DECIMAL and in isWidening.
 */
function contractHolds(container: MysqlType, actual: MysqlType): boolean {
  if (isInteger(container)) return isInteger(actual);
  if (isBoolean(container)) return isBoolean(actual);
  return holdsNative(container, actual);
}

/** Portable contract types: each holds a family of MySQL types. */
const PORTABLE_TYPES: Record<string, (actual: MysqlType) => boolean> = {
  string: (t) => isText(t) || t.name === 'enum',
  integer: isInteger,
  number: (t) => isInteger(t) || t.name === 'decimal' || t.name in FLOAT_BITS,
  decimal: (t) => isInteger(t) || t.name === 'decimal',
  boolean: isBoolean,
  date: (t) => t.name === 'date',
  time: (t) => t.name === 'time',
  timestamp: (t) => t.name === 'datetime' || t.name === 'timestamp',
  bytes: (t) => BINARY_TYPES.has(t.name),
  uuid: (t) => t.name === 'uuid',
  json: (t) => t.name === 'json',
  object: (t) => t.name === 'json',
  array: (t) => t.name === 'json',
};

function familyOfType(type: MysqlType): TypeFamily | undefined {
  if (isBoolean(type)) return 'boolean';
  if (isInteger(type)) return 'integer';
  if (type.name === 'decimal' || type.name in FLOAT_BITS) return 'decimal';
  if (type.name === 'enum') return 'enum';
  if (isText(type)) return 'text';
  if (BINARY_TYPES.has(type.name)) return 'bytes';
  if (DATETIME_TYPES.has(type.name)) return 'datetime';
  if (type.name === 'json') return 'json';
  if (type.name === 'uuid') return 'uuid';
  return undefined;
}

/**
 * The types that carry every point in time of another: a date is its midnight, and a TIMESTAMP (1970 to 2038) fits a
 * DATETIME (years 1000 to 9999), never the other way. Times of day and years stand apart.
 */
const LATER_POINT_TYPES: Record<string, string[]> = { date: ['datetime'], timestamp: ['datetime'] };

function datetimeWidens(from: MysqlType, to: MysqlType): boolean {
  if (from.name !== to.name && !(LATER_POINT_TYPES[from.name] ?? []).includes(to.name)) return false;
  return fractionalSeconds(from) <= fractionalSeconds(to);
}

function textWidens(from: MysqlType, to: MysqlType): boolean {
  if (from.name === 'set' || to.name === 'set') {
    // A SET's value lists its members in their order: members added at the end keep every value as it read.
    return from.name === 'set' && to.name === 'set' && from.values.every((value, index) => to.values[index] === value);
  }
  return textHolds(to, from);
}

/** Inside each family: whether `to` carries every value of `from` as it was. */
const FAMILY_WIDENINGS: Partial<Record<TypeFamily, (from: MysqlType, to: MysqlType) => boolean>> = {
  integer: (from, to) => integerHolds(to, from),
  boolean: (from, to) => from.name === 'bit' && to.name === 'tinyint',
  decimal: (from, to) => (from.name in FLOAT_BITS ? to.name in FLOAT_BITS && floatHolds(to, from) : to.name === 'decimal' && exactHolds(to, from)),
  text: textWidens,
  bytes: (from, to) => binaryHolds(to, from),
  datetime: datetimeWidens,
};

function widens(from: MysqlType, to: MysqlType): boolean {
  const [fromFamily, toFamily] = [familyOfType(from), familyOfType(to)];
  if (fromFamily === undefined && toFamily === undefined) return holdsNative(to, from);
  if (fromFamily === undefined || fromFamily !== toFamily) return false;
  return FAMILY_WIDENINGS[fromFamily]?.(from, to) ?? false;
}

/**
 * MySQL and MariaDB column types, spelt as MySQL reads them (`INT(11)` is `int`, `BOOL` is `tinyint(1)`, `NUMERIC` is
 * `decimal(10,0)`), with the character set of a text type where it is not utf8mb4, as it changes what fits.
 */
export const mysqlTypes: TypeSystem = {
  normalize: (type) => mysqlType(type).spelling,
  canHold(contractType, actual) {
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    if (portable) return portable(mysqlType(actual));
    return contractHolds(mysqlType(contractType), mysqlType(actual));
  },
  /**
   * Inside one family: wider integers (by the values they hold, so INT to INT UNSIGNED is none, INT UNSIGNED to BIGINT
   * is one), DECIMALs whose integer digits and scale both grow or stay, FLOAT to DOUBLE, longer text in a character
   * set that carries as much (VARCHAR(64) to VARCHAR(128) to TEXT; latin1 to utf8mb4), longer binary strings, a SET
   * with members added at its end, DATE to TIMESTAMP to DATETIME and more fractional seconds.
   */
  isWidening(before, after) {
    const from = mysqlType(before);
    const to = mysqlType(after);
    return from.spelling !== to.spelling && widens(from, to);
  },
  familyOf: (type) => PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? familyOfType(mysqlType(type)),
};

import type { TypeFamily } from '../../core/type-families.js';
import type { NativeType, ScalarType } from './spelling.js';

/**
 * What a column type can hold, so that two types of one family can be ordered. Native type names are the connectors'
 * (`@db.VarChar` on PostgreSQL, MySQL and SQL Server; `@db.Int4` on CockroachDB): where connectors give one name two
 * meanings, a type is read at its widest as the type a field had and at its narrowest as the type it has now, so that
 * a change is a widening only when it is one on every connector.
 */
export type Capacity =
  /** Characters or bytes; a padded type (`Char`, `Binary`) pads every value to its length. */
  | { kind: 'length'; length: number; padded: boolean }
  | { kind: 'range'; min: bigint; max: bigint }
  | { kind: 'float'; mantissaBits: number }
  | { kind: 'exact'; integerDigits: number; scale: number }
  /** A point in time (rank: date < timestamp < timestamp with zone) or a time of day (time < time with zone). */
  | { kind: 'moment'; chain: 'point' | 'time'; rank: number; precision: number }
  /** Every type of the family holds every value of the others (json and jsonb, the boolean types, the uuid types). */
  | { kind: 'peer' };

/** `from`: the type a field had (read at its widest); `to`: the type it has now (read at its narrowest). */
export type Role = 'from' | 'to';

const UNBOUNDED = Number.POSITIVE_INFINITY;
const signed = (bits: number): Capacity => ({ kind: 'range', min: -(2n ** BigInt(bits - 1)), max: 2n ** BigInt(bits - 1) - 1n });
const unsigned = (bits: number): Capacity => ({ kind: 'range', min: 0n, max: 2n ** BigInt(bits) - 1n });
const text = (length: number, padded = false): Capacity => ({ kind: 'length', length, padded });
const PEER: Capacity = { kind: 'peer' };
/** Fractional-second digits, when a type leaves them out: connectors disagree (PostgreSQL 6, MySQL 0). */
const PRECISION_UNSAID: Record<Role, number> = { from: 7, to: 0 };

function number(arg: string | undefined): number | undefined {
  return arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : undefined;
}

function lengthOf(args: string[], role: Role, unsaid: Record<Role, number>, padded = false): Capacity {
  const [first] = args;
  if (first === 'Max') return text(UNBOUNDED, padded);
  return text(number(first) ?? unsaid[role], padded);
}

function moment(chain: 'point' | 'time', rank: number) {
  return (args: string[], role: Role): Capacity => ({ kind: 'moment', chain, rank, precision: number(args[0]) ?? PRECISION_UNSAID[role] });
}

interface NativeEntry {
  family: TypeFamily;
  capacity?: (args: string[], role: Role) => Capacity;
}

const entry = (family: TypeFamily, capacity?: NativeEntry['capacity']): NativeEntry => (capacity ? { family, capacity } : { family });
const fixed = (capacity: Capacity) => () => capacity;
/** PostgreSQL's `varchar` without a length is unbounded; SQL Server's is one character. */
const VARIABLE_TEXT = { from: UNBOUNDED, to: 1 };

/** Every native type of the connectors, by name, with the family it belongs to and, where it has one, its order. */
const NATIVE_TYPES: Record<string, NativeEntry> = {
  Text: entry('text', fixed(text(UNBOUNDED))),
  Citext: entry('text', fixed(text(UNBOUNDED))),
  NText: entry('text', fixed(text(UNBOUNDED))),
  MediumText: entry('text', fixed(text(UNBOUNDED))),
  LongText: entry('text', fixed(text(UNBOUNDED))),
  TinyText: entry('text', fixed(text(255))),
  VarChar: entry('text', (args, role) => lengthOf(args, role, VARIABLE_TEXT)),
  NVarChar: entry('text', (args, role) => lengthOf(args, role, VARIABLE_TEXT)),
  String: entry('text', (args, role) => lengthOf(args, role, { from: UNBOUNDED, to: UNBOUNDED })),
  Char: entry('text', (args, role) => lengthOf(args, role, { from: 1, to: 1 }, true)),
  NChar: entry('text', (args, role) => lengthOf(args, role, { from: 1, to: 1 }, true)),
  CatalogSingleChar: entry('text', fixed(text(1, true))),
  Xml: entry('text'),
  Inet: entry('text'),
  VarBit: entry('text'),
  ObjectId: entry('text'),
  Uuid: entry('uuid', fixed(PEER)),
  UniqueIdentifier: entry('uuid', fixed(PEER)),
  SmallInt: entry('integer', fixed(signed(16))),
  Int2: entry('integer', fixed(signed(16))),
  Integer: entry('integer', fixed(signed(32))),
  Int: entry('integer', fixed(signed(32))),
  Int4: entry('integer', fixed(signed(32))),
  BigInt: entry('integer', fixed(signed(64))),
  Int8: entry('integer', fixed(signed(64))),
  Long: entry('integer', fixed(signed(64))),
  Oid: entry('integer', fixed(unsigned(32))),
  TinyInt: entry('integer', (_args, role) => (role === 'from' ? { kind: 'range', min: -128n, max: 255n } : { kind: 'range', min: 0n, max: 127n })),
  UnsignedTinyInt: entry('integer', fixed(unsigned(8))),
  UnsignedSmallInt: entry('integer', fixed(unsigned(16))),
  MediumInt: entry('integer', fixed(signed(24))),
  UnsignedMediumInt: entry('integer', fixed(unsigned(24))),
  UnsignedInt: entry('integer', fixed(unsigned(32))),
  UnsignedBigInt: entry('integer', fixed(unsigned(64))),
  Year: entry('integer'),
  Real: entry('decimal', fixed({ kind: 'float', mantissaBits: 24 })),
  Float4: entry('decimal', fixed({ kind: 'float', mantissaBits: 24 })),
  DoublePrecision: entry('decimal', fixed({ kind: 'float', mantissaBits: 53 })),
  Double: entry('decimal', fixed({ kind: 'float', mantissaBits: 53 })),
  Float8: entry('decimal', fixed({ kind: 'float', mantissaBits: 53 })),
  // MySQL's FLOAT without digits is single precision, SQL Server's double; FLOAT(n) is single up to 24 digits.
  Float: entry('decimal', (args, role) => {
    const digits = number(args[0]);
    const single = digits === undefined ? role === 'to' : digits <= 24;
    return { kind: 'float', mantissaBits: single ? 24 : 53 };
  }),
  Decimal: entry('decimal', (args, role) => {
    const [precision, scale] = [number(args[0]), number(args[1])];
    if (precision !== undefined && scale !== undefined) return { kind: 'exact', integerDigits: precision - scale, scale };
    // Without digits: unconstrained on PostgreSQL, DECIMAL(10,0) on MySQL.
    return role === 'from' ? { kind: 'exact', integerDigits: UNBOUNDED, scale: UNBOUNDED } : { kind: 'exact', integerDigits: 10, scale: 0 };
  }),
  Money: entry('decimal'),
  SmallMoney: entry('decimal'),
  Date: entry('datetime', fixed({ kind: 'moment', chain: 'point', rank: 0, precision: 0 })),
  SmallDateTime: entry('datetime', fixed({ kind: 'moment', chain: 'point', rank: 1, precision: 0 })),
  Timestamp: entry('datetime', moment('point', 1)),
  DateTime: entry('datetime', moment('point', 1)),
  DateTime2: entry('datetime', moment('point', 1)),
  Timestamptz: entry('datetime', moment('point', 2)),
  DateTimeOffset: entry('datetime', moment('point', 2)),
  Time: entry('datetime', moment('time', 0)),
  Timetz: entry('datetime', moment('time', 1)),
  Json: entry('json', fixed(PEER)),
  JsonB: entry('json', fixed(PEER)),
  ByteA: entry('bytes', fixed(text(UNBOUNDED))),
  Bytes: entry('bytes', fixed(text(UNBOUNDED))),
  LongBlob: entry('bytes', fixed(text(UNBOUNDED))),
  Image: entry('bytes', fixed(text(UNBOUNDED))),
  MediumBlob: entry('bytes', fixed(text(2 ** 24 - 1))),
  Blob: entry('bytes', fixed(text(2 ** 16 - 1))),
  TinyBlob: entry('bytes', fixed(text(255))),
  VarBinary: entry('bytes', (args, role) => lengthOf(args, role, VARIABLE_TEXT)),
  Binary: entry('bytes', (args, role) => lengthOf(args, role, { from: 1, to: 1 }, true)),
};

const SCALAR_FAMILIES: Record<ScalarType, TypeFamily> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'integer',
  Float: 'decimal',
  Decimal: 'decimal',
  Boolean: 'boolean',
  DateTime: 'datetime',
  Json: 'json',
  Bytes: 'bytes',
};

/**
 * A scalar without a native type has its connector's default column type (Prisma's `SCALAR_TYPE_DEFAULTS`), which
 * this type system is not told: read at the widest default as `from`, at the narrowest as `to`. `String` is `text`
 * on PostgreSQL and `varchar(191)` on MySQL; `Decimal` is `decimal(65,30)`, or `decimal(32,16)` on SQL Server;
 * `DateTime` is `timestamp(3)`, or `datetime2` (7 digits) on SQL Server.
 */
const SCALAR_DEFAULTS: Record<ScalarType, Record<Role, Capacity>> = {
  String: { from: text(UNBOUNDED), to: text(191) },
  Int: { from: signed(32), to: signed(32) },
  BigInt: { from: signed(64), to: signed(64) },
  Float: { from: { kind: 'float', mantissaBits: 53 }, to: { kind: 'float', mantissaBits: 53 } },
  Decimal: { from: { kind: 'exact', integerDigits: 35, scale: 30 }, to: { kind: 'exact', integerDigits: 16, scale: 16 } },
  Boolean: { from: PEER, to: PEER },
  DateTime: { from: { kind: 'moment', chain: 'point', rank: 1, precision: 7 }, to: { kind: 'moment', chain: 'point', rank: 1, precision: 3 } },
  Json: { from: PEER, to: PEER },
  Bytes: { from: text(UNBOUNDED), to: text(UNBOUNDED) },
};

/** The family of a scalar with its native type: the native type decides where it narrows the scalar (`@db.Uuid`). */
export function familyOfColumn(scalar: ScalarType | undefined, native: NativeType | undefined): TypeFamily | undefined {
  const nativeFamily = native ? NATIVE_TYPES[native.name]?.family : undefined;
  if (!scalar) return nativeFamily;
  const scalarFamily = SCALAR_FAMILIES[scalar];
  return scalarFamily === 'text' && nativeFamily === 'uuid' ? 'uuid' : scalarFamily;
}

/** What a column type holds, when its family orders its types; undefined for a type only equal to itself. */
export function capacityOf(scalar: ScalarType | undefined, native: NativeType | undefined, role: Role): Capacity | undefined {
  if (!native) return scalar ? SCALAR_DEFAULTS[scalar][role] : undefined;
  const family = familyOfColumn(scalar, native);
  // Every boolean column holds true and false, whatever stores them (MySQL's TinyInt, SQL Server's Bit).
  if (family === 'boolean') return PEER;
  const known = NATIVE_TYPES[native.name];
  return known?.capacity && known.family === family ? known.capacity(native.args, role) : undefined;
}

/** Whether a column of capacity `to` holds every value a column of capacity `from` held, as it was. */
export function holds(to: Capacity, from: Capacity): boolean {
  switch (to.kind) {
    case 'length':
      // Padding changes the values read, so only a padded type holds a padded one's values as they were.
      return from.kind === 'length' && from.length <= to.length && (!to.padded || from.padded);
    case 'range':
      return from.kind === 'range' && to.min <= from.min && from.max <= to.max;
    case 'float':
      return from.kind === 'float' && from.mantissaBits <= to.mantissaBits;
    case 'exact':
      return from.kind === 'exact' && from.integerDigits <= to.integerDigits && from.scale <= to.scale;
    case 'moment':
      return from.kind === 'moment' && from.chain === to.chain && from.rank <= to.rank && from.precision <= to.precision;
    case 'peer':
      return from.kind === 'peer';
  }
}

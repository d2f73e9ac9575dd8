import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import { capacityOf, familyOfColumn, holds } from './capacities.js';
import { formatType, isScalarType, parseType, type PrismaType, type ScalarType } from './spelling.js';

/** What an actual column type is, as the portable contract types ask. */
interface Column {
  type: PrismaType;
  family: TypeFamily | undefined;
  isEnum: boolean;
}

/** A type's scalar when it is one of Prisma's (or left unsaid), `false` when it names an enum or composite type. */
function knownScalar(type: PrismaType): ScalarType | undefined | false {
  if (type.scalar === undefined) return undefined;
  return isScalarType(type.scalar) ? type.scalar : false;
}

function columnOf(spelling: string, isEnum: boolean): Column | undefined {
  // An enum's database name may be any text (`@@map("order status")`).
  const type = parseType(spelling) ?? (isEnum ? { scalar: spelling.trim(), list: false } : undefined);
  if (!type) return undefined;
  const scalar = knownScalar(type);
  const family = type.list ? undefined : isEnum ? 'enum' : scalar === false ? undefined : familyOfColumn(scalar, type.native);
  return { type, family, isEnum };
}

const nativeIs = (column: Column, ...names: string[]): boolean => names.includes(column.type.native?.name ?? '');

/** Portable contract types: each holds a family of Prisma column types. */
const PORTABLE_TYPES: Record<string, (column: Column) => boolean> = {
  string: (c) => c.isEnum || c.family === 'text',
  integer: (c) => c.family === 'integer',
  number: (c) => c.family === 'integer' || c.family === 'decimal',
  decimal: (c) => c.family === 'integer' || (c.family === 'decimal' && c.type.scalar === 'Decimal'),
  boolean: (c) => c.family === 'boolean',
  date: (c) => c.family === 'datetime' && nativeIs(c, 'Date'),
  time: (c) => c.family === 'datetime' && nativeIs(c, 'Time', 'Timetz'),
  timestamp: (c) => c.family === 'datetime' && !nativeIs(c, 'Date', 'Time', 'Timetz'),
  uuid: (c) => c.family === 'uuid',
  json: (c) => c.family === 'json',
  object: (c) => c.family === 'json',
  bytes: (c) => c.family === 'bytes',
  array: (c) => c.type.list,
};

/** Whether `to` holds every value `from` held, both of one scalar family (a list's elements compared as lists). */
function widens(from: PrismaType, to: PrismaType): boolean {
  const [fromScalar, toScalar] = [knownScalar(from), knownScalar(to)];
  if (from.list !== to.list || fromScalar === false || toScalar === false) return false;
  const family = familyOfColumn(fromScalar, from.native);
  if (family === undefined || family !== familyOfColumn(toScalar, to.native)) return false;
  const [before, after] = [capacityOf(fromScalar, from.native, 'from'), capacityOf(toScalar, to.native, 'to')];
  return before !== undefined && after !== undefined && holds(after, before);
}

/**
 * Whether a consumer reading the contract's Prisma type reads every value of `actual`. A scalar without a native
 * type names what Prisma Client reads (a `String` of any length, a `BigInt` or any smaller integer); with one, the
 * column type, which holds what it widens from. A contract naming an enum holds that enum; `String` holds any enum.
 */
function contractHolds(contract: PrismaType, actual: PrismaType, isEnum: boolean): boolean {
  if (formatType(contract) === formatType(actual)) return true;
  if (contract.list !== actual.list) return false;
  if (!contract.native && contract.scalar) {
    if (contract.scalar === 'String' && isEnum) return true;
    if (contract.scalar === 'BigInt') return actual.scalar === 'Int' || actual.scalar === 'BigInt';
    return contract.scalar === actual.scalar && isScalarType(actual.scalar);
  }
  if (isEnum) return false;
  return widens(actual, contract.scalar ? contract : { ...contract, ...(actual.scalar ? { scalar: actual.scalar } : {}) });
}

/**
 * Prisma field types, spelt as the schema writes them (`String`, `String @db.VarChar(64)`, `Decimal[]`, an enum's
 * name) and compared as the columns they make: within a family a change widens when the new column holds every
 * value of the old one on every connector, as `capacities.ts` orders them (`Int` < `BigInt`,
 * `@db.VarChar(64)` < `@db.VarChar(128)` < `@db.Text`, `@db.Decimal(10,2)` < `@db.Decimal(12,2)`,
 * `@db.Real` < `@db.DoublePrecision`, `@db.Date` < `@db.Timestamp(3)` < `@db.Timestamptz(6)`, `Json` and
 * `@db.JsonB` either way).
 */
export const prismaTypes: TypeSystem = {
  normalize(type) {
    const parsed = parseType(type);
    return parsed ? formatType(parsed) : type.trim();
  },
  canHold(contractType, actual, actualTraits) {
    const isEnum = actualTraits?.isEnum ?? false;
    const contract = parseType(contractType);
    const column = columnOf(actual, isEnum);
    if (!column) return contractType.trim() === actual.trim();
    if (!contract || !isScalarType(contract.scalar)) {
      const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
      if (portable) return portable(column);
    }
    return contract !== undefined && contractHolds(contract, column.type, isEnum);
  },
  isWidening(before, after) {
    const [from, to] = [parseType(before), parseType(after)];
    return from !== undefined && to !== undefined && formatType(from) !== formatType(to) && widens(from, to);
  },
  familyOf(type, traits) {
    // An enum may be named like a portable type (`enum Date`): what it is comes first.
    if (traits?.isEnum) return columnOf(type, true)?.family;
    return PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase()) ?? columnOf(type, false)?.family;
  },
};

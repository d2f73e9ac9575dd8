import { describe, expect, it } from '@jest/globals';
import { prismaTypes } from '../../../src/assets/prisma/types.js';

const { normalize, canHold, isWidening, familyOf } = prismaTypes;

describe('prismaTypes.normalize', () => {
  it.each([
    ['String', 'String'],
    ['  String  ', 'String'],
    ['String?', 'String'],
    ['String @db.VarChar(64)', 'String @db.VarChar(64)'],
    ['String   @db.VarChar( 64 )', 'String @db.VarChar(64)'],
    ['Decimal @db.Decimal(12, 2)', 'Decimal @db.Decimal(12,2)'],
    ['Decimal @db.Decimal(12)', 'Decimal @db.Decimal(12,0)'],
    ['String @db.NVarChar(max)', 'String @db.NVarChar(Max)'],
    ['Int[]', 'Int[]'],
    ['String[] @db.VarChar(8)', 'String[] @db.VarChar(8)'],
    ['@db.VarChar(064)', '@db.VarChar(64)'],
  ])('spells %s as %s', (spelling, canonical) => {
    expect(normalize(spelling)).toBe(canonical);
  });

  it('keeps what is no Prisma type as written', () => {
    expect(normalize(' varchar(64) not null ')).toBe('varchar(64) not null');
  });
});

describe('prismaTypes.familyOf', () => {
  it.each([
    ['String', 'text'],
    ['String @db.VarChar(64)', 'text'],
    ['String @db.Citext', 'text'],
    ['String @db.Uuid', 'uuid'],
    ['String @db.UniqueIdentifier', 'uuid'],
    ['Int', 'integer'],
    ['Int @db.SmallInt', 'integer'],
    ['BigInt', 'integer'],
    ['Float', 'decimal'],
    ['Float @db.Real', 'decimal'],
    ['Decimal @db.Decimal(12,2)', 'decimal'],
    ['Boolean', 'boolean'],
    ['Boolean @db.TinyInt', 'boolean'],
    ['DateTime', 'datetime'],
    ['DateTime @db.Date', 'datetime'],
    ['Json', 'json'],
    ['Json @db.JsonB', 'json'],
    ['Bytes', 'bytes'],
    ['@db.VarChar(64)', 'text'],
    // portable contract types name a family too
    ['string', 'text'],
    ['integer', 'integer'],
    ['timestamp', 'datetime'],
  ])('%s is of the %s family', (type, family) => {
    expect(familyOf(type)).toBe(family);
  });

  it.each(['String[]', 'Role', 'Unsupported("geometry")', 'array'])('%s is of no family', (type) => {
    expect(familyOf(type)).toBeUndefined();
  });

  it('puts an enum in the enum family, whatever its database name', () => {
    expect(familyOf('Role', { isEnum: true })).toBe('enum');
    expect(familyOf('order status', { isEnum: true })).toBe('enum');
  });
});

/** `[before, after, widening]`: both of one family, so a change that is no widening is a narrowing. */
describe('the order inside each family', () => {
  it.each([
    ['Int', 'BigInt', true],
    ['BigInt', 'Int', false],
    ['Int @db.SmallInt', 'Int', true],
    ['Int', 'Int @db.SmallInt', false],
    ['Int @db.SmallInt', 'BigInt', true],
    ['Int @db.UnsignedInt', 'BigInt', true],
    ['Int', 'BigInt @db.UnsignedBigInt', false],
    ['Int @db.Oid', 'Int', false],
    ['String @db.VarChar(64)', 'String @db.VarChar(128)', true],
    ['String @db.VarChar(128)', 'String @db.VarChar(64)', false],
    ['String @db.VarChar(64)', 'String @db.Text', true],
    ['String @db.Text', 'String @db.VarChar(64)', false],
    ['String @db.Char(3)', 'String @db.Char(5)', true],
    ['String @db.VarChar(5)', 'String @db.Char(5)', false],
    // a plain String is its connector's default: text on PostgreSQL, varchar(191) on MySQL
    ['String @db.VarChar(64)', 'String', true],
    ['String @db.VarChar(255)', 'String', false],
    ['String', 'String @db.Text', true],
    ['String', 'String @db.VarChar(255)', false],
    ['Decimal @db.Decimal(10,2)', 'Decimal @db.Decimal(12,2)', true],
    ['Decimal @db.Decimal(12,2)', 'Decimal @db.Decimal(12,4)', false],
    ['Decimal @db.Decimal(12,2)', 'Decimal @db.Decimal(14,4)', true],
    ['Decimal @db.Decimal(12,2)', 'Decimal @db.Decimal(10,2)', false],
    ['Float @db.Real', 'Float @db.DoublePrecision', true],
    ['Float', 'Float @db.Real', false],
    ['Float', 'Decimal', false],
    ['DateTime @db.Date', 'DateTime @db.Timestamp(3)', true],
    ['DateTime @db.Timestamp(3)', 'DateTime @db.Timestamp(6)', true],
    ['DateTime @db.Timestamp(6)', 'DateTime @db.Timestamp(3)', false],
    ['DateTime @db.Timestamp(3)', 'DateTime @db.Timestamptz(3)', true],
    ['DateTime @db.Timestamptz(3)', 'DateTime @db.Timestamp(3)', false],
    ['DateTime @db.Time(3)', 'DateTime @db.Timetz(3)', true],
    ['DateTime @db.Time(3)', 'DateTime @db.Timestamp(6)', false],
    ['Json', 'Json @db.Json', true],
    ['Json @db.Json', 'Json', true],
    ['Bytes @db.VarBinary(16)', 'Bytes', true],
    ['Bytes', 'Bytes @db.VarBinary(16)', false],
    ['Boolean', 'Boolean @db.TinyInt', true],
    ['String[] @db.VarChar(8)', 'String[] @db.VarChar(16)', true],
    ['String[] @db.VarChar(16)', 'String[] @db.VarChar(8)', false],
  ])('%s to %s is a widening: %s', (before, after, widening) => {
    expect(isWidening(before, after)).toBe(widening);
    expect(familyOf(before)).toBe(familyOf(after));
  });

  it.each([
    ['String', 'String'],
    ['Int', 'String'],
    ['String[]', 'String'],
    ['Role', 'Status'],
    ['String @db.Uuid', 'String'],
    ['Decimal @db.Money', 'Decimal @db.Decimal(20,4)'],
  ])('%s to %s is no widening', (before, after) => {
    expect(isWidening(before, after)).toBe(false);
  });
});

describe('prismaTypes.canHold', () => {
  it.each([
    ['string', 'String @db.VarChar(64)', { isEnum: false }],
    ['string', 'Role', { isEnum: true }],
    ['integer', 'BigInt', { isEnum: false }],
    ['number', 'Float @db.Real', { isEnum: false }],
    ['decimal', 'Decimal @db.Decimal(12,2)', { isEnum: false }],
    ['decimal', 'Int', { isEnum: false }],
    ['boolean', 'Boolean @db.TinyInt', { isEnum: false }],
    ['date', 'DateTime @db.Date', { isEnum: false }],
    ['time', 'DateTime @db.Time(3)', { isEnum: false }],
    ['timestamp', 'DateTime', { isEnum: false }],
    ['timestamp', 'DateTime @db.Timestamptz(6)', { isEnum: false }],
    ['uuid', 'String @db.Uuid', { isEnum: false }],
    ['json', 'Json', { isEnum: false }],
    ['object', 'Json @db.JsonB', { isEnum: false }],
    ['bytes', 'Bytes', { isEnum: false }],
    ['array', 'String[]', { isEnum: false }],
    ['String', 'String @db.VarChar(64)', { isEnum: false }],
    ['String', 'Role', { isEnum: true }],
    ['BigInt', 'Int', { isEnum: false }],
    ['Int', 'Int @db.SmallInt', { isEnum: false }],
    ['Decimal', 'Decimal @db.Decimal(12,2)', { isEnum: false }],
    ['String @db.VarChar(128)', 'String @db.VarChar(64)', { isEnum: false }],
    ['@db.VarChar(128)', 'String @db.VarChar(64)', { isEnum: false }],
    ['Decimal @db.Decimal(14,4)', 'Decimal @db.Decimal(12,2)', { isEnum: false }],
    ['Role', 'Role', { isEnum: true }],
    ['String[]', 'String[] @db.VarChar(8)', { isEnum: false }],
  ])('a contract\'s %s holds %s', (contractType, actual, traits) => {
    expect(canHold(contractType, actual, traits)).toBe(true);
  });

  it.each([
    ['string', 'String @db.Uuid', { isEnum: false }],
    ['string', 'Int', { isEnum: false }],
    ['integer', 'Decimal', { isEnum: false }],
    ['decimal', 'Float', { isEnum: false }],
    ['date', 'DateTime', { isEnum: false }],
    ['timestamp', 'DateTime @db.Date', { isEnum: false }],
    ['uuid', 'String', { isEnum: false }],
    ['array', 'String', { isEnum: false }],
    ['string', 'String[]', { isEnum: false }],
    ['Int', 'BigInt', { isEnum: false }],
    ['Decimal', 'Float', { isEnum: false }],
    ['String @db.VarChar(64)', 'String @db.VarChar(128)', { isEnum: false }],
    ['String @db.VarChar(64)', 'String', { isEnum: false }],
    ['Decimal @db.Decimal(12,2)', 'Decimal @db.Decimal(12,4)', { isEnum: false }],
    ['Role', 'Status', { isEnum: true }],
    ['Role', 'String', { isEnum: false }],
    ['String[]', 'Int[]', { isEnum: false }],
  ])('a contract\'s %s does not hold %s', (contractType, actual, traits) => {
    expect(canHold(contractType, actual, traits)).toBe(false);
  });
});

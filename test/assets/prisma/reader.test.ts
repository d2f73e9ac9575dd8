import { afterAll, describe, expect, it } from '@jest/globals';
import type { AssetComparison, AssetState, FieldSchema } from '../../../src/assets/model.js';
import { prismaReader } from '../../../src/assets/prisma/reader.js';
import { settingsSchema } from '../../../src/config/schema.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import { lineWith, schema, testPrismaEngine } from './support.js';

const engine = testPrismaEngine();
const reader = prismaReader(engine);
afterAll(() => engine.close());

const SCHEMA_FILE = 'prisma/schema.prisma';
const settings = settingsSchema.parse({});

async function compare(base: FileMap, head: FileMap, name: string, source = SCHEMA_FILE): Promise<AssetComparison> {
  const requests = [{ key: 'contract', asset: { type: 'prisma' as const, name, source }, nameLocation: { file: 'contracts/c.yaml', line: 4 } }];
  const results = await reader.compare(requests, memoryChange(base, head), settings);
  return results.get('contract')!.comparison;
}

async function read(text: string, name: string): Promise<AssetState> {
  return (await compare({ [SCHEMA_FILE]: text }, { [SCHEMA_FILE]: text }, name)).head;
}

function fieldsOf(state: AssetState): FieldSchema[] {
  if (state.status !== 'present') throw new Error(`the model is ${state.status}: ${JSON.stringify(state)}`);
  return state.schema.fields;
}

const withoutOrigins = (fields: FieldSchema[]) => fields.map(({ origin: _origin, ...field }) => field);

describe('a model\'s fields', () => {
  const text = schema(
    [
      'model Order {',
      '  id         Int         @id @default(autoincrement())',
      '  reference  String      @unique @map("order_ref") @db.VarChar(64)',
      '  note       String?     @db.Text',
      '  amount     Decimal     @default(0) @db.Decimal(12, 2)',
      '  status     OrderStatus @default(PENDING)',
      '  tags       String[]    @default(["new"])',
      '  placedAt   DateTime    @default(now()) @map("placed_at") @db.Timestamptz(6)',
      '  area       Unsupported("geometry")?',
      '  customer   Customer    @relation(fields: [customerId], references: [id])',
      '  customerId Int         @map("customer_id")',
      '  @@map("orders")',
      '}',
      '',
    ].join('\n'),
    'model Customer {\n  id     Int     @id\n  orders Order[]\n}\n',
    'enum OrderStatus {\n  PENDING  @map("pending")\n  SHIPPED  @map("shipped")\n  @@map("order_status")\n}\n',
  );

  it('are its columns, by their database names, with their types, keys, defaults and enum values', async () => {
    expect(withoutOrigins(fieldsOf(await read(text, 'Order')))).toEqual([
      { name: 'id', type: 'Int', nullable: false, primaryKey: true, unique: false, default: 'autoincrement()' },
      { name: 'order_ref', type: 'String @db.VarChar(64)', nullable: false, primaryKey: false, unique: true },
      // @db.Text is what PostgreSQL makes of a String anyway
      { name: 'note', type: 'String', nullable: true, primaryKey: false, unique: false },
      { name: 'amount', type: 'Decimal @db.Decimal(12,2)', nullable: false, primaryKey: false, unique: false, default: '0' },
      {
        name: 'status',
        type: 'order_status',
        nullable: false,
        primaryKey: false,
        unique: false,
        default: 'pending',
        allowedValues: ['pending', 'shipped'],
        allowedValuesFrom: 'enum',
      },
      { name: 'tags', type: 'String[]', nullable: false, primaryKey: false, unique: false, default: '["new"]' },
      { name: 'placed_at', type: 'DateTime @db.Timestamptz(6)', nullable: false, primaryKey: false, unique: false, default: 'now()' },
      { name: 'customer_id', type: 'Int', nullable: false, primaryKey: false, unique: false },
    ]);
  });

  it('point at their lines in the schema file, and the model at its own', async () => {
    const state = await read(text, 'Order');
    expect(fieldsOf(state).map((field) => [field.name, field.origin?.line])).toEqual(
      ['id', 'reference', 'note', 'amount', 'status', 'tags', 'placedAt', 'customerId'].map((name, index) => [
        fieldsOf(state)[index]!.name,
        lineWith(text, `  ${name} `),
      ]),
    );
    expect(state).toMatchObject({ schema: { kind: 'model', name: 'Order', origin: { file: SCHEMA_FILE, line: lineWith(text, 'model Order') } } });
  });

  it('take their keys from @@id and single-field @@unique, not from a compound @@unique', async () => {
    const keys = schema('model Line {\n  orderId Int\n  lineNo  Int\n  sku     String\n  code    String\n  @@id([orderId, lineNo])\n  @@unique([sku])\n  @@unique([code, lineNo])\n}\n');
    expect(fieldsOf(await read(keys, 'Line')).map(({ name, primaryKey, unique }) => [name, primaryKey, unique])).toEqual([
      ['orderId', true, false],
      ['lineNo', true, false],
      ['sku', false, true],
      ['code', false, false],
    ]);
  });

  it.each([
    ['a string', 'String @default("it\'s \\"new\\"")', '"it\'s \\"new\\""'],
    ['a boolean', 'Boolean @default(false)', 'false'],
    ['a big integer', 'BigInt @default(42)', '42'],
    ['a float', 'Float @default(-1.5)', '-1.5'],
    ['a JSON value', 'Json @default("{}")', '"{}"'],
    ['a database expression', 'String @default(dbgenerated("gen_random_uuid()")) @db.Uuid', 'dbgenerated("gen_random_uuid()")'],
    ['a uuid made by Prisma Client', 'String @default(uuid())', 'uuid(4)'],
  ])('write %s default as the schema does', async (_kind, declaration, written) => {
    const fields = fieldsOf(await read(schema(`model T {\n  id Int @id\n  value ${declaration}\n}\n`), 'T'));
    expect(fields[1]!.default).toBe(written);
  });

  it('flatten a composite type into dotted paths, optional where the composite is', async () => {
    const mongo = [
      'datasource db {\n  provider = "mongodb"\n}\n',
      'model Customer {\n  id      String   @id @default(auto()) @map("_id") @db.ObjectId\n  address Address?\n}\n',
      'type Address {\n  street String @map("st")\n  city   String\n}\n',
    ].join('\n');
    expect(fieldsOf(await read(mongo, 'Customer')).map(({ name, type, nullable, origin }) => [name, type, nullable, origin?.line])).toEqual([
      ['_id', 'String @db.ObjectId', false, lineWith(mongo, '  id ')],
      ['address.st', 'String', true, lineWith(mongo, '  street ')],
      ['address.city', 'String', true, lineWith(mongo, '  city ')],
    ]);
  });
});

describe('column types a connector makes of a bare scalar', () => {
  // Prisma's SCALAR_TYPE_DEFAULTS (psl-core): the engine must accept each spelling and read it as the bare scalar.
  it.each([
    ['postgresql', ['String @db.Text', 'Int @db.Integer', 'BigInt @db.BigInt', 'Float @db.DoublePrecision', 'Decimal @db.Decimal(65, 30)', 'Boolean @db.Boolean', 'DateTime @db.Timestamp(3)', 'Bytes @db.ByteA', 'Json @db.JsonB']],
    ['cockroachdb', ['String @db.String', 'Int @db.Int4', 'BigInt @db.Int8', 'Float @db.Float8', 'Decimal @db.Decimal(65, 30)', 'Boolean @db.Bool', 'DateTime @db.Timestamp(3)', 'Bytes @db.Bytes', 'Json @db.JsonB']],
    ['mysql', ['String @db.VarChar(191)', 'Int @db.Int', 'BigInt @db.BigInt', 'Float @db.Double', 'Decimal @db.Decimal(65, 30)', 'Boolean @db.TinyInt', 'DateTime @db.DateTime(3)', 'Bytes @db.LongBlob', 'Json @db.Json']],
    ['sqlserver', ['String @db.NVarChar(1000)', 'Int @db.Int', 'BigInt @db.BigInt', 'Float @db.Float(53)', 'Decimal @db.Decimal(32, 16)', 'Boolean @db.Bit', 'DateTime @db.DateTime2', 'Bytes @db.VarBinary(Max)']],
  ])('on %s are read as the bare scalar', async (provider, declarations) => {
    const fields = declarations.map((declaration, index) => `  f${index} ${declaration}`).join('\n');
    const text = `datasource db {\n  provider = "${provider}"\n}\n\nmodel T {\n  id Int @id\n${fields}\n}\n`;
    expect(fieldsOf(await read(text, 'T')).slice(1).map((field) => field.type)).toEqual(declarations.map((declaration) => declaration.split(' ')[0]));
  });

  it('keep any other native type', async () => {
    const text = 'datasource db {\n  provider = "mysql"\n}\n\nmodel T {\n  id Int @id\n  name String @db.Text\n}\n';
    expect(fieldsOf(await read(text, 'T'))[1]!.type).toBe('String @db.Text');
  });
});

describe('following the model from base to head', () => {
  const model = (body: string, name = 'User') => `model ${name} {\n  id    Int    @id\n${body}}\n`;

  it('sees no change when a field is renamed in Prisma but keeps its column (@map)', async () => {
    const base = schema(model('  email String @map("email_address")\n'));
    const head = schema(model('  mail  String @map("email_address")\n'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison).toMatchObject({ fieldRenames: [], fieldRemovedAt: {} });
    expect(withoutOrigins(fieldsOf(comparison.head))).toEqual(withoutOrigins(fieldsOf(comparison.base)));
  });

  it('renames the column when a field keeps its name and its @map changes, at the field\'s line', async () => {
    const base = schema(model('  email String @map("email_address")\n'));
    const head = schema(model('  email String @map("email")\n'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.fieldRenames).toEqual([{ from: 'email_address', to: 'email', origin: { file: SCHEMA_FILE, line: lineWith(head, 'email String') } }]);
    expect(comparison.fieldRemovedAt).toEqual({});
  });

  it('removes the column when the field goes, where it was: at the next field that stays', async () => {
    const base = schema(model('  email String\n  name  String\n'));
    const head = schema(model('  name  String\n'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.fieldRemovedAt).toEqual({ email: { file: SCHEMA_FILE, line: lineWith(head, '  name ') } });
  });

  it('removes the last field at the model\'s closing brace', async () => {
    const base = schema(model('  email String\n'));
    const head = schema(model(''));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.fieldRemovedAt).toEqual({ email: { file: SCHEMA_FILE, line: head.split('\n').lastIndexOf('}') + 1 } });
  });

  it('renames the asset when the model keeps its name and its table (@@map) changes, at the @@map line', async () => {
    const base = schema(model('  @@map("users")\n'));
    const head = schema(model('  @@map("accounts")\n'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.assetRename).toEqual({ from: 'User (table users)', to: 'User (table accounts)', origin: { file: SCHEMA_FILE, line: lineWith(head, '@@map') } });
    expect(comparison.head.status).toBe('present');
  });

  it('renames the asset when the model moves to another database schema (@@schema)', async () => {
    const multiSchema = 'datasource db {\n  provider = "postgresql"\n  schemas  = ["public", "billing"]\n}\n';
    const base = `${multiSchema}\n${model('  @@schema("public")\n')}`;
    const head = `${multiSchema}\n${model('  @@schema("billing")\n')}`;
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.assetRename).toEqual({ from: 'User (table public.User)', to: 'User (table billing.User)', origin: { file: SCHEMA_FILE, line: lineWith(head, '@@schema') } });
  });

  it('follows a model renamed with its table kept, and says the contract should name it anew', async () => {
    const base = schema(model('  @@map("users")\n'));
    const head = schema(model('  @@map("users")\n', 'Account'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.assetRename).toBeUndefined();
    expect(comparison.head).toMatchObject({ status: 'present', schema: { name: 'Account' } });
    expect(comparison.resolvedAs).toMatchObject({ name: 'User', asset: 'Account', commits: ['head'], message: expect.stringContaining('Write Account in asset.name') });
  });

  it('removes a model renamed without @@map: its table is another one', async () => {
    const base = schema(model(''), model('', 'Audit'));
    const head = schema(model('', 'Account'), model('', 'Audit'));
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.head.status).toBe('absent');
    expect(comparison.removedAt).toEqual({ file: SCHEMA_FILE, line: lineWith(head, 'model Audit') });
  });

  it('finds a model named up to case, or by its table, and says so', async () => {
    const text = schema(model('  @@map("app_users")\n'));
    expect((await compare({ [SCHEMA_FILE]: text }, { [SCHEMA_FILE]: text }, 'user')).resolvedAs).toMatchObject({ asset: 'User', commits: ['base', 'head'] });
    expect((await compare({ [SCHEMA_FILE]: text }, { [SCHEMA_FILE]: text }, 'app_users')).resolvedAs).toMatchObject({
      asset: 'User',
      message: expect.stringContaining('maps to the table app_users'),
    });
  });

  it('reads a multi-file schema from the folder the source names, each field at its own file', async () => {
    const base = {
      'prisma/schema/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
      'prisma/schema/user.prisma': model('  email String\n'),
      'prisma/schema/README.md': '# not a schema',
    };
    const head = { ...base, 'prisma/schema/user.prisma': model('  email String?\n') };
    const comparison = await compare(base, head, 'User', 'prisma/schema/**');
    expect(fieldsOf(comparison.head)[1]).toMatchObject({ name: 'email', nullable: true, origin: { file: 'prisma/schema/user.prisma', line: 3 } });
  });
});

describe('a schema that cannot be read', () => {
  it('is an error at the file and line the engine names, for that commit alone', async () => {
    const base = schema('model User {\n  id Int @id\n}\n');
    const head = schema('model User {\n  id Int @id\n  name Strin\n}\n');
    const comparison = await compare({ [SCHEMA_FILE]: base }, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.base.status).toBe('present');
    expect(comparison.head).toEqual({
      status: 'error',
      error: {
        kind: 'failed',
        file: SCHEMA_FILE,
        line: lineWith(head, 'Strin'),
        column: 8,
        message: 'Type "Strin" is neither a built-in type, nor refers to another model, composite type, or enum.',
      },
    });
  });

  it('counts lines as the engine counts positions: UTF-16, past emoji and CRLF line ends', async () => {
    const head = schema('/// 🚚 Sendungen – Übersicht 😀😀\nmodel User {\n  id Int @id\n  name Strin\n}\n').replace(/\n/g, '\r\n');
    const comparison = await compare({}, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.head).toMatchObject({ status: 'error', error: { line: lineWith(head, 'Strin'), column: 8 } });
  });

  it('says how many more problems the engine found', async () => {
    const head = schema('model User {\n  id Int @id\n  name Strin\n  age Innt\n}\n');
    const comparison = await compare({}, { [SCHEMA_FILE]: head }, 'User');
    expect(comparison.head).toMatchObject({ status: 'error', error: { line: lineWith(head, 'Strin'), message: expect.stringMatching(/\(and 1 more problem in the schema\)$/) } });
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { prismaReader } from '../../../src/assets/prisma/reader.js';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { expectEachReadsBack, listed } from '../listing.js';
import { schema, testPrismaEngine } from './support.js';

const engine = testPrismaEngine();
const readers = [prismaReader(engine)];
afterAll(() => engine.close());

const SOURCE = 'prisma/**/*.prisma';

const ORDERS = [
  'model Order {',
  '  id         Int         @id @default(autoincrement())',
  '  reference  String      @unique @map("order_ref") @db.VarChar(64)',
  '  status     OrderStatus @default(PENDING)',
  '  customer   Customer    @relation(fields: [customerId], references: [id])',
  '  customerId Int         @map("customer_id")',
  '  @@map("orders")',
  '}',
  '',
].join('\n');
const CUSTOMERS = 'model Customer {\n  id     Int     @id\n  email  String?\n  orders Order[]\n}\n';
const STATUS = 'enum OrderStatus {\n  PENDING\n  SHIPPED\n}\n';

describe('listing the Prisma models of a commit', () => {
  it('lists every model by its name, so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', { 'prisma/schema.prisma': schema(ORDERS, CUSTOMERS, STATUS) });
    const listing = await listed(readers, snapshot, 'prisma', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`)).toEqual(['Customer model', 'Order model']);
    expect(listing.assets[1]?.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual([
      'id Int false',
      'order_ref String @db.VarChar(64) false',
      'status OrderStatus false',
      'customer_id Int false',
    ]);
    expect(listing.assets[1]?.fields[1]?.origin).toEqual({ file: 'prisma/schema.prisma', line: 7 });
    await expectEachReadsBack(readers, snapshot, 'prisma', SOURCE, listing);
  });

  it('reads a schema split over several files as one', async () => {
    const snapshot = memorySnapshot('c1', { 'prisma/schema/base.prisma': schema(STATUS), 'prisma/schema/orders.prisma': `${ORDERS}\n${CUSTOMERS}` });
    const listing = await listed(readers, snapshot, 'prisma', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['Customer', 'Order']);
    await expectEachReadsBack(readers, snapshot, 'prisma', SOURCE, listing);
  });

  it('reports a broken schema at its line: Prisma reads a schema whole or not at all', async () => {
    const snapshot = memorySnapshot('c1', {
      'prisma/schema/base.prisma': schema(STATUS),
      'prisma/schema/orders.prisma': `${ORDERS}\n${CUSTOMERS}`,
      'prisma/schema/broken.prisma': 'model Refund {\n  id Int @id\n  amount Money\n}\n',
    });
    const listing = await listed(readers, snapshot, 'prisma', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: 'prisma/schema/broken.prisma', line: 3 })]);
  });

  it('lists nothing, and no error, where no schema matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'README.md': '# shop\n' }), 'prisma', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { 'prisma/schema.prisma': schema(ORDERS, CUSTOMERS, STATUS), '.github/data-contracts.yml': 'schemas:\n  maxBytes: 100\n' });
    const listing = await listed(readers, snapshot, 'prisma', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit', file: 'prisma/schema.prisma' })]);
  });
});

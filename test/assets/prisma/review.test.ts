import { afterAll, describe, expect, it } from '@jest/globals';
import { prismaReader } from '../../../src/assets/prisma/reader.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import type { Finding } from '../../../src/core/review.js';
import { reviewChange } from '../../../src/review/run.js';
import { testExtractors } from '../../support/extractors.js';
import { testReplayer } from '../../support/replayer.js';
import { contract, lineWith, schema, testPrismaEngine } from './support.js';

const replayer = testReplayer();
const engine = testPrismaEngine();
const extractors = [prismaReader(engine), ...testExtractors(replayer)];
afterAll(async () => {
  await engine.close();
  await replayer.close();
});

const SCHEMA_FILE = 'prisma/schema.prisma';
const CONTRACT_FILE = 'contracts/orders.yaml';

const ORDER = [
  'model Order {',
  '  id        Int         @id @default(autoincrement())',
  '  reference String      @unique @map("order_ref") @db.VarChar(64)',
  '  amount    Decimal     @db.Decimal(12, 2)',
  '  status    OrderStatus @default(PENDING)',
  '  note      String?',
  '  createdAt DateTime    @default(now()) @map("created_at")',
  '  @@map("orders")',
  '}',
  '',
].join('\n');
const STATUS = 'enum OrderStatus {\n  PENDING   @map("pending")\n  SHIPPED   @map("shipped")\n  CANCELLED @map("cancelled")\n}\n';
const AUDIT = 'model Audit {\n  id Int @id\n}\n';

const FIELDS = [
  '  - name: id\n    type: integer\n    required: true\n    primaryKey: true',
  '  - name: order_ref\n    type: string\n    required: true\n    unique: true',
  '  - name: amount\n    type: decimal\n    required: true',
  '  - name: status\n    enum: [pending, shipped, cancelled]',
  '  - name: created_at\n    type: timestamp\n    required: true',
  '',
].join('\n');

const files = (order: string, status = STATUS): FileMap => ({
  [CONTRACT_FILE]: contract('orders', 'Order', FIELDS),
  [SCHEMA_FILE]: schema(order, status, AUDIT),
});

/** Each finding as `rule severity field`, then `@line` of the schema file or `@contract` when it points there. */
function summary(findings: Finding[]): string[] {
  return findings.map((finding) => {
    const where = finding.file === SCHEMA_FILE ? `@${finding.line}` : finding.file === CONTRACT_FILE ? '@contract' : `@${finding.file}`;
    return [finding.rule, finding.severity, finding.field, where].filter(Boolean).join(' ');
  });
}

async function review(headOrder: string, headStatus = STATUS) {
  const result = await reviewChange(memoryChange(files(ORDER), files(headOrder, headStatus)), extractors);
  return { result, head: schema(headOrder, headStatus, AUDIT) };
}

describe('a change to a contracted Prisma model, reviewed end to end', () => {
  it('passes a change that only renames a field in Prisma, its column kept by @map', async () => {
    const { result } = await review(ORDER.replace('  reference String ', '  ref       String '));
    expect(result.findings).toEqual([]);
    expect(result.conclusion).toBe('success');
  });

  it('blocks a field removed, at the line where it was', async () => {
    const { result, head } = await review(ORDER.replace(/ {2}reference .*\n/, ''));
    expect(summary(result.findings)).toEqual([`field-removed blocking order_ref @${lineWith(head, '  amount ')}`]);
    expect(result.conclusion).toBe('failure');
  });

  it('blocks a column renamed by its @map, at the field', async () => {
    const { result, head } = await review(ORDER.replace('@map("order_ref")', '@map("reference")'));
    expect(summary(result.findings)).toEqual([`field-renamed blocking order_ref @${lineWith(head, '  reference ')}`]);
    expect(result.findings[0]).toMatchObject({ before: 'order_ref', after: 'reference' });
  });

  it('blocks a type moved to another family', async () => {
    const { result, head } = await review(ORDER.replace('Decimal     @db.Decimal(12, 2)', 'String'));
    expect(summary(result.findings)).toEqual([`field-type-changed blocking amount @${lineWith(head, '  amount ')}`]);
    expect(result.findings[0]).toMatchObject({ before: 'Decimal @db.Decimal(12,2)', after: 'String' });
  });

  it.each([
    ['a longer varchar', '@db.VarChar(64)', '@db.VarChar(128)', 'order_ref', '  reference '],
    ['Int to BigInt', '  id        Int ', '  id        BigInt ', 'id', '  id '],
  ])('lists a widening (%s) as information', async (_what, before, after, field, line) => {
    const { result, head } = await review(ORDER.replace(before, after));
    expect(summary(result.findings)).toEqual([`field-type-widened info ${field} @${lineWith(head, line)}`]);
    expect(result.conclusion).toBe('success');
  });

  it('blocks a narrowing inside the family', async () => {
    const { result, head } = await review(ORDER.replace('@db.Decimal(12, 2)', '@db.Decimal(10, 2)'));
    expect(summary(result.findings)).toEqual([`field-type-narrowed blocking amount @${lineWith(head, '  amount ')}`]);
  });

  it('makes no finding of a spelling that makes the same column', async () => {
    const respelt = ORDER.replace('@db.Decimal(12, 2)', '@db.Decimal(12,2)').replace('  note      String?', '  note      String? @db.Text');
    const { result } = await review(respelt);
    expect(result.findings).toEqual([]);
  });

  it('blocks a required field made optional', async () => {
    const { result, head } = await review(ORDER.replace('createdAt DateTime ', 'createdAt DateTime?'));
    expect(summary(result.findings)).toEqual([`field-made-nullable blocking created_at @${lineWith(head, '  createdAt ')}`]);
  });

  it('blocks an enum value removed, at the enum', async () => {
    const status = STATUS.replace(/ {2}CANCELLED .*\n/, '');
    const { result, head } = await review(ORDER, status);
    expect(summary(result.findings)).toEqual([`enum-value-removed blocking status @${lineWith(head, 'enum OrderStatus')}`]);
  });

  it('blocks an enum value the contract does not list, at the value', async () => {
    const status = STATUS.replace('}', '  RETURNED  @map("returned")\n}');
    const { result, head } = await review(ORDER, status);
    expect(summary(result.findings)).toEqual([`enum-value-added blocking status @${lineWith(head, '  RETURNED ')}`]);
  });

  it('passes an enum value renamed in Prisma with its database value kept', async () => {
    const { result } = await review(ORDER.replace('@default(PENDING)', '@default(OPEN)'), STATUS.replace('PENDING ', 'OPEN    '));
    expect(result.findings).toEqual([]);
  });

  it('blocks a primary key and a unique removed', async () => {
    const order = ORDER.replace('@id @default(autoincrement())', '@unique @default(autoincrement())').replace('@unique @map("order_ref")', '@id @map("order_ref")');
    const { result, head } = await review(order);
    expect(summary(result.findings)).toEqual([`primary-key-removed blocking id @${lineWith(head, '  id ')}`]);
    const { result: withoutUnique, head: after } = await review(ORDER.replace('@unique @map("order_ref")', '@map("order_ref")'));
    expect(summary(withoutUnique.findings)).toEqual([`unique-removed blocking order_ref @${lineWith(after, '  reference ')}`]);
  });

  it('lists a default changed, by the database values', async () => {
    const { result, head } = await review(ORDER.replace('@default(PENDING)', '@default(SHIPPED)'));
    expect(summary(result.findings)).toEqual([`field-default-changed info status @${lineWith(head, '  status ')}`]);
    expect(result.findings[0]).toMatchObject({ before: 'pending', after: 'shipped' });
  });

  it('blocks the model removed, at the line where it was', async () => {
    const { result, head } = await review('');
    expect(summary(result.findings)).toEqual([`asset-removed blocking @${lineWith(head, 'model Audit')}`]);
  });

  it('blocks the table renamed by @@map, at the @@map line', async () => {
    const { result, head } = await review(ORDER.replace('@@map("orders")', '@@map("sales_orders")'));
    expect(summary(result.findings)).toEqual([`asset-renamed blocking @${lineWith(head, '@@map')}`]);
    expect(result.findings[0]).toMatchObject({ before: 'Order', after: 'Order (table sales_orders)' });
    expect(result.findings[0]!.message).toBe('Model Order was renamed to Order (table sales_orders); the contract still names Order.');
  });

  it('only notes a model renamed with its table kept, so the contract can follow', async () => {
    const { result } = await review(ORDER.replace('model Order {', 'model SalesOrder {'));
    expect(summary(result.findings)).toEqual(['asset-name-resolved info @contract']);
    expect(result.findings[0]!.message).toContain('Write SalesOrder in asset.name');
    expect(result.conclusion).toBe('success');
  });
});

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

const ORDERS_SCHEMA = 'prisma/schema.prisma';
const BILLING_SCHEMA = 'billing/schema.prisma';
const ORDER = 'model Order {\n  id     Int    @id\n  status String\n  note   String?\n}\n';
const INVOICE = 'model Invoice {\n  id    Int     @id\n  total Decimal\n}\n';

/** Two contracts on two schemas: the orders schema turns hostile at the head, the billing one loses a field. */
function repository(ordersSchema: string, billingSchema: string, extra: FileMap = {}): FileMap {
  return {
    'contracts/orders.yaml': contract('orders', 'Order', '  - name: status\n    required: true\n'),
    'contracts/billing.yaml': contract('billing', 'Invoice', '  - name: total\n', BILLING_SCHEMA),
    [ORDERS_SCHEMA]: ordersSchema,
    [BILLING_SCHEMA]: billingSchema,
    ...extra,
  };
}

async function reviewHostile(hostile: string, extra: FileMap = {}) {
  const base = repository(schema(ORDER), schema(INVOICE), extra);
  const head = repository(hostile, schema(INVOICE.replace('  total Decimal\n', '')), extra);
  return reviewChange(memoryChange(base, head), extractors);
}

const failureOf = (findings: Finding[]) => findings.find((finding) => finding.contract === 'orders');

function expectBillingStillReviewed(findings: Finding[]): void {
  expect(findings.filter((finding) => finding.contract === 'billing').map((finding) => `${finding.rule} ${finding.severity} ${finding.field}`)).toEqual([
    'field-removed blocking total',
  ]);
}

describe('a hostile or broken head schema', () => {
  it.each([
    ['a syntax error', schema('model Order {\n  id     Int    @id\n  status String @@\n}\n'), '  status String @@', /not a valid field or attribute definition/],
    ['a block never closed', schema('model Order {\n  id     Int    @id\n  status String\n'), 'model Order', /./],
    ['a string never closed', schema('model Order {\n  id     Int    @id\n  status String @default("open)\n}\n'), '@default("open)', /./],
    ['a NUL byte', schema(ORDER.replace('status String', 'status String\u0000')), 'status String', /NUL byte/],
    ['bytes that were not UTF-8', schema(ORDER.replace('note   String?', '/// Bemerkung f\uFFFDr Kunden\n  note   String?')), 'Bemerkung', /not valid UTF-8/],
    ['brackets nested past the bound', schema(ORDER.replace('status String', `status String @default(${'['.repeat(10_000)}${']'.repeat(10_000)})`)), 'status String', /nest more than 100 deep/],
  ])('with %s is an error at its file and line; the other contract is still reviewed', async (_what, hostile, lineSnippet, message) => {
    const result = await reviewHostile(hostile);
    expect(failureOf(result.findings)).toMatchObject({ rule: 'migration-failed', severity: 'error', file: ORDERS_SCHEMA, line: lineWith(hostile, lineSnippet) });
    expect(failureOf(result.findings)!.message).toMatch(message);
    expectBillingStillReviewed(result.findings);
    expect(result.conclusion).toBe('failure');
  });

  it('saved as UTF-16 is refused at its first line', async () => {
    const utf16 = Buffer.from(schema(ORDER), 'utf16le').toString('utf8');
    const result = await reviewHostile(utf16);
    expect(failureOf(result.findings)).toMatchObject({ rule: 'migration-failed', file: ORDERS_SCHEMA, line: 1 });
    expectBillingStillReviewed(result.findings);
  });

  it('past the size limit is refused without being read', async () => {
    const settings = { '.github/data-contracts.yml': 'schemas:\n  maxBytes: 2000\n' };
    const huge = schema(ORDER, ...Array.from({ length: 100 }, (_, index) => `model Filler${index} {\n  id Int @id\n}\n`));
    const result = await reviewHostile(huge, settings);
    expect(failureOf(result.findings)).toMatchObject({ rule: 'migration-failed', severity: 'error', file: ORDERS_SCHEMA });
    expect(failureOf(result.findings)!.message).toMatch(/exceed the 2000-byte limit \(schemas\.maxBytes in the settings\)/);
    expectBillingStillReviewed(result.findings);
  });

  it('with a megabyte-long line is read like any other', async () => {
    const long = schema(ORDER.replace('note   String?', `note   String? @default("${'x'.repeat(1_000_000)}")`));
    const result = await reviewHostile(long);
    expect(failureOf(result.findings)).toMatchObject({ rule: 'field-default-changed', severity: 'info', file: ORDERS_SCHEMA, line: lineWith(long, '  note ') });
    expectBillingStillReviewed(result.findings);
  });

  it('quoting control characters in an error loses them in the message', async () => {
    const hostile = schema('model Order {\n  id     Int    @id\n  status Str\u001b[31mred\n}\n');
    const result = await reviewHostile(hostile);
    expect(failureOf(result.findings)).toMatchObject({ rule: 'migration-failed', line: lineWith(hostile, 'status Str') });
    expect(failureOf(result.findings)!.message).not.toMatch(/\u001b/);
  });
});

describe('a broken base schema', () => {
  it('is drift, and the head is judged as if the base met the contract', async () => {
    const broken = schema(ORDER.replace('status String', 'status Strin'));
    const head = schema(ORDER.replace('status String', 'status String?'));
    const result = await reviewChange(memoryChange(repository(broken, schema(INVOICE)), repository(head, schema(INVOICE))), extractors);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity}${finding.field ? ` ${finding.field}` : ''} @${finding.line}`)).toEqual([
      `migration-failed drift @${lineWith(broken, 'Strin')}`,
      `field-made-nullable blocking status @${lineWith(head, '  status ')}`,
    ]);
  });
});

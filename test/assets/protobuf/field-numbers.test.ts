import { afterAll, describe, expect, it } from '@jest/globals';
import { memoryChange } from '../../../src/core/memory-snapshot.js';
import { reviewChange } from '../../../src/review/run.js';
import { testExtractors } from '../../support/extractors.js';
import { testReplayer } from '../../support/replayer.js';

const replayer = testReplayer();
afterAll(() => replayer.close());

/** A contract without `asset.compatibility`: only the consumer view judges the change. */
const contract = (fields: string[]) =>
  [
    'id: orders',
    'asset:',
    '  type: protobuf',
    '  name: acme.Order',
    '  source: "proto/**/*.proto"',
    'fields:',
    ...fields.map((name) => `  - name: ${name}`),
    'consumers:',
    '  - name: Billing',
    '    contact: "@acme/billing"',
    '    enforcement: blocking',
    '',
  ].join('\n');

const ORDER_FILE = 'proto/acme/order.proto';
const order = (fields: string) =>
  `syntax = "proto3";\n\npackage acme;\n\nmessage Order {\n  int64 id = 1;\n${fields}}\n\nmessage Customer {\n  string zip = 1;\n}\n`;

async function review(fields: string[], before: string, after: string) {
  const files = (text: string) => ({ 'contracts/orders.yaml': contract(fields), [ORDER_FILE]: order(text) });
  return reviewChange(memoryChange(files(before), files(after)), testExtractors(replayer));
}

const summary = (found: Awaited<ReturnType<typeof review>>) => found.findings.map(({ rule, field, severity }) => `${rule} ${field} ${severity}`);

describe('a Protobuf field is its number as much as its name', () => {
  it('blocks a contracted field whose number changed, with no compatibility mode', async () => {
    const found = await review(['customer_id'], '  string customer_id = 2;\n', '  string customer_id = 6;\n');
    expect(summary(found)).toEqual(['field-removed customer_id blocking', 'field-added customer_id info']);
    expect(found.conclusion).toBe('failure');
  });

  it('removes every contracted path below a message field whose number changed', async () => {
    const found = await review(['customer.zip'], '  Customer customer = 3;\n', '  Customer customer = 7;\n');
    expect(summary(found)).toContain('field-removed customer.zip blocking');
  });

  it('takes the field that now has the old number for the contracted field renamed', async () => {
    const found = await review(['customer_id'], '  string customer_id = 2;\n', '  string account_id = 2;\n  string customer_id = 6;\n');
    expect(summary(found)).toContain('field-renamed customer_id blocking');
  });

  it('lets fields move in the file as long as their numbers stay', async () => {
    const found = await review(['customer_id'], '  string customer_id = 2;\n  string note = 3;\n', '  string note = 3;\n  string customer_id = 2;\n');
    expect(found.findings).toEqual([]);
  });
});

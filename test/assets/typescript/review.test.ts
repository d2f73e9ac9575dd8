import { afterAll, describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import { brief, lineWith, reviewTypescript, testTypescriptReader, typescriptContract } from './support.js';

const reader = testTypescriptReader();
afterAll(() => reader.close());

const MODEL = 'src/models/order.ts';

const ORDER = [
  "import { z } from 'zod';",
  '',
  "export type Status = 'pending' | 'paid' | 'shipped';",
  '',
  'export class Order {',
  '  id!: string;',
  '  total!: number;',
  '  status: Status = "pending";',
  '  note: string | null = null;',
  '  placedAt!: Date;',
  '  tags: string[] = [];',
  '}',
  '',
  'export const LineSchema = z.object({',
  '  sku: z.string(),',
  '  quantity: z.number().int(),',
  '});',
  '',
].join('\n');

const ORDER_FIELDS = [
  '  - name: id\n    type: string\n    required: true',
  '  - name: total\n    type: number\n    required: true',
  '  - name: status\n    type: string\n    enum: [pending, paid, shipped]',
  '  - name: placedAt\n    type: Date\n    required: true',
  '  - name: tags\n    type: string[]',
  '',
].join('\n');
const LINE_FIELDS = '  - name: quantity\n    type: integer\n    required: true\n';

const contracts: FileMap = {
  ...typescriptContract('orders', { name: 'Order', source: 'src/models/**' }, ORDER_FIELDS),
  ...typescriptContract('lines', { name: 'LineSchema', source: 'src/models/**' }, LINE_FIELDS),
};

async function review(head: string) {
  const result = await reviewTypescript(reader, { ...contracts, [MODEL]: ORDER }, { ...contracts, [MODEL]: head });
  return { ...result, at: (snippet: string) => `@${MODEL}:${lineWith(head, snippet)}` };
}

describe('a change to a TypeScript class and a zod schema, reviewed by the shared review', () => {
  it('passes reordering, reformatting, renaming a local variable and equivalent spellings (Date, string[])', async () => {
    const head = ORDER.replace('  id!: string;\n  total!: number;\n', '  total!: number;\n\n  id!:   string ;\n').replace(
      'export const LineSchema = z.object({\n  sku: z.string(),\n  quantity: z.number().int(),\n});',
      'const quantity = z.number().int();\nexport const LineSchema = z.object({ quantity, sku: z.string() });',
    );
    const { findings, conclusion } = await review(head);
    expect(findings).toEqual([]);
    expect(conclusion).toBe('success');
  });

  it('blocks a contracted property removed, at the next property', async () => {
    const { findings, at } = await review(ORDER.replace('  total!: number;\n', ''));
    expect(brief(findings)).toEqual([`field-removed blocking total ${at('status: Status')}`]);
  });

  it('reports a renamed property as a removal and an addition: nothing in the code says they are one', async () => {
    const { findings, at } = await review(ORDER.replace('  total!: number;', '  amount!: number;'));
    expect(brief(findings)).toEqual([`field-removed blocking total ${at('status: Status')}`, `field-added info amount ${at('amount!')}`]);
  });

  it('blocks a type moved to another family, at the property', async () => {
    const { findings, at } = await review(ORDER.replace('  total!: number;', '  total!: string;'));
    expect(brief(findings)).toEqual([`field-type-changed blocking total ${at('total!')}`]);
    expect(findings[0]).toMatchObject({ before: 'number', after: 'string' });
  });

  it('passes a widening inside the integer family and blocks the narrowing back', async () => {
    const wide = ORDER.replace('quantity: z.number().int()', 'quantity: z.bigint()');
    const widened = await review(wide);
    expect(brief(widened.findings)).toEqual([`field-type-widened info quantity ${widened.at('quantity:')}`]);
    const narrowed = await reviewTypescript(reader, { ...contracts, [MODEL]: wide }, { ...contracts, [MODEL]: ORDER });
    expect(brief(narrowed.findings)).toEqual([`field-type-narrowed blocking quantity @${MODEL}:${lineWith(ORDER, 'quantity:')}`]);
  });

  it('blocks a required property made optional, or nullable', async () => {
    const optional = await review(ORDER.replace('  id!: string;', '  id?: string;'));
    expect(brief(optional.findings)).toEqual([`field-made-nullable blocking id ${optional.at('id?')}`]);
    const nullable = await review(ORDER.replace('  placedAt!: Date;', '  placedAt!: Date | null;'));
    expect(brief(nullable.findings)).toEqual([`field-made-nullable blocking placedAt ${nullable.at('placedAt!')}`]);
  });

  it('blocks a literal removed from, or added to, a union the contract lists, at the alias', async () => {
    const removed = await review(ORDER.replace(" | 'shipped'", ''));
    expect(brief(removed.findings)).toEqual([`enum-value-removed blocking status ${removed.at('export type Status')}`]);
    const added = await review(ORDER.replace("'pending' | 'paid' | 'shipped'", "'pending' | 'paid' | 'shipped' | 'refunded'"));
    expect(brief(added.findings)).toEqual([`enum-value-added blocking status ${added.at('export type Status')}`]);
  });

  it('reports a changed initializer as a changed default', async () => {
    const { findings, at } = await review(ORDER.replace('status: Status = "pending"', 'status: Status = "paid"'));
    expect(brief(findings)).toEqual([`field-default-changed info status ${at('status: Status')}`]);
    expect(findings[0]).toMatchObject({ before: '"pending"', after: '"paid"' });
  });

  it('blocks the class removed (a rename is a removal too), where it was', async () => {
    const { findings } = await review(ORDER.replace('export class Order {', 'export class Purchase {'));
    expect(brief(findings)).toEqual([`asset-removed blocking @${MODEL}:5`]);
  });

  it('says, as information, what the change brings that the analysis cannot see', async () => {
    const { findings, at } = await review(ORDER.replace('  tags: string[] = [];', '  tags: string[] = [];\n  meta: any;'));
    expect(brief(findings)).toEqual([`code-type-unknown info ${at('meta: any')}`, `field-added info meta ${at('meta: any')}`]);
  });

  it('judges a contract marking a key on a TypeScript asset as drift: TypeScript declares no keys', async () => {
    const keyed = typescriptContract('orders', { name: 'Order', source: 'src/models/**' }, '  - name: id\n    primaryKey: true\n');
    const files = { ...contracts, ...keyed, [MODEL]: ORDER };
    const { findings } = await reviewTypescript(reader, files, { ...files, [MODEL]: ORDER.replace('  note: string | null = null;\n', '') });
    expect(brief(findings)).toEqual([`primary-key-missing drift id @${MODEL}:6`, `field-removed info note @${MODEL}:9`]);
  });

  it('stops at a head that is no valid TypeScript, at its line, and still judges the other contracts', async () => {
    const other = 'src/other/line.ts';
    const files = {
      ...typescriptContract('orders', { name: 'Order', source: 'src/models/**' }, ORDER_FIELDS),
      ...typescriptContract('lines', { name: 'LineSchema', source: 'src/other/**' }, LINE_FIELDS),
      [MODEL]: ORDER,
      [other]: "import { z } from 'zod';\nexport const LineSchema = z.object({ quantity: z.number().int() });\n",
    };
    const head = { ...files, [MODEL]: ORDER.replace('  total!: number;', '  total!: number = ;'), [other]: files[other]!.replace('.int()', '') };
    const { findings, conclusion } = await reviewTypescript(reader, files, head);
    expect(brief(findings)).toEqual([`migration-failed error @${MODEL}:7`, `field-type-changed blocking quantity @${other}:2`]);
    expect(findings[0]!.message).toContain('not valid TypeScript: Expression expected.');
    expect(conclusion).toBe('failure');
  });
});

describe('a pull request renaming a property of an emitted event', () => {
  const checkout = (property: string) =>
    [
      "import { analytics } from './analytics';",
      'export function placeOrder(order: { id: string; total: number }) {',
      "  analytics.track('Order Placed', {",
      '    orderId: order.id,',
      `    ${property}: order.total,`,
      '  });',
      '}',
      '',
    ].join('\n');
  const files = (property: string): FileMap => ({
    ...typescriptContract('order-placed', { name: 'Order Placed', source: 'src/**', emit: { call: 'analytics.track' } }, '  - name: orderId\n    type: string\n    required: true\n  - name: total\n    type: number\n    required: true\n'),
    'src/analytics.ts': 'export const analytics = { track(event: string, properties: object): void {} };\n',
    'src/checkout.ts': checkout(property),
  });

  it('blocks the contracted property removed, at the site, and adds the new one as information', async () => {
    const { findings, conclusion } = await reviewTypescript(reader, files('total'), files('amount'));
    expect(brief(findings)).toEqual(['field-removed blocking total @src/checkout.ts:6', 'field-added info amount @src/checkout.ts:5']);
    expect(conclusion).toBe('failure');
  });

  it('blocks the event no longer emitted, where its call was', async () => {
    const head = files('total');
    head['src/checkout.ts'] = head['src/checkout.ts']!.replace("'Order Placed'", "'Order Submitted'");
    const { findings } = await reviewTypescript(reader, files('total'), head);
    expect(brief(findings)).toEqual(['asset-removed blocking @src/checkout.ts:3']);
  });
});

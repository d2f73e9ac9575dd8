import { afterAll, describe, expect, it } from '@jest/globals';
import { approximationsOf, compareTypescript, errorOf, fieldLines, testTypescriptReader } from './support.js';

const reader = testTypescriptReader();
afterAll(() => reader.close());

const FILE = 'src/models/order.ts';
const read = async (text: string, name = 'Order', extra: Record<string, string> = {}) => {
  const files = { [FILE]: text, ...extra };
  return (await compareTypescript(reader, files, files, { name, source: 'src/models/**' })).head;
};

describe('an exported interface', () => {
  it('gives each property as a field: its type, whether it is required, its literal values, its line', async () => {
    const state = await read(
      [
        "export type Status = 'pending' | 'paid' | 'shipped';",
        'export interface Order {',
        '  id: string;',
        '  total: number;',
        '  quantity: bigint;',
        '  gift: boolean;',
        '  status: Status;',
        "  channel: 'web' | 'app' | undefined;",
        '  note?: string;',
        '  cancelledAt: Date | null;',
        '  placedAt: Date;',
        "  priority: 1 | 2 | 3;",
        '}',
      ].join('\n'),
    );
    expect(fieldLines(state)).toEqual([
      `id string required @${FILE}:3`,
      `total number required @${FILE}:4`,
      `quantity bigint required @${FILE}:5`,
      `gift boolean required @${FILE}:6`,
      `status string required [pending,paid,shipped] @${FILE}:7`,
      `channel string optional [web,app] @${FILE}:8`,
      `note string optional @${FILE}:9`,
      `cancelledAt timestamp optional @${FILE}:10`,
      `placedAt timestamp required @${FILE}:11`,
      `priority number required [1,2,3] @${FILE}:12`,
    ]);
    expect(state).toMatchObject({ status: 'present', schema: { name: 'Order', kind: 'object', origin: { file: FILE, line: 2 } } });
  });

  it('reads nested objects under dotted paths, array items under the array name, and inherited properties where declared', async () => {
    const state = await read(
      [
        'interface Entity {',
        '  id: string;',
        '}',
        'export interface Address { street: string; zip?: string }',
        'export interface Order extends Entity {',
        '  customer: { name: string; address?: Address };',
        '  lines: { sku: string; quantity: number }[];',
        '  tags: readonly string[];',
        '}',
      ].join('\n'),
    );
    expect(fieldLines(state)).toEqual([
      `customer object required @${FILE}:6`,
      `customer.name string required @${FILE}:6`,
      `customer.address object optional @${FILE}:6`,
      `customer.address.street string optional @${FILE}:4`,
      `customer.address.zip string optional @${FILE}:4`,
      `lines array<object> required @${FILE}:7`,
      `lines.sku string required @${FILE}:7`,
      `lines.quantity number required @${FILE}:7`,
      `tags array<string> required @${FILE}:8`,
      `id string required @${FILE}:2`,
    ]);
  });

  it('reads a branded primitive as its primitive and an alias as what it names', async () => {
    const state = await read(
      [
        "type OrderId = string & { readonly __brand: 'OrderId' };",
        'type Cents = number;',
        'export interface Order {',
        '  id: OrderId;',
        '  total: Cents;',
        '}',
      ].join('\n'),
    );
    expect(fieldLines(state)).toEqual([`id string required @${FILE}:4`, `total number required @${FILE}:5`]);
  });

  it('takes a TypeScript enum as the values it lists, pointing at the enum where they change', async () => {
    const base = ['export enum Status {', "  Pending = 'pending',", "  Paid = 'paid',", '}', 'export interface Order { status: Status }'].join('\n');
    const head = base.replace("  Paid = 'paid',", "  Paid = 'paid',\n  Refunded = 'refunded',");
    const comparison = await compareTypescript(reader, { [FILE]: base }, { [FILE]: head }, { name: 'Order', source: FILE });
    expect(fieldLines(comparison.base)).toEqual([`status string required [pending,paid] @${FILE}:5`]);
    expect(fieldLines(comparison.head)).toEqual([`status string required [pending,paid,refunded] @${FILE}:4`]);
  });

  it('points a literal union changed in its alias at the value added there', async () => {
    const base = ["type Status = 'pending' | 'paid';", 'export interface Order {', '  status: Status;', '}'].join('\n');
    const head = ["type Status =", "  | 'pending'", "  | 'paid'", "  | 'refunded';", 'export interface Order {', '  status: Status;', '}'].join('\n');
    const comparison = await compareTypescript(reader, { [FILE]: base }, { [FILE]: head }, { name: 'Order', source: FILE });
    expect(fieldLines(comparison.head)).toEqual([`status string required [pending,paid,refunded] @${FILE}:4`]);
  });
});

describe('an exported type alias', () => {
  it('reads an object type, an intersection, a mapped type and a generic instantiated in the alias', async () => {
    const state = await read(
      [
        'interface Base { id: string; createdAt: Date }',
        'interface Envelope<T> { data: T; sentAt: Date }',
        'type Totals = { net: number; tax: number };',
        'export type Order = Base & {',
        '  totals: Partial<Totals>;',
        '  envelope: Envelope<{ reference: string }>;',
        '};',
      ].join('\n'),
    );
    expect(fieldLines(state)).toEqual([
      `id string required @${FILE}:1`,
      `createdAt timestamp required @${FILE}:1`,
      `totals object required @${FILE}:5`,
      `totals.net number optional @${FILE}:3`,
      `totals.tax number optional @${FILE}:3`,
      `envelope object required @${FILE}:6`,
      `envelope.data object required @${FILE}:2`,
      `envelope.data.reference string required @${FILE}:6`,
      `envelope.sentAt timestamp required @${FILE}:2`,
    ]);
  });

  it('reads a union of objects: a field is required only where every member requires it', async () => {
    const state = await read(
      [
        'export type Payment =',
        "  | { method: 'card'; amount: number; last4: string }",
        "  | { method: 'cash'; amount: number; change: number | null };",
      ].join('\n'),
      'Payment',
    );
    expect(fieldLines(state)).toEqual([
      `method string required [card,cash] @${FILE}:2`,
      `amount number required @${FILE}:2`,
      `last4 string optional @${FILE}:2`,
      `change number optional @${FILE}:3`,
    ]);
  });

  it('refuses an alias that is no object, at its line', async () => {
    expect(errorOf(await read('export type Order = string;'))).toBe(
      `failed ${FILE}:1 Order is no object type (it reads as string): a contract's fields are an object's properties`,
    );
  });
});

describe('an exported class', () => {
  it('reads its public data properties (parameter properties included) with their initializers as defaults', async () => {
    const state = await read(
      [
        'export class Order {',
        "  status: 'pending' | 'paid' = 'pending';",
        '  note?: string;',
        '  private secret = 1;',
        '  static count = 0;',
        '  constructor(public readonly id: string, protected tenant: string) {}',
        '  get label(): string { return this.id; }',
        '  total(): number { return 0; }',
        '}',
      ].join('\n'),
    );
    expect(fieldLines(state)).toEqual([`status string required [pending,paid] ='pending' @${FILE}:2`, `note string optional @${FILE}:3`, `id string required @${FILE}:6`]);
  });
});

describe('finding the declaration', () => {
  it('is absent when no matched file exports the name (a declaration that is not exported is not the asset)', async () => {
    const files = { [FILE]: 'interface Order { id: string }\nexport const version = 1;' };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order', source: FILE });
    expect(comparison.head).toEqual({ status: 'absent' });
  });

  it('follows re-exports and default exports to one declaration', async () => {
    const files = { [FILE]: 'export default interface Order { id: string }', 'src/models/index.ts': "export { default as Order } from './order';" };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order', source: 'src/models/*.ts' });
    expect(fieldLines(comparison.head)).toEqual([`id string required @${FILE}:1`]);
  });

  it('refuses a name two matched files export, naming both', async () => {
    const files = { [FILE]: 'export interface Order { id: string }', 'src/models/legacy.ts': '\nexport interface Order { ref: string }' };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order', source: 'src/models/*.ts' });
    expect(errorOf(comparison.head)).toBe(
      'failed src/models/order.ts:1 Order is exported by more than one of the matched files (src/models/legacy.ts:2 and src/models/order.ts:1): narrow asset.source to the file that declares the one meant',
    );
  });

  it('reads types from the files the matched files import, relative or through tsconfig paths, whatever the extension written', async () => {
    const files = {
      'tsconfig.json': '{\n  // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["shared/*"] } }\n}\n',
      'shared/money.ts': 'export interface Money { amount: number; currency: string }',
      'src/models/customer.ts': 'export interface Customer { email: string }',
      [FILE]: [
        "import type { Money } from '@shared/money';",
        "import type { Customer } from './customer.js';",
        'export interface Order { total: Money; customer: Customer }',
      ].join('\n'),
    };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order', source: FILE });
    expect(fieldLines(comparison.head)).toEqual([
      `total object required @${FILE}:3`,
      'total.amount number required @shared/money.ts:1',
      'total.currency string required @shared/money.ts:1',
      `customer object required @${FILE}:3`,
      'customer.email string required @src/models/customer.ts:1',
    ]);
    expect(approximationsOf(comparison.head)).toEqual([]);
  });
});

describe('what the analysis cannot see', () => {
  it('is an approximation at its line, and the field is read as unknown: packages, any, index signatures, open type parameters', async () => {
    const state = await read(
      [
        "import type { Money } from 'dinero.js';",
        'export interface Order<T> {',
        '  total: Money;',
        '  metadata: any;',
        '  attributes: { [key: string]: string; color: string };',
        '  payload: T;',
        '  extra: unknown;',
        '  raw: Buffer;',
        '  legacy: Legacy;',
        '}',
        "import type { Legacy } from './legacy.js';",
      ].join('\n'),
      'Order',
      { 'src/models/legacy.js': 'export class Legacy {}' },
    );
    expect(fieldLines(state)).toEqual([
      `total unknown required @${FILE}:3`,
      `metadata unknown required @${FILE}:4`,
      `attributes object required @${FILE}:5`,
      `attributes.color string required @${FILE}:5`,
      `payload unknown required @${FILE}:6`,
      `extra unknown required @${FILE}:7`,
      `raw unknown required @${FILE}:8`,
      `legacy unknown required @${FILE}:9`,
    ]);
    expect(approximationsOf(state)).toEqual([
      `${FILE}:3 "total": its type comes from dinero.js, a package the repository does not hold, so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:4 "metadata": it is typed any, so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:5 "attributes" takes any string key (an index signature): only its named properties are read.`,
      `${FILE}:6 "payload" is typed T, which stays open here: it is read as unknown, and what it carries is not compared.`,
      `${FILE}:8 "raw": it names Buffer, which neither the repository nor the standard library declares (Node.js and DOM types are not read), so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:9 "legacy": its type comes from ./legacy.js, which is no TypeScript file of the repository, so it is read as unknown, and what it carries is not compared.`,
    ]);
  });

  it('says what an interface extending a package type may be missing', async () => {
    const state = await read(["import { BaseEntity } from 'typeorm';", 'export class Order extends BaseEntity {', '  id!: string;', '}'].join('\n'));
    expect(fieldLines(state)).toEqual([`id string required @${FILE}:3`]);
    expect(approximationsOf(state)).toEqual([
      `${FILE}:2 Order extends BaseEntity, from typeorm, a package the repository does not hold: the properties it brings are not read.`,
    ]);
  });

  it('refuses a declared type that is wholly unknown, rather than read it as empty', async () => {
    const state = await read(["import type { Entity } from '@acme/models';", 'export type Order = Entity & { id: string };'].join('\n'));
    expect(errorOf(state)).toBe(
      `failed ${FILE}:2 the type of Order is not known (its type comes from @acme/models, a package the repository does not hold), so none of its properties can be read`,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { contractAssetName } from '../../src/init/asset-name.js';
import { contractIdFor, kebabCase } from '../../src/init/contract-id.js';
import { contractPath } from '../../src/init/contract-path.js';
import { schemaReferenceFor, schemaReferenceOf } from '../../src/init/schema-reference.js';

const none = new Set<string>();

describe('a new contract id', () => {
  it('is the asset name\'s last part, as people write ids', () => {
    expect(contractIdFor('postgres', 'public.orders', none)).toBe('orders');
    expect(contractIdFor('postgres', 'public."OrderItems"', none)).toBe('order-items');
    expect(contractIdFor('mysql', 'order_items', none)).toBe('order-items');
    expect(contractIdFor('avro', 'com.acme.orders.OrderPlaced', none)).toBe('order-placed');
    expect(contractIdFor('protobuf', 'acme.orders.v1.Order', none)).toBe('order');
    expect(contractIdFor('jsonschema', 'https://acme.com/schemas/customer.schema.json', none)).toBe('customer');
    expect(contractIdFor('jsonschema', 'schemas/customer.json', none)).toBe('customer');
    expect(contractIdFor('prisma', 'LoyaltyAccount', none)).toBe('loyalty-account');
    expect(contractIdFor('dbt', 'orders.v2', none)).toBe('orders-v2');
    expect(contractIdFor('typescript', 'Order Placed', none)).toBe('order-placed');
  });

  it('is qualified when the short one is taken, and numbered when every qualified one is', () => {
    expect(contractIdFor('postgres', 'sales.orders', new Set(['orders']))).toBe('sales-orders');
    expect(contractIdFor('avro', 'com.acme.Order', new Set(['order']))).toBe('acme-order');
    expect(contractIdFor('prisma', 'Order', new Set(['order']))).toBe('order-2');
    expect(contractIdFor('prisma', 'Order', new Set(['order', 'order-2']))).toBe('order-3');
  });

  it('keeps to the letters, digits and dashes ids allow', () => {
    expect(kebabCase('Élève  HTTPRequest_v2')).toBe('eleve-http-request-v2');
    expect(contractIdFor('postgres', 'public."注文"', none)).toBe('public');
    expect(contractIdFor('typescript', '注文', none)).toBe('contract');
  });
});

describe('the asset name a contract writes', () => {
  it('quotes a Postgres table Postgres would otherwise fold, and keeps what the user wrote for other types', () => {
    expect(contractAssetName('postgres', 'orders', 'public.orders')).toBe('public.orders');
    expect(contractAssetName('postgres', 'public.TaskRun', 'public.TaskRun')).toBe('public."TaskRun"');
    expect(contractAssetName('jsonschema', 'schemas/customer.json', 'https://acme.com/customer.json')).toBe('schemas/customer.json');
  });
});

describe('where a contract is written', () => {
  it('is the folder of the settings\' contract globs, as <id>.yaml', () => {
    expect(contractPath('orders', ['contracts/**/*.{yml,yaml}'])).toBe('contracts/orders.yaml');
    expect(contractPath('orders', ['data/contracts/*.yml'])).toBe('data/contracts/orders.yml');
    expect(contractPath('orders', ['**/*.contract.yaml'])).toBe('orders.contract.yaml');
    expect(contractPath('orders', ['contracts/*.contract.yaml'])).toBe('contracts/orders.contract.yaml');
  });

  it('is none when the globs name files of their own only', () => {
    expect(contractPath('orders', ['contracts/customers.yaml'])).toBeUndefined();
  });
});

describe('the $schema reference', () => {
  it('follows the repository\'s own habit in the same folder, or its URL', () => {
    const habit = schemaReferenceOf('contracts/a.yaml', '# yaml-language-server: $schema=../tools/contract.json\nid: a\n')!;
    expect(schemaReferenceFor('contracts/b.yaml', 'node_modules/x/schema.json', [habit])).toBe('../tools/contract.json');
    expect(schemaReferenceFor('other/b.yaml', 'node_modules/x/schema.json', [habit])).toBe('../node_modules/x/schema.json');
    const url = schemaReferenceOf('contracts/a.yaml', '# yaml-language-server: $schema=https://example.com/c.json\n')!;
    expect(schemaReferenceFor('other/deep/b.yaml', 'schemas/c.json', [url])).toBe('https://example.com/c.json');
  });

  it('is otherwise the given path, relative to the contract', () => {
    expect(schemaReferenceOf('contracts/a.yaml', 'id: a\n')).toBeUndefined();
    expect(schemaReferenceFor('contracts/orders.yaml', 'schemas/contract.schema.json', [])).toBe('../schemas/contract.schema.json');
    expect(schemaReferenceFor('orders.contract.yaml', 'schemas/contract.schema.json', [])).toBe('schemas/contract.schema.json');
  });
});

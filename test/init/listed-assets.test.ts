import { afterAll, describe, expect, it } from '@jest/globals';
import type { AssetType } from '../../src/contracts/schema.js';
import type { FileMap } from '../../src/core/memory-snapshot.js';
import { testReplayer } from '../support/replayer.js';
import { initReaders, plan, withProposals } from './support.js';

const replayer = testReplayer();
const { readers, survey, close } = initReaders(replayer);
afterAll(() => Promise.all([replayer.close(), close()]));

/** The asset types whose readers list what their files define, each with files defining two assets. */
const LISTABLE: [AssetType, FileMap, string[]][] = [
  [
    'postgres',
    { 'db/migrations/V1.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, note text);\nCREATE TABLE "TaskRun" (id int NOT NULL);\n' },
    ['public."TaskRun"', 'public.orders'],
  ],
  ['mysql', { 'db/migrations/V1.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE invoices (id bigint, total decimal(12,2) NOT NULL);\n' }, ['invoices', 'orders']],
  ['sqlite', { 'migrations/0001.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\nCREATE TABLE "order items" (sku TEXT NOT NULL);\n' }, ['"order items"', 'orders']],
  [
    'prisma',
    { 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n}\n\nmodel Post {\n  id    Int    @id\n  title String?\n}\n' },
    ['Post', 'User'],
  ],
  [
    'dbt',
    {
      'models/orders.sql': 'select 1',
      'models/customers.sql': 'select 1',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_type: bigint\n  - name: customers\n    columns:\n      - name: id\n        data_type: bigint\n        data_tests: [unique]\n',
    },
    ['customers', 'orders'],
  ],
  [
    'avro',
    {
      'schemas/order.avsc': '{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [{"name": "id", "type": "long"}, {"name": "note", "type": ["null", "string"], "default": null}]}',
      'schemas/refund.avsc': '{"type": "record", "name": "Refund", "namespace": "com.acme", "fields": [{"name": "status", "type": {"type": "enum", "name": "RefundStatus", "symbols": ["OPEN", "DONE"]}}]}',
    },
    ['com.acme.Order', 'com.acme.Refund'],
  ],
  [
    'protobuf',
    {
      'proto/shop.proto':
        'syntax = "proto3";\npackage acme.shop;\nmessage Order {\n  int64 id = 1;\n  optional string note = 2;\n  Line line = 3;\n  message Line { string sku = 1; }\n}\nmessage Refund {\n  string order_id = 1;\n}\n',
    },
    ['acme.shop.Order', 'acme.shop.Refund'],
  ],
  [
    'jsonschema',
    {
      'schemas/order.schema.json': '{"$id": "https://acme.example/order.json", "type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "note": {"type": "string"}}}',
      'schemas/refund.schema.json': '{"type": "object", "properties": {"status": {"enum": ["open", "done"]}}}',
    },
    ['https://acme.example/order.json', 'schemas/refund.schema.json'],
  ],
];

describe('dcr init --all with every reader that lists', () => {
  it.each(LISTABLE)('%s: one contract per asset, each named so the survey finds it with no finding', async (type, files, names) => {
    const result = await plan(readers, files, { all: { types: [type] } });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.proposals.map((proposal) => proposal.asset.name).sort()).toEqual(names);
    const surveyed = await survey(withProposals(files, result));
    expect(surveyed.errors).toEqual([]);
    expect(surveyed.contracts.map((contract) => [contract.loaded.contract.asset.name, contract.asset.status, contract.findings]).sort()).toEqual(
      names.map((name) => [name, 'present', []]),
    );
  });
});

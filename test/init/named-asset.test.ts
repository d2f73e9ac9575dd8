import { afterAll, describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../src/core/memory-snapshot.js';
import type { NamedAssetRequest } from '../../src/init/named-asset.js';
import { testReplayer } from '../support/replayer.js';
import { initReaders, plan, withProposals } from './support.js';

const replayer = testReplayer();
const { readers, survey, close } = initReaders(replayer);
afterAll(() => Promise.all([replayer.close(), close()]));

const ORDERS_SQL = `CREATE TYPE order_status AS ENUM ('pending', 'paid');
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  status order_status NOT NULL,
  currency char(3) NOT NULL CHECK (currency IN ('EUR', 'USD')),
  note text
);
`;

describe('the contract proposed for a Postgres table', () => {
  const files: FileMap = {
    '.github/CODEOWNERS': '*     @acme/platform\n/db/  @acme/checkout\n',
    'db/migrations/V1__orders.sql': ORDERS_SQL,
  };

  it('has every column with its type, required, keys and values, the owner from CODEOWNERS and one consumer to name', async () => {
    const result = await plan(readers, files, { asset: { type: 'postgres', name: 'orders', source: ['db/migrations/*.sql'] } });
    expect(result.problems).toEqual([]);
    expect(result.proposals.map((proposal) => proposal.path)).toEqual(['contracts/orders.yaml']);
    expect(result.proposals[0]?.text).toBe(`# yaml-language-server: $schema=../node_modules/data-contract-review/schemas/contract.schema.json
# Proposed by dcr init from public.orders at 0123456789ab: every field as the asset has it.
# Keep the fields consumers rely on, name the consumers, and open a pull request.

id: orders
status: active
owner: "@acme/checkout" # from .github/CODEOWNERS line 2 (/db/)
asset:
  type: postgres
  name: public.orders
  source: db/migrations/*.sql

fields:
  - name: id
    type: int8
    required: true
    primaryKey: true
    unique: true
  - name: status
    type: order_status
    required: true
    enum: [pending, paid]
  - name: currency
    type: bpchar(3)
    required: true
    enum: [EUR, USD]
  - name: note
    type: text
    required: false

consumers:
  # Each team or system that reads the asset: name it, mention its GitHub user or team, and say how a break is treated.
  - name: Consumer to name
    contact: "@acme/checkout" # the consumer's GitHub user or team (until then, the owner is told)
    enforcement: advisory # advisory: a break is flagged; blocking: it fails the pull request
    # uses: [field, ...]   optional: the fields it relies on (default: all of them)
`);
  });

  it('says where to write the owner when CODEOWNERS names none, and names a team no one is told about', async () => {
    const result = await plan(readers, { 'db/migrations/V1__orders.sql': ORDERS_SQL }, { asset: { type: 'postgres', name: 'public.orders' } });
    const text = result.proposals[0]!.text;
    expect(text).toContain('\n# owner: "@your-org/producing-team"   no CODEOWNERS rule names the sources\' owner: write the producing team\nasset:\n');
    expect(text).not.toContain('\nowner:');
    expect(text).toContain('    contact: "@your-org/consuming-team" # the consumer\'s GitHub user or team\n');
    expect(result.proposals[0]?.asset.source).toBe('db/migrations/**/*.sql');
  });

  it('writes a mixed-case table quoted, as Postgres reads it exactly', async () => {
    const result = await plan(readers, { 'db/migrations/V1.sql': 'CREATE TABLE "TaskRun" (id int);\n' }, { asset: { type: 'postgres', name: 'public.TaskRun' } });
    expect(result.proposals[0]?.asset.name).toBe('public."TaskRun"');
    expect(result.proposals[0]?.id).toBe('task-run');
    const surveyed = await survey(withProposals({ 'db/migrations/V1.sql': 'CREATE TABLE "TaskRun" (id int);\n' }, result));
    expect(surveyed.contracts[0]?.findings).toEqual([]);
  });
});

interface Case {
  request: NamedAssetRequest;
  files: FileMap;
  /** The proposed contract's `fields` section. */
  fields: string;
}

const CASES: Record<string, Case> = {
  mysql: {
    request: { type: 'mysql', name: 'orders', source: ['db/*.sql'] },
    files: { 'db/V1.sql': "CREATE TABLE orders (id bigint PRIMARY KEY, status enum('a','b') NOT NULL, code char(3) UNIQUE);\n" },
    fields: `  - name: id\n    type: bigint\n    required: true\n    primaryKey: true\n    unique: true\n  - name: status\n    type: enum\n    required: true\n    enum: [a, b]\n  - name: code\n    type: char(3)\n    required: false\n    unique: true\n`,
  },
  sqlite: {
    request: { type: 'sqlite', name: 'orders', source: ['migrations/*.sql'] },
    files: { 'migrations/0001.sql': "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('a', 'b')), n INT CHECK (n IN (1, 2)));\n" },
    fields: `  - name: id\n    type: INTEGER\n    required: true\n    primaryKey: true\n    unique: true\n  - name: status\n    type: TEXT\n    required: true\n    enum: [a, b]\n  - name: n\n    type: INT\n    required: false\n    enum: ["1", "2"]\n`,
  },
  avro: {
    request: { type: 'avro', name: 'com.acme.OrderPlaced', source: ['schemas/*.avsc'] },
    files: {
      'schemas/order-placed.avsc': JSON.stringify({
        type: 'record',
        name: 'OrderPlaced',
        namespace: 'com.acme',
        fields: [
          { name: 'id', type: 'long' },
          { name: 'customer', type: { type: 'record', name: 'Customer', fields: [{ name: 'email', type: ['null', 'string'], default: null }] } },
          { name: 'channel', type: { type: 'enum', name: 'Channel', symbols: ['WEB', 'APP'] } },
        ],
      }),
    },
    fields: `  - name: id\n    type: long\n    required: true\n  - name: customer\n    type: record com.acme.Customer\n    required: true\n  - name: customer.email\n    type: string\n    required: false\n  - name: channel\n    type: enum com.acme.Channel\n    required: true\n    enum: [WEB, APP]\n`,
  },
  protobuf: {
    request: { type: 'protobuf', name: 'acme.v1.Order', source: ['proto/*.proto'] },
    files: {
      'proto/order.proto': 'syntax = "proto3";\npackage acme.v1;\nenum Status { STATUS_UNSPECIFIED = 0; PAID = 1; }\nmessage Order {\n  int64 id = 1;\n  optional string note = 2;\n  Status status = 3;\n  oneof payment { string card = 4; string iban = 5; }\n}\n',
    },
    fields: `  - name: id\n    type: int64\n    required: true\n  - name: note\n    type: string\n    required: false\n  - name: status\n    type: enum acme.v1.Status\n    required: true\n    enum: [STATUS_UNSPECIFIED, PAID]\n  - name: payment\n    type: oneof\n    required: false\n  - name: card\n    type: string\n    required: false\n  - name: iban\n    type: string\n    required: false\n`,
  },
  jsonschema: {
    request: { type: 'jsonschema', name: 'https://acme.com/customer.json', source: ['schemas/*.json'] },
    files: {
      'schemas/customer.schema.json': JSON.stringify({
        $id: 'https://acme.com/customer.json',
        type: 'object',
        required: ['id', 'address'],
        properties: { id: { type: 'integer' }, tier: { enum: ['gold', 'silver'] }, address: { type: 'object', required: ['zip'], properties: { zip: { type: 'string' } } } },
      }),
    },
    fields: `  - name: id\n    type: integer\n    required: true\n  - name: tier\n    type: string\n    required: false\n    enum: [gold, silver]\n  - name: address\n    type: object\n    required: true\n  - name: address.zip\n    type: string\n    required: true\n`,
  },
  prisma: {
    request: { type: 'prisma', name: 'Account', source: ['prisma/schema.prisma'] },
    files: {
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\nenum Tier {\n  BRONZE\n  GOLD\n}\n\nmodel Account {\n  id         Int     @id\n  customerId Int     @unique @map("customer_id")\n  tier       Tier\n  nickname   String?\n}\n',
    },
    fields: `  - name: id\n    type: Int\n    required: true\n    primaryKey: true\n  - name: customer_id\n    type: Int\n    required: true\n    unique: true\n  - name: tier\n    type: Tier\n    required: true\n    enum: [BRONZE, GOLD]\n  - name: nickname\n    type: String\n    required: false\n`,
  },
  dbt: {
    request: { type: 'dbt', name: 'orders', source: ['models/**'] },
    files: {
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: orders\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: id\n        data_type: bigint\n        constraints: [{type: not_null}, {type: primary_key}]\n      - name: status\n        data_type: text\n        data_tests:\n          - accepted_values:\n              values: [placed, shipped]\n',
    },
    fields: `  - name: id\n    type: bigint\n    required: true\n    primaryKey: true\n  - name: status\n    type: text\n    required: false\n    enum: [placed, shipped]\n`,
  },
  'typescript (a declared type)': {
    request: { type: 'typescript', name: 'Order', source: ['src/*.ts'] },
    files: { 'src/order.ts': 'export interface Order {\n  id: string;\n  total?: number;\n  status: "open" | "paid";\n  lines: { sku: string }[];\n}\n' },
    fields: `  - name: id\n    type: string\n    required: true\n  - name: total\n    type: number\n    required: false\n  - name: status\n    type: string\n    required: true\n    enum: [open, paid]\n  - name: lines\n    type: array<object>\n    required: true\n  - name: lines.sku\n    type: string\n    required: true\n`,
  },
  'typescript (an emitted event)': {
    request: { type: 'typescript', name: 'Order Placed', source: ['src/*.ts'], emit: { call: 'analytics.track' } },
    files: {
      'src/track.ts': 'declare const analytics: { track(event: string, payload: object): void };\nexport function placed(id: string) {\n  analytics.track("Order Placed", { orderId: id, total: 3 });\n}\n',
    },
    fields: `  - name: orderId\n    type: string\n    required: true\n  - name: total\n    type: number\n    required: true\n`,
  },
};

describe('the contract proposed for each asset type', () => {
  it.each(Object.entries(CASES))('%s: every field as the asset has it, and no finding when surveyed', async (_, { request, files, fields }) => {
    const result = await plan(readers, files, { asset: request });
    expect(result.problems).toEqual([]);
    const [proposal] = result.proposals;
    const text = proposal!.text;
    expect(text.slice(text.indexOf('\nfields:\n') + '\nfields:\n'.length, text.indexOf('\nconsumers:'))).toBe(fields);
    expect(proposal?.asset).toEqual({ type: request.type, name: request.name, source: request.source![0], ...(request.emit ? { emit: request.emit } : {}) });
    const surveyed = await survey(withProposals(files, result));
    expect(surveyed.errors).toEqual([]);
    expect(surveyed.contracts.map((contract) => [contract.loaded.file, contract.asset.status, contract.findings])).toEqual([[proposal?.path, 'present', []]]);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openRepo } from '../../src/git/repo.js';
import { surveyCommit } from '../../src/review/survey.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { dcr } from '../support/dcr.js';

interface Review {
  conclusion: string;
  findings: { contract: string; rule: string; severity: string; field: string | null; consumers: { name: string; enforcement: string }[] }[];
  errors: unknown[];
}

async function check(repo: TempRepo, base: string, head: string): Promise<Review> {
  const result = await dcr('check', '--repo', repo.dir, '--base', base, '--head', head, '--format', 'json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Review;
}

const SHOP = {
  '.github/CODEOWNERS': '*              @acme/platform\n/db/           @acme/checkout\n/schemas/      @acme/events\n',
  'db/migrations/V1__orders.sql': "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  status text NOT NULL CHECK (status IN ('open', 'paid')),\n  amount numeric(12,2) NOT NULL\n);\n",
  'shop-mysql/V1__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, amount decimal(12,2) NOT NULL);\n',
  'edge/0001_orders.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, amount REAL NOT NULL);\n',
  'schemas/order-placed.avsc': JSON.stringify({ type: 'record', name: 'OrderPlaced', namespace: 'com.acme', fields: [{ name: 'id', type: 'long' }, { name: 'amount', type: 'double' }] }, null, 2),
  'schemas/order.proto': 'syntax = "proto3";\npackage acme.v1;\nmessage Order {\n  int64 id = 1;\n  double amount = 2;\n}\n',
  'schemas/customer.schema.json': JSON.stringify({ $id: 'https://acme.com/customer.json', type: 'object', required: ['id'], properties: { id: { type: 'integer' }, email: { type: 'string' } } }, null, 2),
  'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Account {\n  id    Int    @id\n  email String @unique\n}\n',
  'analytics/models/revenue.sql': 'select 1 as day',
  'analytics/models/schema.yml': 'version: 2\nmodels:\n  - name: revenue\n    columns:\n      - name: day\n        data_type: date\n        data_tests: [not_null]\n      - name: total\n        data_type: numeric\n',
  'services/checkout/order.ts': 'export interface Order {\n  id: string;\n  amount: number;\n}\n',
};

/** One `dcr init` per asset type, with the contract file each one writes. */
const INITS: [string, string[], string][] = [
  ['postgres', ['--asset', 'postgres:public.orders', '--source', 'db/migrations/**/*.sql'], 'contracts/orders.yaml'],
  ['mysql', ['--asset', 'mysql:orders', '--source', 'shop-mysql/*.sql', '--id', 'mysql-orders'], 'contracts/mysql-orders.yaml'],
  ['sqlite', ['--asset', 'sqlite:orders', '--source', 'edge/*.sql', '--id', 'edge-orders'], 'contracts/edge-orders.yaml'],
  ['avro', ['--asset', 'avro:com.acme.OrderPlaced', '--source', 'schemas/*.avsc'], 'contracts/order-placed.yaml'],
  ['protobuf', ['--asset', 'protobuf:acme.v1.Order', '--source', 'schemas/*.proto', '--id', 'order-messages'], 'contracts/order-messages.yaml'],
  ['jsonschema', ['--asset', 'jsonschema:https://acme.com/customer.json', '--source', 'schemas/*.json'], 'contracts/customer.yaml'],
  ['prisma', ['--asset', 'prisma:Account'], 'contracts/account.yaml'],
  ['dbt', ['--asset', 'dbt:revenue'], 'contracts/revenue.yaml'],
  ['typescript', ['--asset', 'typescript:Order', '--source', 'services/checkout/*.ts', '--id', 'checkout-order'], 'contracts/checkout-order.yaml'],
];

let repo: TempRepo;
let before: string;
let withContracts: string;
const replayer = testReplayer();

beforeAll(async () => {
  repo = await createTempRepo();
  before = await repo.commit(SHOP, 'The shop, before any contract');
});
afterAll(async () => {
  await replayer.close();
  await repo.remove();
});

describe('dcr init --asset', () => {
  it.each(INITS)('writes the contract of a %s asset and says what it wrote', async (_, args, path) => {
    const result = await dcr('init', '--repo', repo.dir, ...args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^wrote ${path}: `));
    expect(result.stdout).toContain('dcr check --base main');
    const text = await readFile(join(repo.dir, path), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/node_modules\/data-contract-review\/schemas\/contract\.schema\.json\n/);
  });

  it('takes the owner from CODEOWNERS and proposes every field', async () => {
    const text = await readFile(join(repo.dir, 'contracts/orders.yaml'), 'utf8');
    expect(text).toContain('owner: "@acme/checkout" # from .github/CODEOWNERS line 2 (/db/)\n');
    expect(text).toContain('  - name: status\n    type: text\n    required: true\n    enum: [open, paid]\n');
  });

  it('refuses to overwrite a contract file, and leaves it as it was', async () => {
    const path = join(repo.dir, 'contracts/orders.yaml');
    const written = await readFile(path, 'utf8');
    const result = await dcr('init', '--repo', repo.dir, '--asset', 'postgres:public.orders', '--source', 'db/migrations/**/*.sql');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'dcr init: contracts/orders.yaml exists: not overwritten, no contract for postgres public.orders was written; choose another name with --id\n',
    );
    expect(result.stdout).toBe('');
    expect(await readFile(path, 'utf8')).toBe(written);
  });

  it('keeps every proposed contract free of findings on the commit that adds them', async () => {
    withContracts = await repo.commit({}, 'Contracts proposed by dcr init');
    const review = await check(repo, before, withContracts);
    expect(review.errors).toEqual([]);
    expect(review.findings.map((finding) => finding.rule)).toEqual(INITS.map(() => 'contract-added'));

    const git = await openRepo(repo.dir);
    const extractors = testExtractors(replayer);
    try {
      const survey = await surveyCommit(git.snapshot(withContracts), extractors);
      expect(survey.errors).toEqual([]);
      expect(survey.contracts.map((contract) => [contract.loaded.file, contract.asset.status, contract.findings])).toEqual(
        INITS.map(([, , path]) => [path, 'present', []]).sort(),
      );
    } finally {
      await git.close();
      await Promise.all(extractors.map((reader) => reader.close?.()));
    }
  });

  it('lets a change that breaks no field through, and flags one that drops a field for the consumer to name', async () => {
    await repo.git('checkout', '-q', '-b', 'add-note', withContracts);
    const adding = await repo.commit({
      'db/migrations/V2__note.sql': 'ALTER TABLE orders ADD COLUMN note text;\n',
      'schemas/order-placed.avsc': SHOP['schemas/order-placed.avsc'].replace('"type": "double"\n    }', '"type": "double"\n    },\n    {\n      "name": "note",\n      "type": ["null", "string"],\n      "default": null\n    }'),
    });
    const added = await check(repo, withContracts, adding);
    expect(added.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(added.findings.map((finding) => `${finding.contract} ${finding.rule} ${finding.field}`)).toEqual([
      'order-placed field-added note',
      'orders field-added note',
    ]);

    await repo.git('checkout', '-q', '-b', 'drop-amount', withContracts);
    const dropping = await repo.commit({
      'db/migrations/V2__drop_amount.sql': 'ALTER TABLE orders DROP COLUMN amount;\n',
      'schemas/order.proto': SHOP['schemas/order.proto'].replace('  double amount = 2;\n', '  reserved 2;\n'),
    });
    const dropped = await check(repo, withContracts, dropping);
    expect(dropped.conclusion).toBe('neutral');
    expect(dropped.findings.filter((finding) => finding.rule === 'field-removed')).toEqual([
      expect.objectContaining({ contract: 'order-messages', field: 'amount', severity: 'advisory', consumers: [expect.objectContaining({ name: 'Consumer to name' })] }),
      expect.objectContaining({ contract: 'orders', field: 'amount', severity: 'advisory', consumers: [expect.objectContaining({ name: 'Consumer to name' })] }),
    ]);
  });
});

describe('dcr init --all', () => {
  let tables: TempRepo;
  beforeAll(async () => {
    tables = await createTempRepo();
    await tables.commit({
      'db/migrations/V1__shop.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE customers (id bigint PRIMARY KEY, email text);\n',
      'contracts/customers.yaml':
        'id: customers\nasset:\n  type: postgres\n  name: customers\n  source: db/migrations/*.sql\nconsumers:\n  - name: CRM\n    contact: "@acme/crm"\n    enforcement: advisory\n',
    });
  });
  afterAll(() => tables.remove());

  it('prints the contracts it would write with --dry-run, and writes nothing', async () => {
    const result = await dcr('init', '--repo', tables.dir, '--all', '--type', 'postgres', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('dcr init: note: postgres public.customers already has a contract: contracts/customers.yaml\n');
    expect(result.stdout).toMatch(/^--- # contracts\/orders\.yaml: postgres public\.orders, 1 field, no owner in CODEOWNERS: write one\n# yaml-language-server: /);
    await expect(readFile(join(tables.dir, 'contracts/orders.yaml'), 'utf8')).rejects.toThrow('ENOENT');
  });

  it('writes one contract per table no contract names yet', async () => {
    const result = await dcr('init', '--repo', tables.dir, '--all', '--type', 'postgres');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('wrote contracts/orders.yaml: postgres public.orders, 1 field, no owner in CODEOWNERS: write one');
    expect(await readFile(join(tables.dir, 'contracts/orders.yaml'), 'utf8')).toContain('  name: public.orders\n  source: db/migrations/**/*.sql\n');
  });
});

describe('dcr init with bad arguments', () => {
  it('exits 2 with a clear message and the usage', async () => {
    const unknown = await dcr('init', '--asset', 'oracle:orders');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown asset type "oracle": one of postgres, mysql, sqlite, avro, protobuf, jsonschema, prisma, dbt, typescript');
    expect(unknown.stderr).toContain('Usage: dcr init');
    const neither = await dcr('init');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give either --asset TYPE:NAME or --all');
  });

  it('exits 2 when the asset is not there, saying where it looked', async () => {
    const result = await dcr('init', '--repo', repo.dir, '--rev', before, '--asset', 'postgres:public.invoices', '--source', 'db/migrations/**/*.sql');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`dcr init: no postgres asset named public.invoices in the files matching db/migrations/**/*.sql at ${before.slice(0, 7)}\n`);
  });
});

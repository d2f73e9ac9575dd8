import { afterAll, describe, expect, it } from '@jest/globals';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/** A contract file for `table`, its `asset.source` on line 5 and its fields (YAML lines) after. */
function contractFile(id: string, table: string, fields: string, source = 'db/migrations/*.sql'): string {
  return `id: ${id}\nasset:\n  type: postgres\n  name: ${table}\n  source: ${source}\nfields:\n${fields}${FINANCE}`;
}

function migrations(...sql: string[]): FileMap {
  return Object.fromEntries(sql.map((text, index) => [`db/migrations/V${index + 1}__step.sql`, text]));
}

async function review(base: FileMap, head: FileMap) {
  return reviewChange(memoryChange(base, head), extractors);
}

describe('pure widenings, replayed', () => {
  it.each([
    ['numeric(10,2)', 'numeric(10,2)', 'numeric(12,2)'],
    ['varchar(64)', 'varchar(64)', 'text'],
    ['int', 'int', 'bigint'],
    ['integer', 'integer', 'bigint'],
  ])('lists a contracted %s widened from %s to %s as information', async (contractType, before, after) => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'public.orders', `  - name: amount\n    type: ${contractType}\n`) };
    const create = `CREATE TABLE public.orders (amount ${before});`;
    const result = await review(
      { ...contract, ...migrations(create) },
      { ...contract, ...migrations(create, `ALTER TABLE public.orders ALTER COLUMN amount TYPE ${after};`) },
    );
    expect(result.findings.map(({ rule, severity }) => `${rule} ${severity}`)).toEqual(['field-type-widened info']);
    expect(result.conclusion).toBe('success');
  });
});

describe('an asset.source that matches nothing', () => {
  const create = migrations('CREATE TABLE public.orders (id bigint);');

  it('is an error at the contract\'s asset.source line, and the contract is not checked', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: id\n', 'db/migration/*.sql') };
    const result = await review({ ...contract, ...create }, { ...contract, ...create, 'db/migrations/V2__x.sql': 'DROP TABLE public.orders;' });
    expect(result.errors).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 5,
        message: 'asset.source matches no file at the base commit nor at the head commit: db/migration/*.sql; contract "orders" was not checked',
      },
    ]);
    expect(result.contracts.map((contract) => contract.evaluated)).toEqual([false]);
    expect(result.conclusion).toBe('neutral');
  });

  it('is told from a source only the head has when the list of changed files is incomplete', async () => {
    const typo = { 'contracts/typo.yaml': contractFile('typo', 'public.orders', '  - name: id\n', 'db/migration/*.sql') };
    const fresh = { 'contracts/fresh.yaml': contractFile('fresh', 'public.orders', '  - name: id\n') };
    const change = { ...memoryChange({ ...typo, ...fresh }, { ...typo, ...fresh, ...create }), changedFiles: [], changedFilesTruncated: true };
    const result = await reviewChange(change, extractors);
    expect(result.errors.map((error) => error.file)).toEqual(['contracts/typo.yaml']);
    expect(result.contracts.map(({ id, evaluated }) => [id, evaluated])).toEqual([
      ['fresh', true],
      ['typo', false],
    ]);
  });

  it('is no error when the change adds the first file it matches', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: id\n') };
    const result = await review(contract, { ...contract, ...create });
    expect(result.errors).toEqual([]);
    expect(result.contracts.map((contract) => contract.evaluated)).toEqual([true]);
  });
});

describe('a table the change creates', () => {
  it('is judged at the head, as the change introducing every guarantee', async () => {
    const contract = {
      'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: id\n    type: bigint\n    required: true\n  - name: status\n'),
    };
    const result = await review(contract, { ...contract, ...migrations('CREATE TABLE public.orders (id text);') });
    expect(result.findings.map(({ rule, severity, field }) => [rule, severity, field].filter(Boolean).join(' '))).toEqual([
      'asset-missing drift',
      'field-type-changed blocking id',
      'field-made-nullable blocking id',
      'field-removed blocking status',
    ]);
    expect(result.conclusion).toBe('failure');
  });
});

describe('a table neither commit defines', () => {
  it('fails the review, even as the change drops a contracted column', async () => {
    const contract = { 'contracts/runs.yaml': contractFile('runs', 'public.TaskRuns', '  - name: id\n  - name: status\n') };
    const create = migrations('CREATE TABLE "TaskRun" (id text PRIMARY KEY, status text);');
    const result = await review(
      { ...contract, ...create },
      { ...contract, ...create, 'db/migrations/V2__drop.sql': 'ALTER TABLE "TaskRun" DROP COLUMN status;' },
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'asset-not-found',
        severity: 'error',
        contract: 'runs',
        file: 'contracts/runs.yaml',
        line: 4,
        message: expect.stringMatching(/^Contract "runs" \(no owner named\) describes table public\.TaskRuns, .* write public\."TaskRuns"\.$/),
      }),
    ]);
    expect(result.conclusion).toBe('failure');
  });
});

describe('a migration that fails at head', () => {
  it('is reported once for every contract it stops, mentioning no consumer', async () => {
    const contracts = {
      'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: id\n'),
      'contracts/customers.yaml': contractFile('customers', 'public.customers', '  - name: id\n'),
    };
    const create = 'CREATE TABLE public.orders (id bigint);\nCREATE TABLE public.customers (id bigint);';
    const result = await review(
      { ...contracts, ...migrations(create) },
      { ...contracts, ...migrations(create, 'ALTER TABLE public.orders DROP COLUMN nope;') },
    );
    expect(result.findings).toEqual([
      {
        contract: 'customers',
        rule: 'migration-failed',
        severity: 'error',
        file: 'db/migrations/V2__step.sql',
        line: 1,
        consumers: [],
        message:
          'The definitions of table public.customers, table public.orders (contracts customers, orders) could not be built at the head commit (failed: column "nope" of relation "orders" does not exist); the change cannot be judged.',
      },
    ]);
    expect(result.conclusion).toBe('failure');
  });
});

describe('CHECK constraints that also allow NULL', () => {
  it('read as the values they list, so removing one is judged', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: status\n') };
    const create = "CREATE TABLE public.orders (status text CONSTRAINT status_values CHECK (status IN ('pending', 'paid') OR status IS NULL));";
    const narrow =
      "ALTER TABLE public.orders DROP CONSTRAINT status_values;\nALTER TABLE public.orders ADD CONSTRAINT status_values CHECK (status = 'paid' OR status IS NULL);";
    const result = await review({ ...contract, ...migrations(create) }, { ...contract, ...migrations(create, narrow) });
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'enum-value-removed', severity: 'blocking', before: 'pending, paid', after: 'paid' }),
    ]);
  });
});

describe('a change that deletes a migration', () => {
  it('points findings no statement explains at the contract', async () => {
    const contract = { 'contracts/orders.yaml': contractFile('orders', 'public.orders', '  - name: id\n') };
    const create = 'CREATE TABLE public.orders (id bigint);';
    const result = await review(
      { ...contract, ...migrations(create, 'ALTER TABLE public.orders ADD COLUMN note text;') },
      { ...contract, ...migrations(create) },
    );
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'field-removed', field: 'note', severity: 'info', file: 'contracts/orders.yaml', line: 4 }),
    ]);
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { PostgresExtractor } from '../../../src/assets/postgres/extractor.js';
import type { AssetComparison } from '../../../src/assets/model.js';
import { type FileMap, memoryChange } from '../../../src/review/memory-snapshot.js';
import { testReplayer } from '../../support/replayer.js';

const replayer = testReplayer();
const extractor = new PostgresExtractor(replayer);
afterAll(() => replayer.close());

const LIMITS = { timeoutSeconds: 30, maxBytes: 1024 * 1024 };
const V1 = 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  email varchar(64) NOT NULL,\n  amount numeric(12,2)\n);';

async function compare(base: FileMap, head: FileMap, limits = LIMITS, name = 'orders'): Promise<AssetComparison> {
  const results = await extractor.compare([{ key: 'c', name, source: 'db/**/*.sql' }], memoryChange(base, head), limits);
  return results.get('c')!;
}

function fieldsOf(state: AssetComparison['head']): string[] {
  return state.status === 'present' ? state.schema.fields.map((field) => `${field.name}:${field.type}`) : [];
}

describe('PostgresExtractor', () => {
  it('points each changed field at the statement that changed it', async () => {
    const base = { 'db/V1__init.sql': V1 };
    const head = {
      ...base,
      'db/V2__rename.sql': '-- checkout v2\nALTER TABLE orders RENAME COLUMN email TO email_address;\n\nALTER TABLE orders DROP COLUMN amount;',
    };
    const comparison = await compare(base, head);
    expect(fieldsOf(comparison.base)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)']);
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email_address:varchar(64)']);
    expect(comparison.fieldRenames).toEqual([
      { from: 'email', to: 'email_address', origin: { file: 'db/V2__rename.sql', line: 2 } },
    ]);
    expect(comparison.fieldRemovedAt).toEqual({ amount: { file: 'db/V2__rename.sql', line: 4 } });
  });

  it('follows a table renamed by the change', async () => {
    const base = { 'db/V1__init.sql': V1 };
    const comparison = await compare(base, { ...base, 'db/V2__rename.sql': 'ALTER TABLE orders RENAME TO purchases;' });
    expect(comparison.assetRename).toEqual({
      from: 'public.orders',
      to: 'public.purchases',
      origin: { file: 'db/V2__rename.sql', line: 1 },
    });
    expect(comparison.head.status === 'present' && comparison.head.schema.name).toBe('public.purchases');
  });

  it('replays the base on its own when the change edits an existing migration', async () => {
    const comparison = await compare(
      { 'db/V1__init.sql': V1, 'db/V2__more.sql': 'ALTER TABLE orders ADD COLUMN note text;' },
      { 'db/V1__init.sql': V1.replace('varchar(64)', 'varchar(32)'), 'db/V2__more.sql': 'ALTER TABLE orders ADD COLUMN note text;' },
    );
    expect(fieldsOf(comparison.base)).toContain('email:varchar(64)');
    expect(fieldsOf(comparison.head)).toContain('email:varchar(32)');
  });

  it('replays files in version order and skips down migrations', async () => {
    const head = {
      'db/V1__init.sql': 'CREATE TABLE orders (id int);',
      'db/V10__third.sql': 'ALTER TABLE orders RENAME COLUMN second TO third;',
      'db/V2__second.sql': 'ALTER TABLE orders ADD COLUMN second int;',
      'db/V2__second.down.sql': 'ALTER TABLE orders DROP COLUMN second;',
    };
    const comparison = await compare({}, head);
    expect(comparison.base).toEqual({ status: 'absent' });
    expect(fieldsOf(comparison.head)).toEqual(['id:int4', 'third:int4']);
  });

  it('reads enum values and CHECK lists, primary keys and unique columns', async () => {
    const head = {
      'db/V1.sql': [
        "CREATE TYPE status AS ENUM ('new', 'done');",
        "CREATE TABLE orders (id int PRIMARY KEY, code text UNIQUE, state status NOT NULL, kind text CHECK (kind IN ('a', 'b')));",
      ].join('\n'),
    };
    const comparison = await compare({}, head);
    const fields = comparison.head.status === 'present' ? comparison.head.schema.fields : [];
    expect(fields.map(({ name, primaryKey, unique, allowedValues, allowedValuesFrom }) => ({ name, primaryKey, unique, allowedValues, allowedValuesFrom }))).toEqual([
      { name: 'id', primaryKey: true, unique: true, allowedValues: undefined, allowedValuesFrom: undefined },
      { name: 'code', primaryKey: false, unique: true, allowedValues: undefined, allowedValuesFrom: undefined },
      { name: 'state', primaryKey: false, unique: false, allowedValues: ['new', 'done'], allowedValuesFrom: 'enum' },
      { name: 'kind', primaryKey: false, unique: false, allowedValues: ['a', 'b'], allowedValuesFrom: 'check' },
    ]);
  });

  it('reports a migration Postgres refuses at its file, line and column', async () => {
    const base = { 'db/V1__init.sql': V1 };
    const comparison = await compare(base, {
      ...base,
      'db/V2__bad.sql': 'ALTER TABLE orders ADD COLUMN note text;\nSELECT\n  id,\n  missing_column\nFROM orders;',
    });
    expect(comparison.head).toEqual({
      status: 'error',
      error: {
        kind: 'failed',
        file: 'db/V2__bad.sql',
        line: 4,
        column: 3,
        message: 'column "missing_column" does not exist',
      },
    });
    expect(fieldsOf(comparison.base)).toContain('email:varchar(64)');
  });

  it('reports a syntax error without replaying anything', async () => {
    const replays = replayer.replays;
    const comparison = await compare({}, { 'db/V1.sql': 'CREATE TABLE orders (id int);\nALTER TABEL orders ADD x int;' });
    expect(comparison.head).toEqual({
      status: 'error',
      error: { kind: 'failed', file: 'db/V1.sql', line: 2, column: 7, message: 'syntax error at or near "TABEL"' },
    });
    expect(replayer.replays).toBe(replays);
  });

  it('refuses migrations over the size limit', async () => {
    const comparison = await compare({}, { 'db/V1.sql': V1, 'db/V2.sql': `-- ${'x'.repeat(200)}\nSELECT 1;` }, { ...LIMITS, maxBytes: 150 });
    expect(comparison.head).toMatchObject({ status: 'error', error: { kind: 'limit', file: 'db/V2.sql' } });
  });

  it('reports a migration that never ends as a timeout at the running statement', async () => {
    const comparison = await compare(
      {},
      { 'db/V1.sql': V1, 'db/V2.sql': 'SELECT 1;\nDO $$ BEGIN LOOP END LOOP; END $$;' },
      { ...LIMITS, timeoutSeconds: 2 },
    );
    expect(comparison.head).toMatchObject({ status: 'error', error: { kind: 'timeout', file: 'db/V2.sql', line: 2 } });
  });

  it('judges the table a name resolves to when the change swaps a new table in under it', async () => {
    const base = { 'db/V1__init.sql': V1 };
    const swap = [
      'CREATE TABLE orders_new (id bigint PRIMARY KEY, email varchar(64) NOT NULL);',
      'ALTER TABLE orders RENAME TO orders_old;',
      'ALTER TABLE orders_new RENAME TO orders;',
    ].join('\n');
    const comparison = await compare(base, { ...base, 'db/V2__swap.sql': swap });
    expect(comparison.assetRename).toBeUndefined();
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email:varchar(64)']);
  });

  it('reads a domain as its base type, with its NOT NULL and the values its CHECK allows', async () => {
    const head = {
      'db/V1.sql': "CREATE DOMAIN state AS text NOT NULL CHECK (VALUE IN ('new', 'done'));\nCREATE TABLE orders (id int, state state);",
    };
    const comparison = await compare({}, head);
    const state = comparison.head.status === 'present' ? comparison.head.schema.fields[1] : undefined;
    expect(state).toMatchObject({ type: 'text', nullable: false, allowedValues: ['new', 'done'], allowedValuesFrom: 'check' });
  });

  it('makes no claim about the nullability of a view', async () => {
    const comparison = await compare({}, { 'db/V1.sql': 'CREATE TABLE t (id int NOT NULL);\nCREATE VIEW orders AS SELECT id FROM t;' });
    expect(comparison.head).toMatchObject({ status: 'present', schema: { kind: 'view', fields: [{ name: 'id', nullable: false }] } });
  });

  it('attributes a table created and altered in the same change to the statements that shaped it', async () => {
    const head = {
      'db/V1__init.sql': V1,
      'db/V2__refunds.sql': [
        'CREATE TABLE refunds (id int);',
        "INSERT INTO refunds SELECT g FROM generate_series(1, 3) g;",
        'INSERT INTO refunds VALUES (4);',
        'ALTER TABLE refunds ADD COLUMN reason text;',
      ].join('\n'),
    };
    const comparison = await compare({ 'db/V1__init.sql': V1 }, head, LIMITS, 'refunds');
    expect(comparison.base).toEqual({ status: 'absent' });
    const fields = comparison.head.status === 'present' ? comparison.head.schema.fields : [];
    expect(fields.map((field) => [field.name, field.origin?.line])).toEqual([
      ['id', 1],
      ['reason', 4],
    ]);
  });

  it('orders Prisma folders and golang-migrate files as their tools do', async () => {
    const prisma = {
      'prisma/migrations/20210605120000_init/migration.sql': 'CREATE TABLE orders (id int);',
      'prisma/migrations/20210612090000_more/migration.sql': 'ALTER TABLE orders ADD COLUMN second int;',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"',
    };
    const golang = {
      'db/0001_init.up.sql': 'CREATE TABLE orders (id int);',
      'db/0001_init.down.sql': 'DROP TABLE orders;',
      'db/0002_second.up.sql': 'ALTER TABLE orders ADD COLUMN second int;',
      'db/0002_second.down.sql': 'ALTER TABLE orders DROP COLUMN second;',
    };
    const prismaResult = await extractor.compare([{ key: 'p', name: 'orders', source: 'prisma/migrations/**' }], memoryChange({}, prisma), LIMITS);
    expect(fieldsOf(prismaResult.get('p')!.head)).toEqual(['id:int4', 'second:int4']);
    expect(fieldsOf((await compare({}, golang)).head)).toEqual(['id:int4', 'second:int4']);
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { PostgresExtractor } from '../../../src/assets/postgres/extractor.js';
import type { AssetComparison } from '../../../src/assets/model.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import { testReplayer } from '../../support/replayer.js';

const replayer = testReplayer();
const extractor = new PostgresExtractor(replayer);
afterAll(() => replayer.close());

const LIMITS = { statementTimeoutSeconds: 10, timeoutSeconds: 60, maxBytes: 1024 * 1024 };
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
      { ...LIMITS, statementTimeoutSeconds: 1 },
    );
    expect(comparison.head).toMatchObject({ status: 'error', error: { kind: 'timeout', file: 'db/V2.sql', line: 2 } });
    expect(comparison.head.status === 'error' && comparison.head.error.message).toBe(
      'this statement did not finish within 1s (postgres.statementTimeoutSeconds) and was stopped',
    );
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

describe('migration files as tools write them', () => {
  it('replays an empty, blank or comment-only file as nothing', async () => {
    const head = { 'db/V1.sql': V1, 'db/V2.sql': '', 'db/V3.sql': '  \n\t\n', 'db/V4.sql': '-- nothing yet\n/* later */\n', 'db/V5.sql': 'ALTER TABLE orders ADD COLUMN note text;' };
    const comparison = await compare({ 'db/V1.sql': V1 }, head);
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)', 'note:text']);
    expect(comparison.head.status === 'present' && comparison.head.schema.fields[3]?.origin).toEqual({ file: 'db/V5.sql', line: 1 });
  });

  it('replays only the up sections of goose files, with findings at their lines in the file', async () => {
    const goose = [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 1; RETURN NEW; END $$;',
      '-- +goose StatementEnd',
      'ALTER TABLE orders RENAME COLUMN email TO email_address;',
      '',
      '-- +goose Down',
      'ALTER TABLE orders RENAME COLUMN email_address TO email;',
      'DROP FUNCTION touch();',
    ].join('\n');
    const comparison = await compare({ 'db/001_init.sql': `-- +goose Up\n${V1}\n-- +goose Down\nDROP TABLE orders;\n` }, {
      'db/001_init.sql': `-- +goose Up\n${V1}\n-- +goose Down\nDROP TABLE orders;\n`,
      'db/002_rename.sql': goose,
    });
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email_address:varchar(64)', 'amount:numeric(12,2)']);
    expect(comparison.fieldRenames).toEqual([{ from: 'email', to: 'email_address', origin: { file: 'db/002_rename.sql', line: 5 } }]);
  });

  it('replays only the up sections of dbmate files', async () => {
    const dbmate = (up: string, down: string) => `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`;
    const comparison = await compare(
      { 'db/20240101_init.sql': dbmate(V1, 'DROP TABLE orders;') },
      {
        'db/20240101_init.sql': dbmate(V1, 'DROP TABLE orders;'),
        'db/20240202_more.sql': dbmate('ALTER TABLE orders ADD COLUMN note text;', 'ALTER TABLE orders DROP COLUMN note;'),
      },
    );
    expect(fieldsOf(comparison.base)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)']);
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)', 'note:text']);
    expect(comparison.head.status === 'present' && comparison.head.schema.fields[3]?.origin).toEqual({ file: 'db/20240202_more.sql', line: 2 });
  });

  it('refuses a file with a NUL byte at its line, instead of replaying what comes before it', async () => {
    const comparison = await compare({ 'db/V1.sql': V1 }, { 'db/V1.sql': V1, 'db/V2.sql': 'SELECT 1;\nSELECT 2;\u0000\nDROP TABLE orders;' });
    expect(comparison.head).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'failed', file: 'db/V2.sql', line: 2, column: 10, message: expect.stringContaining('NUL byte') }),
    });
  });

  it('refuses a file whose bytes were not UTF-8 at the line where they are', async () => {
    const comparison = await compare({ 'db/V1.sql': V1 }, { 'db/V1.sql': V1, 'db/V2.sql': "SELECT 1;\n\nCOMMENT ON TABLE orders IS 'caf\uFFFD';" });
    expect(comparison.head).toMatchObject({ status: 'error', error: { kind: 'failed', file: 'db/V2.sql', line: 3, message: expect.stringContaining('UTF-8') } });
  });
});

describe('a base that cannot be replayed whole', () => {
  const broken = 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orderz ADD COLUMN typo int;\nALTER TABLE orders ADD COLUMN after_typo int;';

  it('is read as far as it can be, listing what it skipped, and the change that repairs it is judged on its own', async () => {
    const base = { 'db/V1__init.sql': V1, 'db/V2__broken.sql': broken };
    const comparison = await compare(base, { 'db/V1__init.sql': V1, 'db/V2__broken.sql': broken.replace('orderz', 'orders') });
    const skipped = { kind: 'failed', file: 'db/V2__broken.sql', line: 2, message: 'relation "orderz" does not exist' };
    expect(comparison.base).toMatchObject({ status: 'present', skipped: [skipped] });
    expect(fieldsOf(comparison.base)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)', 'note:text', 'after_typo:int4']);
    expect(comparison.head.status === 'present' && comparison.head.skipped).toBeUndefined();
    expect(fieldsOf(comparison.head)).toEqual(['id:int8', 'email:varchar(64)', 'amount:numeric(12,2)', 'note:text', 'typo:int4', 'after_typo:int4']);
  });

  it('gives the head the same skipped statements when the change keeps the broken file', async () => {
    const base = { 'db/V1__init.sql': V1, 'db/V2__broken.sql': broken };
    const comparison = await compare(base, { ...base, 'db/V3__more.sql': 'ALTER TABLE orders DROP COLUMN amount;' });
    const skipped = [{ kind: 'failed', file: 'db/V2__broken.sql', line: 2, message: 'relation "orderz" does not exist' }];
    expect(comparison.base).toMatchObject({ status: 'present', skipped });
    expect(comparison.head).toMatchObject({ status: 'present', skipped });
    expect(comparison.fieldRemovedAt).toEqual({ amount: { file: 'db/V3__more.sql', line: 1 } });
  });

  it('skips a base file that does not even parse, and reads the files after it', async () => {
    const base = { 'db/V1__init.sql': V1, 'db/V2__typo.sql': 'ALTER TABEL orders ADD x int;', 'db/V3__note.sql': 'ALTER TABLE orders ADD COLUMN note text;' };
    const comparison = await compare(base, { ...base, 'db/V4__more.sql': 'SELECT 1;' });
    expect(comparison.base).toMatchObject({ status: 'present', skipped: [{ file: 'db/V2__typo.sql', line: 1, column: 7, message: 'syntax error at or near "TABEL"' }] });
    expect(fieldsOf(comparison.base)).toContain('note:text');
  });
});

describe('hostile migrations', () => {
  const contractOf = (key: string, name: string, dir: string) => ({ key, name, source: `${dir}/*.sql` });

  it('cannot poison the catalog read of another contract in the same review, nor the next review', async () => {
    const hostile = [
      'CREATE TABLE evil (id int);',
      "CREATE OR REPLACE FUNCTION pg_catalog.format_type(oid, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'bigint' $$;",
      'CREATE OR REPLACE FUNCTION pg_catalog.to_regclass(text) RETURNS regclass LANGUAGE sql AS $$ SELECT NULL::regclass $$;',
      'CREATE SCHEMA shadow;',
      "CREATE FUNCTION shadow.format_type(oid, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'bigint' $$;",
      'SET search_path = shadow, pg_catalog, public;',
    ].join('\n');
    const files = { 'evil/V1.sql': hostile, 'good/V1.sql': 'CREATE TABLE accounts (id bigint);' };
    const change = memoryChange(files, { ...files, 'good/V2.sql': 'ALTER TABLE accounts ALTER COLUMN id TYPE text;' });
    const results = await extractor.compare([contractOf('evil', 'evil', 'evil'), contractOf('good', 'accounts', 'good')], change, LIMITS);
    expect(fieldsOf(results.get('good')!.base)).toEqual(['id:int8']);
    expect(fieldsOf(results.get('good')!.head)).toEqual(['id:text']);
    expect(results.get('evil')!.base).toMatchObject({ status: 'present', skipped: [{ line: 2, message: 'permission denied for schema pg_catalog' }, { line: 3 }] });
    const next = await compare({}, { 'db/V1.sql': 'CREATE TABLE orders (id int);' });
    expect(fieldsOf(next.head)).toEqual(['id:int4']);
  });

  it('is an error on its contract alone: UPDATE pg_type, COPY PROGRAM, recursion, a name Postgres refuses', async () => {
    const files = {
      'a/V1.sql': 'CREATE TABLE a (id int);',
      'b/V1.sql': 'CREATE TABLE b (id int);',
      'c/V1.sql': 'CREATE TABLE c (id int);',
      'd/V1.sql': 'CREATE TABLE d (id int);',
    };
    const change = memoryChange(files, {
      ...files,
      'a/V2.sql': "UPDATE pg_type SET typname = 'text' WHERE oid = 'int4'::regtype;",
      'b/V2.sql': "COPY b FROM PROGRAM 'cat /etc/passwd';",
      'c/V2.sql': 'CREATE FUNCTION f(n int) RETURNS int LANGUAGE sql AS $$ SELECT f(n + 1) $$;\nSELECT f(1);',
      'd/V2.sql': 'ALTER TABLE d ADD COLUMN fine int;',
    });
    const results = await extractor.compare(
      [contractOf('a', 'a', 'a'), contractOf('b', 'b', 'b'), contractOf('c', 'c', 'c'), contractOf('d', 'a.b.c.d', 'd'), contractOf('d2', 'd', 'd')],
      change,
      LIMITS,
    );
    expect(results.get('a')!.head).toMatchObject({ status: 'error', error: { file: 'a/V2.sql', line: 1, message: 'permission denied for table pg_type' } });
    expect(results.get('b')!.head).toMatchObject({ status: 'error', error: { file: 'b/V2.sql', message: 'permission denied to COPY to or from an external program' } });
    expect(results.get('c')!.head).toMatchObject({ status: 'error', error: { file: 'c/V2.sql', line: 2, message: 'stack depth limit exceeded' } });
    expect(results.get('d')!.head).toMatchObject({
      status: 'error',
      error: { kind: 'failed', message: 'asset.name "a.b.c.d" is not a table name Postgres accepts: improper relation name (too many dotted names)' },
    });
    expect(fieldsOf(results.get('d2')!.head)).toEqual(['id:int4', 'fine:int4']);
  });
});

describe('table names', () => {
  it('resolves a name that matches one table only up to case, and says which', async () => {
    const prisma = { 'db/20240101_init/migration.sql': 'CREATE TABLE "TaskRun" ("id" TEXT NOT NULL, "status" TEXT);' };
    const comparison = await compare(prisma, { ...prisma, 'db/20240202_more/migration.sql': 'ALTER TABLE "TaskRun" DROP COLUMN "status";' }, LIMITS, 'public.TaskRun');
    expect(fieldsOf(comparison.base)).toEqual(['id:text', 'status:text']);
    expect(fieldsOf(comparison.head)).toEqual(['id:text']);
    expect(comparison.fieldRemovedAt).toEqual({ status: { file: 'db/20240202_more/migration.sql', line: 1 } });
    expect(comparison.resolvedAs).toMatchObject({ name: 'public.TaskRun', asset: 'public."TaskRun"', commits: ['base', 'head'] });
  });

  it('resolves a name exactly when a table has it, and finds none when two tables differ only in case', async () => {
    const files = { 'db/V1.sql': 'CREATE TABLE orders (id int);\nCREATE TABLE "Orders" (id bigint);\nCREATE TABLE "Twice" (id int);\nCREATE TABLE "TWICE" (id int);' };
    expect(fieldsOf((await compare(files, files, LIMITS, 'Orders')).head)).toEqual(['id:int4']);
    expect(fieldsOf((await compare(files, files, LIMITS, '"Orders"')).head)).toEqual(['id:int8']);
    const ambiguous = await compare(files, files, LIMITS, 'twice');
    expect([ambiguous.head, ambiguous.resolvedAs]).toEqual([{ status: 'absent' }, undefined]);
  });
});

describe('a warm review', () => {
  it('replays only the change\'s own migration when the base was replayed before', async () => {
    const base: FileMap = { 'db/V1__init.sql': V1 };
    for (let index = 2; index <= 20; index += 1) base[`db/V${index}__step.sql`] = `ALTER TABLE orders ADD COLUMN c${index} int;`;
    await compare(base, { ...base, 'db/V21__first.sql': 'ALTER TABLE orders ADD COLUMN first_pr int;' });
    const statements = replayer.statementsExecuted;
    const comparison = await compare(base, { ...base, 'db/V21__second.sql': 'ALTER TABLE orders ADD COLUMN second_pr int;' });
    expect(fieldsOf(comparison.head)).toContain('second_pr:int4');
    expect(replayer.statementsExecuted - statements).toBe(1);
  });
});

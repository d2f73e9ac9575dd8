import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReplayFile, ReplayJob, ReplayOutcome } from '../../../src/assets/postgres/replay-protocol.js';
import { Replayer } from '../../../src/assets/postgres/replayer.js';
import { splitStatements } from '../../../src/assets/postgres/statements.js';
import { COMPILED_WORKER, testReplayer } from '../../support/replayer.js';

const replayer = testReplayer();
afterAll(() => replayer.close());
beforeAll(() => replayer.warmUp());

const LIMITS = { statementTimeoutMs: 10_000, commitTimeoutMs: 60_000 };

async function filesOf(files: Record<string, string>): Promise<ReplayFile[]> {
  return Promise.all(
    Object.entries(files).map(async ([path, text]) => {
      const split = await splitStatements(text);
      if (!split.ok) throw new Error(split.message);
      return { path, digest: createHash('sha256').update(path).update(text).digest('hex'), statements: split.statements };
    }),
  );
}

/** A job whose head is the base plus `added` files. */
async function jobOf(base: Record<string, string>, added: Record<string, string> = {}, watch = ['orders']): Promise<ReplayJob> {
  const baseFiles = await filesOf(base);
  return {
    base: baseFiles,
    head: [...baseFiles, ...(await filesOf(added))],
    trackFrom: baseFiles.length,
    watch: watch.map((name) => ({ name, schema: 'public', relation: name })),
  };
}

function columnsOf(outcome: ReplayOutcome, commit: 'base' | 'head', table = 0): string[] {
  const snapshot = commit === 'base' ? (outcome.base.ok ? outcome.base.final : undefined) : outcome.head.ok ? outcome.head.final : undefined;
  return snapshot?.tables[table]?.columns.map((column) => `${column.name} ${column.type}`) ?? [];
}

function headFailure(outcome: ReplayOutcome): unknown {
  return outcome.head.ok ? undefined : outcome.head.failure;
}

describe('Replayer', () => {
  it('reads the watched table back from the catalog and records what each statement of the change did', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        { 'V1.sql': "CREATE TABLE orders (id bigint PRIMARY KEY, email varchar(64) NOT NULL, status text CHECK (status IN ('a', 'b')));" },
        { 'V2.sql': 'ALTER TABLE orders RENAME COLUMN email TO email_address;\nALTER TABLE orders ADD COLUMN note text;' },
      ),
      LIMITS,
    );
    if (!outcome.head.ok) throw new Error(outcome.head.failure.message);
    expect(outcome.head.final.tables[0]!.columns.map((column) => [column.num, column.name, column.type, column.notNull])).toEqual([
      [1, 'id', 'bigint', true],
      [2, 'email_address', 'character varying(64)', true],
      [3, 'status', 'text', false],
      [4, 'note', 'text', false],
    ]);
    expect(outcome.head.fork.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'email', 'status']);
    expect(outcome.head.final.tables[0]!.checks[0]!.definition).toContain("ARRAY['a'::text, 'b'::text]");
    expect(outcome.head.changes.map((change) => [change.fileIndex, change.statementIndex])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(columnsOf(outcome, 'base')).toEqual(['id bigint', 'email character varying(64)', 'status text']);
  });

  it('starts every review from the clean image, whatever the previous one created', async () => {
    const polluting = await jobOf(
      {
        'V1.sql': [
          'CREATE SCHEMA billing;',
          'CREATE TABLE billing.invoices (id int);',
          'CREATE ROLE reporting;',
          'CREATE EXTENSION citext;',
          "SET search_path = billing, public;",
          'CREATE TABLE orders (id int);',
        ].join('\n'),
      },
      { 'V2.sql': 'CREATE TABLE public.orders (id int, polluted int);' },
    );
    const first = await replayer.replay(polluting, LIMITS);
    expect([first.base.ok && first.base.failures, first.head.ok]).toEqual([[], true]);
    const again = await jobOf({
      'V1.sql': 'CREATE SCHEMA billing; CREATE ROLE reporting; CREATE EXTENSION citext; CREATE TABLE orders (id int, other int);',
    });
    const outcome = await replayer.replay(again, LIMITS);
    expect(outcome.base.ok && outcome.base.failures).toEqual([]);
    expect(columnsOf(outcome, 'base')).toEqual(['id integer', 'other integer']);
  });

  it('reports the statement of the change that Postgres refused, with the position inside it', async () => {
    const outcome = await replayer.replay(await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);' }, { 'V2.sql': 'SELECT missing FROM orders;' }), LIMITS);
    expect(headFailure(outcome)).toEqual({
      kind: 'failed',
      fileIndex: 1,
      statementIndex: 0,
      message: 'column "missing" does not exist',
      position: 8,
    });
  });

  it('reads a base as far as it can: a failing statement is skipped and listed, the rest applies', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        { 'V1.sql': 'CREATE TABLE orders (id int);\nALTER TABLE orderz ADD COLUMN typo int;\nALTER TABLE orders ADD COLUMN after_typo int;' },
        { 'V2.sql': 'ALTER TABLE orders ADD COLUMN added int;' },
      ),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures).toEqual([
      { kind: 'failed', fileIndex: 0, statementIndex: 1, message: 'relation "orderz" does not exist' },
    ]);
    expect(columnsOf(outcome, 'base')).toEqual(['id integer', 'after_typo integer']);
    expect(columnsOf(outcome, 'head')).toEqual(['id integer', 'after_typo integer', 'added integer']);
  });

  it('replays a warm head as the base plus the change\'s own statements', async () => {
    const base = {
      'V1.sql': 'CREATE TABLE orders (id int);',
      'V2.sql': 'ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;',
      'V3.sql': 'CREATE INDEX orders_a ON orders (a);',
    };
    await replayer.replay(await jobOf(base, { 'V4.sql': 'ALTER TABLE orders ADD COLUMN first_pr int;' }), LIMITS);
    const [statements, reused] = [replayer.statementsExecuted, replayer.filesReused];
    const second = await replayer.replay(await jobOf(base, { 'V4.sql': 'ALTER TABLE orders ADD COLUMN second_pr int;' }), LIMITS);
    expect(columnsOf(second, 'head')).toEqual(['id integer', 'a integer', 'b integer', 'second_pr integer']);
    expect(columnsOf(second, 'base')).toEqual(['id integer', 'a integer', 'b integer']);
    // Only the new migration ran: the base's four statements were found already applied.
    expect(replayer.statementsExecuted - statements).toBe(1);
    expect(replayer.filesReused - reused).toBe(3);
  });

  it('replays a head that edits a base migration from the files before it', async () => {
    const base = await filesOf({ 'V1.sql': 'CREATE TABLE orders (id int);', 'V2.sql': 'ALTER TABLE orders ADD COLUMN a int;' });
    const edited = await filesOf({ 'V2.sql': 'ALTER TABLE orders ADD COLUMN a bigint;', 'V3.sql': 'ALTER TABLE orders ADD COLUMN c int;' });
    const outcome = await replayer.replay(
      { base, head: [base[0]!, ...edited], trackFrom: 1, watch: [{ name: 'orders', schema: 'public', relation: 'orders' }] },
      LIMITS,
    );
    expect(columnsOf(outcome, 'base')).toEqual(['id integer', 'a integer']);
    expect(columnsOf(outcome, 'head')).toEqual(['id integer', 'a bigint', 'c integer']);
    expect(outcome.head.ok && outcome.head.fork.tables[0]!.columns.map((column) => column.name)).toEqual(['id']);
  });

  it('replays the same job only once', async () => {
    const job = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int, cached int);' });
    const replays = replayer.replays;
    const first = await replayer.replay(job, LIMITS);
    const second = await replayer.replay(structuredClone(job), LIMITS);
    expect(second).toEqual(first);
    expect(replayer.replays).toBe(replays + 1);
  });
});

describe('Replayer sandbox', () => {
  it('gives a migration no access to the host: no file read, no program, no file written', async () => {
    const marker = `/tmp/dcr-sandbox-${process.pid}`;
    const outcome = await replayer.replay(
      await jobOf({
        'V1.sql': [
          'CREATE TABLE orders (id int);',
          "SELECT pg_read_file('/etc/hostname');",
          "COPY orders FROM '/etc/hostname';",
          "COPY orders FROM PROGRAM 'id';",
          `COPY (SELECT 1) TO '${marker}';`,
          "SELECT pg_ls_dir('/');",
        ].join('\n'),
      }),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures.map((failure) => [failure.statementIndex, failure.message])).toEqual([
      [1, 'permission denied for function pg_read_file'],
      [2, expect.stringMatching(/^permission denied to COPY from a file/)],
      [3, 'permission denied to COPY to or from an external program'],
      [4, expect.stringMatching(/^permission denied to COPY to a file/)],
      [5, 'permission denied for function pg_ls_dir'],
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps a migration away from the catalog and from the superuser it runs under', async () => {
    const outcome = await replayer.replay(
      await jobOf({
        'V1.sql': [
          'CREATE TABLE orders (id int);',
          "CREATE OR REPLACE FUNCTION pg_catalog.format_type(oid, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'bigint' $$;",
          "CREATE OR REPLACE FUNCTION pg_catalog.to_regclass(text) RETURNS regclass LANGUAGE sql AS $$ SELECT NULL::regclass $$;",
          "UPDATE pg_type SET typname = 'bigint' WHERE oid = 'int4'::regtype;",
          "DO $$ BEGIN EXECUTE 'RESET ROLE'; END $$;",
          "SELECT set_config('session_authorization', 'postgres', false);",
          'ALTER ROLE dcr_migrator SUPERUSER;',
          'ALTER FUNCTION dcr.run(text) SECURITY INVOKER;',
        ].join('\n'),
      }),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures.map((failure) => failure.message)).toEqual([
      'permission denied for schema pg_catalog',
      'permission denied for schema pg_catalog',
      'permission denied for table pg_type',
      'cannot set parameter "role" within security-definer function',
      'cannot set parameter "session_authorization" within security-definer function',
      'permission denied to alter role',
      'permission denied for schema dcr',
    ]);
    expect(columnsOf(outcome, 'base')).toEqual(['id integer']);
  });

  it('stops a statement that runs past its limit, at its file and statement, and starts one new sandbox', async () => {
    const started = replayer.workersStarted;
    const looping = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);' }, { 'V2.sql': 'SELECT 1;\nDO $$ BEGIN LOOP END LOOP; END $$;' });
    const outcome = await replayer.replay(looping, { statementTimeoutMs: 1_000, commitTimeoutMs: 60_000 });
    expect(headFailure(outcome)).toMatchObject({ kind: 'timeout', fileIndex: 1, statementIndex: 1 });
    expect(columnsOf(outcome, 'base')).toEqual(['id integer']);
    const next = await replayer.replay(await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int, after_timeout int);' }), LIMITS);
    expect(columnsOf(next, 'base')).toEqual(['id integer', 'after_timeout integer']);
    expect(replayer.workersStarted).toBe(started + 1);
  });

  it('skips a base statement that runs past its limit and reads the rest of the base', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        { 'V1.sql': 'CREATE TABLE orders (id int);\nSELECT pg_sleep(30);\nALTER TABLE orders ADD COLUMN after_sleep int;' },
        { 'V2.sql': 'ALTER TABLE orders ADD COLUMN added int;' },
      ),
      { statementTimeoutMs: 1_000, commitTimeoutMs: 60_000 },
    );
    expect(outcome.base.ok && outcome.base.failures.map(({ kind, fileIndex, statementIndex }) => [kind, fileIndex, statementIndex])).toEqual([
      ['timeout', 0, 1],
    ]);
    expect(columnsOf(outcome, 'head')).toEqual(['id integer', 'after_sleep integer', 'added integer']);
  });

  it('turns endless recursion into an error, and the sandbox goes on', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        { 'V1.sql': 'CREATE TABLE orders (id int);' },
        {
          'V2.sql': [
            'CREATE FUNCTION forever(n int) RETURNS int LANGUAGE sql AS $$ SELECT forever(n + 1) $$;',
            'SELECT forever(1);',
          ].join('\n'),
        },
      ),
      LIMITS,
    );
    expect(headFailure(outcome)).toMatchObject({ kind: 'failed', fileIndex: 1, statementIndex: 1, message: 'stack depth limit exceeded' });
    const plpgsql = await replayer.replay(
      await jobOf(
        {
          'V1.sql': [
            'CREATE TABLE orders (id int);',
            'CREATE FUNCTION deeper(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN deeper(n + 1); END $$;',
            'SELECT deeper(1);',
            'ALTER TABLE orders ADD COLUMN still_read int;',
          ].join('\n'),
        },
      ),
      LIMITS,
    );
    expect(plpgsql.base.ok && plpgsql.base.failures.map((failure) => failure.message)).toEqual(['stack depth limit exceeded']);
    expect(columnsOf(plpgsql, 'base')).toEqual(['id integer', 'still_read integer']);
  });

  it('creates the extensions PGlite ships, and pgvector\'s types', async () => {
    const outcome = await replayer.replay(
      await jobOf({
        'V1.sql': [
          'CREATE EXTENSION IF NOT EXISTS vector;',
          'CREATE EXTENSION pg_trgm;',
          'CREATE EXTENSION "uuid-ossp";',
          'CREATE EXTENSION citext;',
          'CREATE EXTENSION moddatetime;',
          'CREATE EXTENSION pg_stat_statements;',
          'CREATE TABLE orders (id uuid DEFAULT uuid_generate_v4(), email citext, embedding vector(1536), half halfvec(3));',
          'CREATE INDEX orders_email_trgm ON orders USING gin ((email::text) gin_trgm_ops);',
          'CREATE INDEX orders_embedding ON orders USING hnsw (embedding vector_cosine_ops);',
          'CREATE FUNCTION nearest(q vector) RETURNS SETOF orders LANGUAGE sql AS $$ SELECT * FROM orders ORDER BY embedding <=> q LIMIT 5 $$;',
        ].join('\n'),
      }),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures).toEqual([]);
    expect(columnsOf(outcome, 'base')).toEqual(['id uuid', 'email citext', 'embedding vector(1536)', 'half halfvec(3)']);
  });

  it('replays what a transaction would refuse: CONCURRENTLY, VACUUM, COMMIT, enum values used after they are added', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        {
          'V1.sql': "BEGIN;\nCREATE TYPE state AS ENUM ('new');\nCREATE TABLE orders (id int, state state);\nCOMMIT;",
          'V2.sql': 'CREATE INDEX CONCURRENTLY orders_id ON orders (id);\nVACUUM orders;',
        },
        { 'V3.sql': "ALTER TYPE state ADD VALUE 'paid';", 'V4.sql': "ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'paid';" },
      ),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures).toEqual([]);
    expect(outcome.head.ok && outcome.head.final.tables[0]!.columns[1]).toMatchObject({ default: "'paid'::state", enumLabels: ['new', 'paid'] });
  });

  it('checks deferred constraints at the end of each file, as a tool committing it would', async () => {
    const outcome = await replayer.replay(
      await jobOf(
        {
          'V1.sql': [
            'CREATE TABLE customers (id int PRIMARY KEY);',
            'CREATE TABLE orders (id int, customer int REFERENCES customers DEFERRABLE INITIALLY DEFERRED);',
            'INSERT INTO orders VALUES (1, 1);',
            'INSERT INTO customers VALUES (1);',
          ].join('\n'),
          'V2.sql': 'ALTER TABLE orders ADD COLUMN after_rows int;\nINSERT INTO orders VALUES (2, 42);',
          'V3.sql': 'ALTER TABLE orders ADD COLUMN read_on int;',
        },
        { 'V4.sql': 'INSERT INTO orders VALUES (3, 43);' },
      ),
      LIMITS,
    );
    expect(outcome.base.ok && outcome.base.failures.map(({ fileIndex, statementIndex, message }) => [fileIndex, statementIndex, message])).toEqual([
      [1, 1, expect.stringMatching(/violates foreign key constraint/)],
    ]);
    expect(columnsOf(outcome, 'base')).toEqual(['id integer', 'customer integer', 'after_rows integer', 'read_on integer']);
    expect(headFailure(outcome)).toMatchObject({ fileIndex: 3, statementIndex: 0, message: expect.stringMatching(/violates foreign key constraint/) });
  });

  it('resolves a name that matches one table only up to case, and says so', async () => {
    const job = await jobOf({ 'V1.sql': 'CREATE TABLE "TaskRun" (id int);\nCREATE TABLE "Twice" (id int);\nCREATE TABLE "TWICE" (id int);' });
    job.watch = [
      { name: 'public.TaskRun', schema: 'public', relation: 'taskrun' },
      { name: 'Twice', schema: 'public', relation: 'twice' },
    ];
    const outcome = await replayer.replay(job, LIMITS);
    const final = outcome.base.ok ? outcome.base.final : undefined;
    expect(final?.loose).toEqual(['public.TaskRun']);
    expect(final?.tables.map((table) => table.name)).toEqual(['TaskRun']);
    expect(final?.resolved['Twice']).toBeNull();
  });
});

describe('Replayer limits', () => {
  it('starts each worker from the pre-initialised image, and replaces it after the configured number of replays', async () => {
    const bounded = new Replayer({ workerUrl: COMPILED_WORKER, maxJobsPerWorker: 1, cacheBytes: 1 });
    try {
      const first = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);' });
      const second = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id bigint);' });
      expect(columnsOf(await bounded.replay(first, LIMITS), 'base')).toEqual(['id integer']);
      expect(columnsOf(await bounded.replay(second, LIMITS), 'base')).toEqual(['id bigint']);
      expect([bounded.workersStarted, bounded.replays, bounded.cacheHits]).toEqual([2, 2, 0]);
      // The image was there (the shared replayer made sure of it): no initdb.
      expect(bounded.lastStart?.imageBuilt).toBe(false);
    } finally {
      await bounded.close();
    }
  });
});

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ReplayJob } from '../../../src/assets/postgres/replay-protocol.js';
import { splitStatements } from '../../../src/assets/postgres/statements.js';
import { Replayer } from '../../../src/assets/postgres/replayer.js';
import { COMPILED_WORKER, testReplayer } from '../../support/replayer.js';

const replayer = testReplayer();
afterAll(() => replayer.close());

async function jobOf(files: Record<string, string>, trackFrom: number, watch = ['orders']): Promise<ReplayJob> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, text]) => {
      const split = await splitStatements(text);
      if (!split.ok) throw new Error(split.message);
      return { path, statements: split.statements };
    }),
  );
  return { files: entries, trackFrom, watch };
}

describe('Replayer', () => {
  it('reads the watched table back from the catalog and records what each tracked statement changed', async () => {
    const job = await jobOf(
      {
        'V1.sql': "CREATE TABLE orders (id bigint PRIMARY KEY, email varchar(64) NOT NULL, status text CHECK (status IN ('a', 'b')));",
        'V2.sql': 'ALTER TABLE orders RENAME COLUMN email TO email_address;\nALTER TABLE orders ADD COLUMN note text;',
      },
      1,
    );
    const outcome = await replayer.run(job, 30_000);
    if (!outcome.ok) throw new Error(outcome.failure.message);
    const columns = outcome.final.tables[0]!.columns.map((column) => [column.num, column.name, column.type, column.notNull]);
    expect(columns).toEqual([
      [1, 'id', 'bigint', true],
      [2, 'email_address', 'character varying(64)', true],
      [3, 'status', 'text', false],
      [4, 'note', 'text', false],
    ]);
    expect(outcome.fork.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'email', 'status']);
    expect(outcome.final.tables[0]!.checks[0]!.definition).toContain("ARRAY['a'::text, 'b'::text]");
    expect(outcome.changes.map((change) => [change.fileIndex, change.statementIndex])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('starts every replay from an empty database, whatever the previous one created', async () => {
    const polluting = await jobOf(
      {
        'V1.sql': [
          'CREATE SCHEMA billing;',
          'CREATE TABLE billing.invoices (id int);',
          'CREATE ROLE reporting;',
          'CREATE EXTENSION citext;',
          "ALTER DATABASE postgres SET search_path = 'billing';",
          'CREATE TABLE orders (id int);',
        ].join('\n'),
      },
      1,
    );
    expect((await replayer.run(polluting, 30_000)).ok).toBe(true);
    const again = await jobOf(
      {
        'V1.sql': 'CREATE SCHEMA billing; CREATE ROLE reporting; CREATE EXTENSION citext; CREATE TABLE orders (id int, other int);',
      },
      1,
    );
    const outcome = await replayer.run(again, 30_000);
    expect(outcome.ok && outcome.final.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'other']);
  });

  it('reports the statement Postgres refused, with the position inside it', async () => {
    const job = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);', 'V2.sql': 'ALTER TABLE orders DROP COLUMN missing;' }, 1);
    const outcome = await replayer.run(job, 30_000);
    expect(outcome).toEqual({
      ok: false,
      failure: {
        kind: 'failed',
        fileIndex: 1,
        statementIndex: 0,
        message: 'column "missing" of relation "orders" does not exist',
      },
    });
  });

  it('stops a migration that never ends, and the next replay still works', async () => {
    const looping = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);\nDO $$ BEGIN LOOP END LOOP; END $$;' }, 1);
    const outcome = await replayer.run(looping, 2_000);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && [outcome.failure.kind, outcome.failure.fileIndex, outcome.failure.statementIndex]).toEqual(['timeout', 0, 1]);
    const next = await replayer.run(await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);' }, 1), 30_000);
    expect(next.ok).toBe(true);
  });

  it('gives a migration no access to the host file system', async () => {
    const marker = `/tmp/dcr-sandbox-${process.pid}`;
    const reading = await replayer.run(await jobOf({ 'V1.sql': "SELECT pg_read_file('/etc/hostname');" }, 1), 30_000);
    expect(!reading.ok && reading.failure.message).toMatch(/could not open file "\/etc\/hostname"/);
    const copying = await replayer.run(
      await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);\nCOPY orders FROM \'/etc/hostname\';' }, 1),
      30_000,
    );
    expect(!copying.ok && copying.failure.message).toMatch(/could not open file/);
    await replayer.run(await jobOf({ 'V1.sql': `COPY (SELECT 1) TO '${marker}';` }, 1), 30_000);
    expect(existsSync(marker)).toBe(false);
  });

  it('replays the same migrations only once', async () => {
    const job = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int, cached int);' }, 1);
    const replays = replayer.replays;
    const first = await replayer.run(job, 30_000);
    const second = await replayer.run(structuredClone(job), 30_000);
    expect(second).toEqual(first);
    expect(replayer.replays).toBe(replays + 1);
  });
});

describe('Replayer limits', () => {
  it('replaces its worker after the configured number of replays, and forgets the oldest outcomes', async () => {
    const bounded = new Replayer({ workerUrl: COMPILED_WORKER, maxJobsPerWorker: 1, cacheEntries: 1 });
    try {
      const first = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id int);' }, 1);
      const second = await jobOf({ 'V1.sql': 'CREATE TABLE orders (id bigint);' }, 1);
      expect((await bounded.run(first, 30_000)).ok).toBe(true);
      expect((await bounded.run(second, 30_000)).ok).toBe(true);
      expect(bounded.workersStarted).toBe(2);
      await bounded.run(first, 30_000);
      expect([bounded.replays, bounded.cacheHits]).toEqual([3, 0]);
    } finally {
      await bounded.close();
    }
  });
});

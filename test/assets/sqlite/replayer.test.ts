import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ReplayFile, ReplayJob, ReplayLimits, ReplayOutcome } from '../../../src/assets/sqlite/replay-protocol.js';
import { splitStatements } from '../../../src/assets/sqlite/statements.js';
import { testSqliteReplayer } from './support.js';

const LIMITS: ReplayLimits = { statementTimeoutMs: 10_000, commitTimeoutMs: 60_000, settingNames: { statement: 'statement', commit: 'commit' } };
const SHORT: ReplayLimits = { ...LIMITS, statementTimeoutMs: 300 };
const ENDLESS = 'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c;';

function filesOf(files: Record<string, string>): ReplayFile[] {
  return Object.entries(files).map(([path, text]) => ({
    path,
    digest: createHash('sha256').update(path).update(text).digest('hex'),
    statements: splitStatements(text),
  }));
}

/** A job whose head is the base plus `added` files. */
function jobOf(base: Record<string, string>, added: Record<string, string> = {}): ReplayJob {
  const baseFiles = filesOf(base);
  return { base: baseFiles, head: [...baseFiles, ...filesOf(added)], trackFrom: baseFiles.length, watch: [{ name: 'orders', table: 'orders' }] };
}

function headColumns(outcome: ReplayOutcome): string[] {
  if (!outcome.head.ok) throw new Error(outcome.head.failure.message);
  return outcome.head.final.tables[0]?.columns.map((column) => column.name) ?? [];
}

/** Twenty migrations: the table, then a column each. */
const HISTORY = Object.fromEntries([
  ['m/000.sql', 'CREATE TABLE orders (id INTEGER PRIMARY KEY);'],
  ...Array.from({ length: 19 }, (_, index) => [`m/${String(index + 1).padStart(3, '0')}.sql`, `ALTER TABLE orders ADD COLUMN c${index + 1} TEXT;\nINSERT INTO orders (c${index + 1}) VALUES ('x');`]),
]);

/** A worker that starts, then dies on its first job, as one that ran out of memory would. */
const DYING_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, workerData } from 'node:worker_threads';
    const progress = new Int32Array(workerData.progress);
    parentPort.postMessage({ id: -1, ready: true });
    parentPort.on('message', () => { progress[1] = 1; Atomics.add(progress, 0, 1); process.exit(3); });
  `)}`,
);

describe('SqliteReplayer', () => {
  const replayer = testSqliteReplayer();
  afterAll(() => replayer.close());

  it('replays only the new migration of a review whose base an earlier review replayed', async () => {
    await replayer.replay(jobOf(HISTORY, { 'm/020.sql': 'ALTER TABLE orders ADD COLUMN a TEXT;' }), LIMITS);
    const [statements, reused] = [replayer.statementsExecuted, replayer.filesReused];
    const outcome = await replayer.replay(jobOf(HISTORY, { 'm/020.sql': 'ALTER TABLE orders ADD COLUMN b TEXT;' }), LIMITS);
    expect(headColumns(outcome).slice(-2)).toEqual(['c19', 'b']);
    expect(replayer.statementsExecuted - statements).toBe(1);
    expect(replayer.filesReused - reused).toBe(20);
  });

  it('continues from the longest base it kept when the base grew by a file', async () => {
    const statements = replayer.statementsExecuted;
    const grown = { ...HISTORY, 'm/020.sql': 'ALTER TABLE orders ADD COLUMN d TEXT;' };
    const outcome = await replayer.replay(jobOf(grown, { 'm/021.sql': 'ALTER TABLE orders ADD COLUMN e TEXT;' }), LIMITS);
    expect(headColumns(outcome).slice(-2)).toEqual(['d', 'e']);
    expect(replayer.statementsExecuted - statements).toBe(2);
  });

  it('answers a job it already replayed from its cache', async () => {
    const job = jobOf(HISTORY, { 'm/020.sql': 'ALTER TABLE orders ADD COLUMN b TEXT;' });
    const [replays, hits] = [replayer.replays, replayer.cacheHits];
    await replayer.replay(job, LIMITS);
    expect([replayer.replays - replays, replayer.cacheHits - hits]).toEqual([0, 1]);
  });

  it('refuses ATTACH at its statement without running it', async () => {
    const outcome = await replayer.replay(jobOf(HISTORY, { 'm/020.sql': "SELECT 1;\nATTACH DATABASE 'other.db' AS other;" }), LIMITS);
    expect(outcome.head).toEqual({
      ok: false,
      failure: { kind: 'failed', fileIndex: 20, statementIndex: 1, message: expect.stringContaining('ATTACH DATABASE opens another database file') },
    });
  });

  it('stops a statement that runs past its limit, replaces the worker, and reads the base without it', async () => {
    const [started, timeouts] = [replayer.workersStarted, replayer.timeouts];
    const base = { 'm/000.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);', 'm/001.sql': `${ENDLESS}\nALTER TABLE orders ADD COLUMN note TEXT;` };
    const outcome = await replayer.replay(jobOf(base, { 'm/002.sql': `ALTER TABLE orders ADD COLUMN late TEXT;\n${ENDLESS}` }), SHORT);
    expect(outcome.base).toEqual({ ok: true, final: expect.anything(), failures: [expect.objectContaining({ kind: 'timeout', fileIndex: 1, statementIndex: 0 })] });
    expect(outcome.base.ok && outcome.base.final.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'note']);
    expect(outcome.head).toEqual({
      ok: false,
      failure: { kind: 'timeout', fileIndex: 2, statementIndex: 1, message: 'this statement did not finish within 0.3s (statement) and was stopped' },
    });
    // Both stopped workers were terminated; the retry of the base ran in the one started after the first.
    expect([replayer.timeouts - timeouts, replayer.workersStarted - started]).toEqual([2, 1]);
  });

  it('stops a statement that needs more memory or disk than the sandbox allows, as a limit', async () => {
    const memory = await replayer.replay(
      jobOf(
        { 'm/000.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, data BLOB);' },
        { 'm/001.sql': "SELECT length(zeroblob(400000000) || 'x');\nINSERT INTO orders (data) WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c LIMIT 300) SELECT zeroblob(1000000) FROM c;" },
      ),
      LIMITS,
    );
    expect(memory.head).toEqual({ ok: false, failure: { kind: 'limit', fileIndex: 1, statementIndex: 0, message: expect.stringContaining('256 MiB of memory') } });
    const disk = await replayer.replay(
      jobOf(
        { 'm/000.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, data BLOB);' },
        { 'm/001.sql': 'INSERT INTO orders (data) WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c LIMIT 300) SELECT zeroblob(1000000) FROM c;' },
      ),
      LIMITS,
    );
    expect(disk.head).toEqual({ ok: false, failure: { kind: 'limit', fileIndex: 1, statementIndex: 0, message: expect.stringContaining('grows the database past the 256 MiB') } });
  });

  it("stops a statement while the process's memory is past its bound, as a limit", async () => {
    const bounded = testSqliteReplayer({ maxResidentBytes: 1 });
    try {
      const outcome = await bounded.replay(jobOf({}, { 'm/001.sql': ENDLESS }), LIMITS);
      expect(outcome.head).toEqual({ ok: false, failure: { kind: 'limit', fileIndex: 0, statementIndex: 0, message: expect.stringContaining("the process's memory passed") } });
    } finally {
      await bounded.close();
    }
  });

  it('bounds a whole commit, whatever each statement takes', async () => {
    const slow = 'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c LIMIT 3000000) SELECT count(*) FROM c;';
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`m/${String(index).padStart(3, '0')}.sql`, slow]));
    const outcome = await replayer.replay(jobOf({ 'm/init.sql': 'CREATE TABLE orders (id INTEGER);' }, files), { ...LIMITS, commitTimeoutMs: 500 });
    expect(outcome.head.ok === false && outcome.head.failure).toEqual(expect.objectContaining({ kind: 'timeout', message: expect.stringContaining("the commit's migrations did not finish within 0.5s (commit)") }));
  });

  it('reports a sandbox that dies as crashed, at both commits, instead of failing the review', async () => {
    const dying = testSqliteReplayer({ workerUrl: DYING_WORKER });
    try {
      const outcome = await dying.replay(jobOf(HISTORY), LIMITS);
      const crashed = expect.objectContaining({ kind: 'crashed', message: expect.stringContaining('exit code 3') });
      expect(outcome).toEqual({ base: { ok: false, failure: crashed }, head: { ok: false, failure: crashed } });
    } finally {
      await dying.close();
    }
  });
});

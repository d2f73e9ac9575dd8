import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { hstore } from '@electric-sql/pglite/contrib/hstore';
import { isn } from '@electric-sql/pglite/contrib/isn';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import {
  CATALOG_QUERY,
  EXTRA_DATABASES_QUERY,
  FINGERPRINT_QUERY,
  RESET_STATEMENTS,
} from './catalog-query.js';
import type {
  CatalogSnapshot,
  ReplayJob,
  ReplayOutcome,
  TrackedChange,
  WorkerReply,
  WorkerRequest,
} from './replay-protocol.js';

/**
 * Runs in a worker thread so a migration that never ends can be stopped by terminating the thread: PGlite runs on
 * the calling thread and ignores statement_timeout. Postgres runs in WebAssembly with an in-memory file system and
 * no network, so a migration can touch neither the host's files nor the network.
 */
const port = parentPort;
if (!port) throw new Error('replay-worker must run as a worker thread');
const progress = new Int32Array(workerData.progress as SharedArrayBuffer);

// Extensions that change what a table can hold (types, operators); none of them reaches outside the sandbox.
const db = await PGlite.create({
  extensions: { btree_gin, btree_gist, citext, cube, fuzzystrmatch, hstore, isn, ltree, pg_trgm, pgcrypto, unaccent, uuid_ossp },
});
const pristine = await fingerprint();
port.postMessage({ id: -1, ready: true } satisfies WorkerReply);

port.on('message', (request: WorkerRequest) => {
  void handle(request);
});

async function handle(request: WorkerRequest): Promise<void> {
  try {
    const outcome = await replay(request.job);
    const clean = await reset();
    port!.postMessage({ id: request.id, outcome, clean } satisfies WorkerReply);
  } catch (error) {
    port!.postMessage({ id: request.id, crashed: String((error as Error)?.stack ?? error) } satisfies WorkerReply);
  }
}

async function replay(job: ReplayJob): Promise<ReplayOutcome> {
  let fork: CatalogSnapshot | undefined;
  let tracked: CatalogSnapshot | undefined;
  const changes: TrackedChange[] = [];
  for (const [fileIndex, file] of job.files.entries()) {
    if (fileIndex === job.trackFrom) {
      fork = await snapshot(job.watch, []);
      tracked = fork;
    }
    for (const [statementIndex, statement] of file.statements.entries()) {
      progress[0] = fileIndex;
      progress[1] = statementIndex;
      try {
        await db.exec(statement.sql);
      } catch (error) {
        const { message, position } = error as { message: string; position?: string };
        const at = Number(position);
        return {
          ok: false,
          failure: { kind: 'failed', fileIndex, statementIndex, message, ...(Number.isFinite(at) && at > 0 ? { position: at } : {}) },
        };
      }
      if (tracked && statement.changesCatalog) {
        const next = await snapshot(job.watch, tracked.tables.map((table) => table.oid));
        const changed = changedTables(tracked, next);
        if (changed.length > 0) changes.push({ fileIndex, statementIndex, tables: changed });
        tracked = next;
      }
    }
  }
  const final = await snapshot(job.watch, tracked?.tables.map((table) => table.oid) ?? []);
  return { ok: true, fork: fork ?? final, final, changes };
}

function changedTables(before: CatalogSnapshot, after: CatalogSnapshot): TrackedChange['tables'] {
  const previous = new Map(before.tables.map((table) => [table.oid, JSON.stringify(table)]));
  const changed: TrackedChange['tables'] = [];
  for (const table of after.tables) {
    if (previous.get(table.oid) !== JSON.stringify(table)) changed.push({ oid: table.oid, table });
    previous.delete(table.oid);
  }
  for (const oid of previous.keys()) changed.push({ oid, table: null });
  return changed;
}

async function snapshot(watch: string[], oids: number[]): Promise<CatalogSnapshot> {
  const result = await db.query<{ snapshot: CatalogSnapshot }>(CATALOG_QUERY, [oids, watch]);
  return result.rows[0]!.snapshot;
}

async function fingerprint(): Promise<string> {
  const result = await db.query<{ fingerprint: string }>(FINGERPRINT_QUERY);
  return result.rows[0]!.fingerprint;
}

/** Returns whether the database is back to its pristine state; if not, the parent replaces this worker. */
async function reset(): Promise<boolean> {
  try {
    await db.exec('ROLLBACK');
    for (const statement of RESET_STATEMENTS) await db.exec(statement);
    const databases = await db.query<{ datname: string }>(EXTRA_DATABASES_QUERY);
    for (const { datname } of databases.rows) await db.exec(`DROP DATABASE "${datname.replaceAll('"', '""')}"`);
    return (await fingerprint()) === pristine;
  } catch {
    return false;
  }
}

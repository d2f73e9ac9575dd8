import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { CATALOG_QUERY, FINGERPRINT_QUERY, LISTED_RELATIONS_QUERY } from './catalog-query.js';
import { discardImage, imagePath, readImage, writeImage } from './image.js';
import {
  PHASE,
  PROGRESS,
  type BaseOutcome,
  type CatalogSnapshot,
  type HeadOutcome,
  type ReplayFailure,
  type ReplayFile,
  type ReplayJob,
  type ReplayStats,
  type TrackedChange,
  type WatchedName,
  type WorkerReply,
  type WorkerRequest,
} from './replay-protocol.js';
import {
  expectedSeal,
  EXTENSION_BUNDLES,
  extensionFiles,
  IMAGE_SETUP,
  imageSeal,
  INITDB_PARAMS,
  SEAL_QUERY,
  startParams,
} from './sandbox.js';

/**
 * Runs in a worker thread so a statement that never ends can be stopped by terminating the thread: PGlite runs on
 * the calling thread and ignores statement_timeout. Postgres runs in WebAssembly with an in-memory file system and
 * no network, so a migration can touch neither the host's files nor the network; sandbox.ts says what else holds it.
 *
 * The instance starts from the pre-initialised image and never commits: every job replays inside one open
 * transaction, with a savepoint before each base file (`f0`, `f1`, ...). The files applied so far (the lineage) are
 * kept between jobs, so a job whose base starts with them continues from there, and a head that only adds files is
 * the base plus those files (inside savepoint `head`, rolled back afterwards). A job whose base shares nothing with
 * the lineage rolls the whole transaction back: the database is the image again, checked by its fingerprint.
 */
const port = parentPort;
if (!port) throw new Error('replay-worker must run as a worker thread');
const data = workerData as { progress: SharedArrayBuffer; cacheDirectory: string; wasmModule?: object };
// The image is named by this worker's own code (not the parent's), so a worker never builds an image under a name
// that describes another version of the setup.
const image = imagePath(data.cacheDirectory);
const progress = new Int32Array(data.progress);
const startedAt = performance.now();

type Fs = {
  writeFile(path: string, data: string | Uint8Array): void;
  readFile(path: string, options: { encoding: 'utf8' }): string;
  analyzePath(path: string): { exists: boolean };
  mkdirTree(path: string): void;
};
const INSTALL_DIRECTORY = '/pglite';
const EXTENSION_DIRECTORY = `${INSTALL_DIRECTORY}/share/postgresql/extension`;

/** Where a migration statement ran: base or head (PHASE), file and statement. */
type Location = { phase: number; fileIndex: number; statementIndex: number };

/** The instance broke; `at` is the statement held responsible, the last one run when nothing says otherwise. */
class Crash extends Error {
  readonly at: Location | undefined;
  constructor(message: string, at = lastStatement) {
    super(message);
    this.at = at;
  }
}
let lastStatement: Location | undefined;

/**
 * The contrib bundles' files, unpacked once per worker. They are written into each instance's file system rather
 * than passed as PGlite extensions, which would compile every extension's WebAssembly at each start: Postgres loads
 * an extension's library only when a migration creates it.
 */
const bundleFiles = unpackBundles();

let imageBuilt = false;
const db = await start();
const pristine = await fingerprint();

/** What the open transaction holds: the base files applied, in order, and the statements skipped in each. */
const applied: { digest: string; failures: ReplayFailure[] }[] = [];
/** Savepoints `f0` .. `f{savepoints - 1}` exist; `f{i}` was taken before file i was applied. */
let savepoints = 0;
let inTransaction = false;
let clean = true;
let stats: ReplayStats = { statements: 0, files: 0, reused: 0 };

port.postMessage({ id: -1, ready: true, imageBuilt, startMs: performance.now() - startedAt } satisfies WorkerReply);
port.on('message', (request: WorkerRequest) => {
  void handle(request);
});

async function start(): Promise<PGlite> {
  const options = {
    startParams: startParams(PGlite.defaultStartParams),
    ...(data.wasmModule ? { pgliteWasmModule: data.wasmModule as never } : {}),
  };
  const bytes = readImage(image);
  if (bytes) {
    let instance: PGlite | undefined;
    try {
      instance = await PGlite.create({ ...options, loadDataDir: new Blob([bytes]) });
      const { rows } = await instance.query<{ seal: string | null }>(SEAL_QUERY);
      if (rows[0]?.seal !== expectedSeal()) throw new Error('the image was built by another version of the sandbox');
      prepare(instance);
      return instance;
    } catch {
      // A truncated or foreign image: build a new one.
      await instance?.close().catch(() => undefined);
      discardImage(image);
    }
  }
  const instance = await PGlite.create({ ...options, initDbStartParams: INITDB_PARAMS });
  for (const statement of [...IMAGE_SETUP, ...imageSeal()]) await instance.exec(statement);
  const dump = await instance.dumpDataDir('none');
  writeImage(image, new Uint8Array(await dump.arrayBuffer()));
  imageBuilt = true;
  prepare(instance);
  return instance;
}

/** Files each instance needs in its extension directory (the file system is not part of the image). */
function prepare(instance: PGlite): void {
  const fs = (instance.Module as unknown as { FS: Fs }).FS;
  for (const [name, bytes] of bundleFiles) {
    const path = `${INSTALL_DIRECTORY}/${name}`;
    const directory = path.slice(0, path.lastIndexOf('/'));
    if (!fs.analyzePath(directory).exists) fs.mkdirTree(directory);
    fs.writeFile(path, bytes);
  }
  const readControl = (name: string): string | undefined => {
    try {
      return fs.readFile(`${EXTENSION_DIRECTORY}/${name}.control`, { encoding: 'utf8' });
    } catch {
      return undefined;
    }
  };
  for (const [name, text] of Object.entries(extensionFiles(readControl))) fs.writeFile(`${EXTENSION_DIRECTORY}/${name}`, text);
}

function unpackBundles(): [string, Uint8Array][] {
  const require = createRequire(import.meta.url);
  const dist = require.resolve('@electric-sql/pglite').replace(/index\.c?js$/, '');
  return EXTENSION_BUNDLES.flatMap((bundle) => untar(gunzipSync(readFileSync(`${dist}${bundle}.tar.gz`))));
}

/** The regular files of a tar archive (ustar), by path. */
function untar(archive: Buffer): [string, Uint8Array][] {
  const files: [string, Uint8Array][] = [];
  const text = (start: number, length: number): string => archive.toString('utf8', start, start + length).replace(/\0[\s\S]*$/, '');
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const name = text(offset, 100);
    if (name === '') break;
    const prefix = text(offset + 345, 155);
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = archive[offset + 156];
    offset += 512;
    // '0' or NUL: a regular file; directories are made as files need them, other entries are not used.
    if (type === 0x30 || type === 0) files.push([prefix ? `${prefix}/${name}` : name, archive.subarray(offset, offset + size)]);
    offset += Math.ceil(size / 512) * 512;
  }
  return files;
}

async function handle(request: WorkerRequest): Promise<void> {
  stats = { statements: 0, files: 0, reused: 0 };
  lastStatement = undefined;
  try {
    const outcome = await replay(request);
    port!.postMessage({ id: request.id, outcome, stats, clean } satisfies WorkerReply);
  } catch (error) {
    const at = error instanceof Crash ? error.at : lastStatement;
    port!.postMessage({ id: request.id, crashed: String((error as Error)?.message ?? error), ...(at ? { at } : {}) } satisfies WorkerReply);
  }
}

async function replay(request: WorkerRequest): Promise<{ base: BaseOutcome; head: HeadOutcome }> {
  const { job } = request;
  const skip = new Map<string, ReplayFailure>(request.skip.map((entry) => [`${entry.fileIndex}:${entry.statementIndex}`, entry.failure]));

  // The base: continue the lineage where it agrees with this base, then apply the rest, skipping what fails.
  let common = 0;
  while (common < applied.length && common < job.base.length && applied[common]!.digest === job.base[common]!.digest) common += 1;
  await truncate(common);
  stats.reused = common;
  for (let index = common; index < job.base.length; index += 1) {
    await applyBaseFile(job.base[index]!, index, skip);
  }
  const baseFinal = await snapshot(job.watch, job.listAll ? await listedRelations() : []);
  const base: BaseOutcome = {
    ok: true,
    final: baseFinal,
    failures: applied.slice(0, job.base.length).flatMap((file, fileIndex) => file.failures.map((failure) => ({ ...failure, fileIndex }))),
  };
  port!.postMessage({ id: request.id, baseDone: base } satisfies WorkerReply);

  // The head: the shared files (the lineage, cut back if the change edits or inserts before the base's end), then
  // the change's own files, each of which must apply.
  if (job.trackFrom < applied.length) await truncate(job.trackFrom);
  for (let index = applied.length; index < job.trackFrom; index += 1) {
    await applyBaseFile(job.head[index]!, index, new Map());
  }
  const fork = job.trackFrom === job.base.length ? baseFinal : await snapshot(job.watch, []);
  const head = await replayHead(job, fork);
  await cleanUp();
  return { base, head };
}

async function replayHead(job: ReplayJob, fork: CatalogSnapshot): Promise<HeadOutcome> {
  if (job.trackFrom === job.head.length) return { ok: true, fork, final: fork, changes: [] };
  await begin();
  await internal('SAVEPOINT head');
  let tracked = fork;
  const changes: TrackedChange[] = [];
  let outcome: HeadOutcome | undefined;
  for (let fileIndex = job.trackFrom; fileIndex < job.head.length && !outcome; fileIndex += 1) {
    const file = job.head[fileIndex]!;
    if (file.error) {
      outcome = { ok: false, failure: { kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message } };
      break;
    }
    const known = await enumValuesBefore(file);
    for (const [statementIndex, statement] of file.statements.entries()) {
      const failure = await runStatement(statement.sql, PHASE.head, fileIndex, statementIndex);
      if (failure) {
        outcome = { ok: false, failure };
        break;
      }
      if (statement.changesCatalog) {
        const next = await snapshot(job.watch, tracked.tables.map((table) => table.oid));
        const changed = changedTables(tracked, next);
        if (changed.length > 0) changes.push({ fileIndex, statementIndex, tables: changed });
        tracked = next;
      }
    }
    if (!outcome) {
      const failure = await settleConstraints(file, PHASE.head, fileIndex);
      if (failure) outcome = { ok: false, failure };
      else await settleEnumValues(known);
    }
  }
  if (!outcome) outcome = { ok: true, fork, final: await snapshot(job.watch, tracked.tables.map((table) => table.oid)), changes };
  await internal('ROLLBACK TO SAVEPOINT head');
  await internal('RELEASE SAVEPOINT head');
  return outcome;
}

/**
 * Applies one base file inside its savepoint. A statement that fails is recorded and skipped: the file is rolled back
 * to its savepoint and replayed without it (statements that ran before it run again), so the base is read as far as
 * it can be.
 */
async function applyBaseFile(file: ReplayFile, fileIndex: number, skip: Map<string, ReplayFailure>): Promise<void> {
  await begin();
  if (savepoints === fileIndex) {
    await internal(`SAVEPOINT f${fileIndex}`);
    savepoints += 1;
  }
  stats.files += 1;
  const failures = new Map<number, ReplayFailure>();
  if (file.error) {
    failures.set(-1, { kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message });
  } else {
    for (const [statementIndex] of file.statements.entries()) {
      const known = skip.get(`${fileIndex}:${statementIndex}`);
      if (known) failures.set(statementIndex, known);
    }
    const known = await enumValuesBefore(file);
    let withoutRows = false;
    let restart = true;
    while (restart) {
      restart = false;
      for (const [statementIndex, statement] of file.statements.entries()) {
        if (failures.has(statementIndex) || (withoutRows && statement.writesRows)) continue;
        const failure = await runStatement(statement.sql, PHASE.base, fileIndex, statementIndex);
        if (failure) {
          failures.set(statementIndex, failure);
          await internal(`ROLLBACK TO SAVEPOINT f${fileIndex}`);
          restart = true;
          break;
        }
      }
      if (!restart && !withoutRows) {
        const failure = await settleConstraints(file, PHASE.base, fileIndex);
        if (failure) {
          // The file's rows break a deferred constraint: the file is read without the statements that write rows,
          // the failure reported at the last of them.
          const last = file.statements.findLastIndex((statement) => statement.writesRows);
          failures.set(last, { ...failure, statementIndex: last });
          withoutRows = true;
          await internal(`ROLLBACK TO SAVEPOINT f${fileIndex}`);
          restart = true;
        }
      }
    }
    await settleEnumValues(known);
  }
  applied.push({ digest: file.digest, failures: [...failures.values()].sort((a, b) => a.statementIndex - b.statementIndex) });
}

/** Runs one migration statement as the migration role; a refusal is returned, anything else is a crash. */
async function runStatement(sql: string, phase: number, fileIndex: number, statementIndex: number): Promise<ReplayFailure | undefined> {
  mark(phase, fileIndex, statementIndex);
  lastStatement = { phase, fileIndex, statementIndex };
  stats.statements += 1;
  try {
    await db.exec(`SELECT dcr.run(${quoted(sql)})`);
    return undefined;
  } catch (error) {
    const failure = databaseFailure(error, sql);
    if (!failure) throw new Crash(`the statement broke the embedded Postgres: ${(error as Error)?.message ?? String(error)}`);
    failure.fileIndex = fileIndex;
    failure.statementIndex = statementIndex;
    return failure;
  } finally {
    mark(PHASE.internal, fileIndex, statementIndex);
  }
}

/** A dollar-quoted literal of `text`, with a tag that `text` does not contain (cheaper than a bound parameter). */
function quoted(text: string): string {
  let tag = 'dcr';
  while (text.includes(`$${tag}$`)) tag += '_';
  return `$${tag}$${text}$${tag}$`;
}

/**
 * Checks the deferred constraints a file left pending, as the migration role, as a migration tool committing the
 * file would; the next file's ALTER TABLE would otherwise meet "pending trigger events". A failure is the file's.
 */
async function settleConstraints(file: ReplayFile, phase: number, fileIndex: number): Promise<ReplayFailure | undefined> {
  const last = file.statements.findLastIndex((statement) => statement.writesRows);
  if (last < 0) return undefined;
  return runStatement('SET CONSTRAINTS ALL IMMEDIATE', phase, fileIndex, last);
}

function databaseFailure(error: unknown, sql: string): ReplayFailure | undefined {
  const details = error as { code?: unknown; message?: string; position?: string; internalPosition?: string; internalQuery?: string };
  if (typeof details.code !== 'string' || !details.message) return undefined;
  // The error machinery itself overflowing means Postgres is past saving, whatever it answered.
  if (details.message.includes('ERRORDATA_STACK_SIZE')) return undefined;
  if (details.code === '42883' && details.message.includes('dcr.run')) {
    clean = false;
    return { kind: 'failed', fileIndex: 0, statementIndex: 0, message: 'a previous statement removed the sandbox that runs migrations (DROP OWNED BY?)' };
  }
  // Inside dcr.run the statement is the "internal query": its position is the one that points into the file.
  const at = Number(details.internalQuery === sql ? details.internalPosition : undefined);
  return {
    kind: 'failed',
    fileIndex: 0,
    statementIndex: 0,
    message: details.message,
    ...(Number.isFinite(at) && at > 0 ? { position: at } : {}),
  };
}

/** The enum values that exist before a file that adds some (see dcr.settle_enum_values in sandbox.ts). */
async function enumValuesBefore(file: ReplayFile): Promise<string | undefined> {
  if (!file.statements.some((statement) => statement.addsEnumValue)) return undefined;
  mark(PHASE.internal, 0, 0);
  const { rows } = await db.query<{ known: string }>("SELECT coalesce(pg_catalog.array_agg(oid), '{}')::pg_catalog.text AS known FROM pg_catalog.pg_enum");
  return rows[0]!.known;
}

async function settleEnumValues(known: string | undefined): Promise<void> {
  if (known === undefined) return;
  mark(PHASE.internal, 0, 0);
  try {
    await db.query('SELECT dcr.settle_enum_values($1::pg_catalog.text::pg_catalog.oid[])', [known]);
  } catch (error) {
    throw new Crash(`the enum values a migration added could not be settled: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The replay's own commands; their failing means the instance cannot be trusted. */
async function internal(sql: string): Promise<void> {
  try {
    await db.exec(sql);
  } catch (error) {
    throw new Crash(`the embedded Postgres failed the replay's own command (${sql}): ${(error as Error)?.message ?? String(error)}`);
  }
}

async function begin(): Promise<void> {
  if (inTransaction) return;
  await internal('BEGIN');
  inTransaction = true;
}

/** Cuts the lineage back to its first `length` files. */
async function truncate(length: number): Promise<void> {
  if (!inTransaction || length >= applied.length) return;
  if (length === 0) {
    await internal('ROLLBACK');
    inTransaction = false;
    savepoints = 0;
    applied.length = 0;
    if ((await fingerprint()) !== pristine) clean = false;
    return;
  }
  await internal(`ROLLBACK TO SAVEPOINT f${length}`);
  savepoints = length + 1;
  applied.length = length;
}

/** Session state that outlives a rollback: prepared statements, cursors, advisory locks. */
async function cleanUp(): Promise<void> {
  mark(PHASE.internal, 0, 0);
  await internal('DEALLOCATE ALL');
  await internal('CLOSE ALL');
  await internal('SELECT pg_catalog.pg_advisory_unlock_all()');
  mark(PHASE.idle, 0, 0);
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

async function snapshot(watch: WatchedName[], oids: number[]): Promise<CatalogSnapshot> {
  mark(PHASE.internal, 0, 0);
  try {
    const result = await db.query<{ snapshot: string }>(CATALOG_QUERY, [
      oids,
      watch.map((entry) => entry.name),
      watch.map((entry) => entry.schema),
      watch.map((entry) => entry.relation),
    ]);
    return JSON.parse(result.rows[0]!.snapshot) as CatalogSnapshot;
  } catch (error) {
    throw new Crash(`the catalog could not be read back: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The oids of every relation a listing reads back (dcr.listed_relations). */
async function listedRelations(): Promise<number[]> {
  mark(PHASE.internal, 0, 0);
  try {
    const result = await db.query<{ oids: string }>(LISTED_RELATIONS_QUERY);
    return JSON.parse(result.rows[0]!.oids) as number[];
  } catch (error) {
    throw new Crash(`the catalog could not be listed: ${(error as Error)?.message ?? String(error)}`);
  }
}

async function fingerprint(): Promise<string> {
  const result = await db.query<{ fingerprint: string }>(FINGERPRINT_QUERY);
  return result.rows[0]!.fingerprint;
}

function mark(phase: number, fileIndex: number, statementIndex: number): void {
  progress[PROGRESS.phase] = phase;
  progress[PROGRESS.fileIndex] = fileIndex;
  progress[PROGRESS.statementIndex] = statementIndex;
  Atomics.add(progress, PROGRESS.sequence, 1);
}

import { parentPort, workerData } from 'node:worker_threads';
import initSqlJs, { type Database } from 'sql.js';
import { listedTables } from './catalog.js';
import { ImageCache } from './images.js';
import {
  PHASE,
  PROGRESS,
  type HeadOutcome,
  type ReplayFailure,
  type ReplayFile,
  type ReplayJob,
  type ReplayOutcome,
  type ReplayStats,
  type TrackedChange,
  type WorkerReply,
  type WorkerRequest,
} from './replay-protocol.js';
import { connectionReset, HEAP_LIMIT_BYTES, limitProcess, MAX_DATABASE_BYTES, openDatabase } from './sandbox.js';
import { SchemaTracker } from './schema-tracker.js';
import { isOverLimit, isSqliteError, type SqliteError } from './sqlite-errors.js';
import type { Statement } from './statements.js';

/**
 * Runs in a worker thread so that a statement that never ends can be stopped by terminating the thread: sql.js runs
 * SQLite synchronously on the calling thread, and has no way to interrupt it. Every job starts from the image of the
 * longest run of leading base files an earlier job replayed (images.ts), applies the rest, and keeps the image of
 * the base for the next job; the head then continues from the state its shared files left.
 */
const port = parentPort;
if (!port) throw new Error('replay-worker must run as a worker thread');
const data = workerData as { progress: SharedArrayBuffer; imageCacheBytes: number };
const progress = new Int32Array(data.progress);

/** Where a migration statement ran: base or head (PHASE), file and statement. */
type Location = { phase: number; fileIndex: number; statementIndex: number };

/** The sandbox broke; `at` is the statement held responsible. */
class Crash extends Error {
  constructor(
    message: string,
    readonly at: Location | undefined,
  ) {
    super(message);
  }
}

const sql = await initSqlJs();
limitProcess(sql);
const resetConnection = connectionReset(sql);
const images = new ImageCache(data.imageCacheBytes);
let stats: ReplayStats = { statements: 0, files: 0, reused: 0 };
let lastStatement: Location | undefined;

port.postMessage({ id: -1, ready: true } satisfies WorkerReply);
port.on('message', (request: WorkerRequest) => handle(request));

function handle(request: WorkerRequest): void {
  stats = { statements: 0, files: 0, reused: 0 };
  lastStatement = undefined;
  try {
    const outcome = replay(request);
    port!.postMessage({ id: request.id, outcome, stats } satisfies WorkerReply);
  } catch (error) {
    const at = error instanceof Crash ? error.at : lastStatement;
    port!.postMessage({ id: request.id, crashed: String((error as Error)?.message ?? error), ...(at ? { at } : {}) } satisfies WorkerReply);
  } finally {
    mark(PHASE.idle, 0, 0);
  }
}

function replay(request: WorkerRequest): ReplayOutcome {
  const { job } = request;
  const skip = new Map(request.skip.map((entry) => [`${entry.fileIndex}:${entry.statementIndex}`, entry.failure]));
  const base = stateAfter(job.base, job.base.length, skip);
  let db = base.db;
  try {
    mark(PHASE.internal, 0, 0);
    let tracker = new SchemaTracker(db);
    const listed = job.listAll ? tracker.idsOf(listedTables(db)) : [];
    const baseOutcome = { ok: true as const, final: tracker.snapshot(job.watch, listed), failures: base.failures };
    port!.postMessage({ id: request.id, baseDone: baseOutcome } satisfies WorkerReply);
    if (job.trackFrom !== job.base.length) {
      db.close();
      db = stateAfter(job.head, job.trackFrom, skip).db;
      mark(PHASE.internal, 0, 0);
      tracker = new SchemaTracker(db);
    }
    return { base: baseOutcome, head: replayHead(db, tracker, job) };
  } finally {
    db.close();
  }
}

/**
 * The database after the first `count` files, each statement that fails skipped and listed: from the longest
 * image of those files' leading ones, whose image it then keeps.
 */
function stateAfter(files: ReplayFile[], count: number, skip: Map<string, ReplayFailure>): { db: Database; failures: ReplayFailure[] } {
  const names = ImageCache.prefixNames(files, count, (fileIndex) => skippedIn(skip, fileIndex));
  let from = count;
  while (from > 0 && !images.get(names[from])) from -= 1;
  const image = images.get(names[from]);
  const db = openDatabase(sql, image?.bytes);
  const failures = [...(image?.failures ?? [])];
  stats.reused += from;
  try {
    for (let fileIndex = from; fileIndex < count; fileIndex += 1) failures.push(...applyFile(db, files[fileIndex]!, fileIndex, skip));
    if (count > from) {
      mark(PHASE.internal, 0, 0);
      images.set(names[count], { bytes: db.export(), failures });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, failures };
}

function skippedIn(skip: Map<string, ReplayFailure>, fileIndex: number): number[] {
  return [...skip.values()].filter((failure) => failure.fileIndex === fileIndex).map((failure) => failure.statementIndex);
}

/** Applies one file of the base (or one the head shares with it): a statement that fails is skipped and listed. */
function applyFile(db: Database, file: ReplayFile, fileIndex: number, skip: Map<string, ReplayFailure>): ReplayFailure[] {
  stats.files += 1;
  if (file.error) return [{ kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message }];
  startFile(db);
  const failures: ReplayFailure[] = [];
  for (const [statementIndex, statement] of file.statements.entries()) {
    const failure = skip.get(`${fileIndex}:${statementIndex}`) ?? run(db, statement, PHASE.base, fileIndex, statementIndex);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** The change's own files: every statement must apply, and each one's effect on the tables is recorded. */
function replayHead(db: Database, tracker: SchemaTracker, job: ReplayJob): HeadOutcome {
  mark(PHASE.internal, 0, 0);
  const fork = tracker.snapshot(job.watch);
  const changes: TrackedChange[] = [];
  for (let fileIndex = job.trackFrom; fileIndex < job.head.length; fileIndex += 1) {
    const file = job.head[fileIndex]!;
    stats.files += 1;
    if (file.error) return { ok: false, failure: { kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message } };
    startFile(db);
    for (const [statementIndex, statement] of file.statements.entries()) {
      const failure = run(db, statement, PHASE.head, fileIndex, statementIndex);
      if (failure) return { ok: false, failure };
      mark(PHASE.internal, 0, 0);
      const change = tracker.afterStatement(fileIndex, statementIndex);
      if (change) changes.push(change);
    }
  }
  const forkIds = Object.values(fork.resolved).filter((id): id is number => id !== null);
  const final = tracker.snapshot(job.watch, forkIds);
  const watched = new Set([...forkIds, ...Object.values(final.resolved).filter((id): id is number => id !== null)]);
  const relevant = changes
    .map((change) => ({ ...change, tables: change.tables.filter((entry) => watched.has(entry.id)) }))
    .filter((change) => change.tables.length > 0);
  return { ok: true, fork, final, changes: relevant };
}

function startFile(db: Database): void {
  mark(PHASE.internal, 0, 0);
  try {
    db.run(resetConnection);
  } catch (error) {
    throw new Crash(`the replay could not reset its connection before the file: ${(error as Error)?.message ?? String(error)}`, lastStatement);
  }
}

/** Runs one statement as sqlite3_exec() would: each statement SQLite prepares from the text, stepped to its end. */
function run(db: Database, statement: Statement, phase: number, fileIndex: number, statementIndex: number): ReplayFailure | undefined {
  if (statement.refused) return { kind: 'failed', fileIndex, statementIndex, message: statement.refused };
  const at = { phase, fileIndex, statementIndex };
  lastStatement = at;
  mark(phase, fileIndex, statementIndex);
  stats.statements += 1;
  try {
    for (const prepared of db.iterateStatements(statement.sql)) while (prepared.step());
    return undefined;
  } catch (error) {
    if (!isSqliteError(error)) throw new Crash(`the replay's SQLite broke while this statement ran: ${(error as Error)?.message ?? String(error)}`, at);
    return { kind: isOverLimit(error) ? 'limit' : 'failed', fileIndex, statementIndex, message: messageOf(error) };
  }
}

function messageOf(error: SqliteError): string {
  if (error.code === 'SQLITE_NOMEM') return `this statement needs more than the ${HEAP_LIMIT_BYTES / 1024 ** 2} MiB of memory the replay gives SQLite`;
  if (error.code === 'SQLITE_FULL') return `this statement grows the database past the ${MAX_DATABASE_BYTES / 1024 ** 2} MiB the replay allows`;
  return error.message;
}

function mark(phase: number, fileIndex: number, statementIndex: number): void {
  progress[PROGRESS.phase] = phase;
  progress[PROGRESS.fileIndex] = fileIndex;
  progress[PROGRESS.statementIndex] = statementIndex;
  Atomics.add(progress, PROGRESS.sequence, 1);
}

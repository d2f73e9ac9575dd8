import { randomBytes } from 'node:crypto';
import type { ConnectionOptions } from 'mysql2';
import type { ServerFlavor } from './defaults.js';
import { positionIn, type MigrationFile, type Statement } from './migrations.js';
import type { MigrationReplay, ReplayFailure, ReplayJob, ReplayLimits, ReplayOutcome, TablesRead } from './replay.js';
import { readTables } from './server-catalog.js';
import { connectionOptions, Session, type StatementError } from './server-session.js';
import { changesTables, Tracker } from './tracking.js';

/** After KILL QUERY, how long a statement has to stop before its connection is killed. */
const KILL_GRACE_MS = 5000;
const ER_PARSE_ERROR = 1064;

interface Server {
  admin: Session;
  flavor: ServerFlavor;
  version: string;
}

/** Runs one database's statements, one at a time, each with a time limit that a second connection enforces. */
class Replaying {
  private session: Session | undefined;

  constructor(
    private readonly server: Server,
    private readonly options: ConnectionOptions,
    readonly database: string,
    private readonly limits: ReplayLimits,
    private deadline: number,
  ) {}

  /** The commit's own time limit starts again (the head is bounded apart from the base). */
  restartClock(): void {
    this.deadline = Date.now() + this.limits.commitTimeoutMs;
  }

  async statement(statement: Statement, fileIndex: number, statementIndex: number): Promise<ReplayFailure | undefined> {
    if (statement.refusal) {
      const { message, line, column } = statement.refusal;
      return { kind: 'failed', fileIndex, statementIndex, message, line, column };
    }
    const remaining = this.deadline - Date.now();
    const commitBound = remaining < this.limits.statementTimeoutMs;
    const timedOut = (): ReplayFailure => ({
      kind: 'timeout',
      fileIndex,
      statementIndex,
      message: commitBound
        ? `the commit's migrations did not finish within ${this.limits.commitTimeoutMs / 1000}s (mysql.timeoutSeconds); this statement was running and was stopped`
        : `this statement did not finish within ${this.limits.statementTimeoutMs / 1000}s (mysql.statementTimeoutSeconds) and was stopped`,
    });
    if (remaining <= 0) return timedOut();
    const session = (this.session ??= await Session.open(this.options, this.database));
    let stopped = false;
    const kill = (how: string) => (): void => {
      stopped = true;
      this.server.admin.query(`KILL ${how} ${session.threadId}`).catch(() => undefined);
    };
    const limit = Math.min(this.limits.statementTimeoutMs, remaining);
    const killQuery = setTimeout(kill('QUERY'), limit);
    const killConnection = setTimeout(kill('CONNECTION'), limit + KILL_GRACE_MS);
    let error: StatementError | undefined;
    try {
      error = await session.run(statement.sql);
    } finally {
      clearTimeout(killQuery);
      clearTimeout(killConnection);
    }
    if (error?.fatal) this.session = undefined;
    // A statement killed may still end without an error (SLEEP returns 1): it was stopped all the same.
    if (stopped) return timedOut();
    if (!error) return undefined;
    if (error.fatal) return { kind: 'crashed', fileIndex, statementIndex, message: `the server closed the connection while this statement ran: ${error.message}` };
    return { kind: 'failed', fileIndex, statementIndex, message: error.message, ...errorPosition(statement, error) };
  }

  get timedOut(): boolean {
    return Date.now() > this.deadline;
  }

  /** The tables watched and tracked, or every table and view of the database (`all`, for a listing). */
  read(watch: readonly string[], tracked: ReadonlySet<string>, all = false): Promise<TablesRead> {
    return readTables(this.server.admin, this.database, all ? 'all' : { watch, tracked }, this.server.flavor);
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }
}

/** Where in the statement a syntax error is: MySQL says `near '...' at line N` of the statement. */
function errorPosition(statement: Statement, error: StatementError): { line?: number; column?: number } {
  if (error.errno !== ER_PARSE_ERROR) return {};
  const match = /near '([\s\S]*)' at line (\d+)$/.exec(error.message);
  if (!match) return {};
  const lineStart = statement.sql.split('\n').slice(0, Number(match[2]) - 1).reduce((offset, line) => offset + line.length + 1, 0);
  const near = match[1]!.slice(0, 40);
  const found = near === '' ? statement.sql.length : statement.sql.indexOf(near, lineStart);
  return positionIn(statement, found >= 0 ? found : lineStart);
}

/** Applies files as a base is read: a statement that fails is listed and skipped; time running out stops it all. */
async function applyAll(replaying: Replaying, files: MigrationFile[], count: number, failures: ReplayFailure[]): Promise<ReplayFailure | undefined> {
  for (let fileIndex = 0; fileIndex < count; fileIndex += 1) {
    const file = files[fileIndex]!;
    if (file.error) {
      failures.push({ kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message });
      continue;
    }
    for (const [statementIndex, statement] of file.statements.entries()) {
      const failure = await replaying.statement(statement, fileIndex, statementIndex);
      if (failure && replaying.timedOut) return failure;
      if (failure) failures.push(failure);
    }
  }
  return undefined;
}

/**
 * The exact way: each commit's migrations replayed, statement by statement, into a throw-away database of a real
 * MySQL or MariaDB server (created and dropped whatever happens), then the tables read back from information_schema.
 * Statements that reach outside that database are refused before they run (refusals.ts); the account the server URL
 * names should hold privileges on `dcr\_%` databases only, which bounds what a statement the refusals miss can do.
 */
export class ServerReplay implements MigrationReplay {
  readonly method = 'exact';
  private readonly options: ConnectionOptions;
  private version: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(serverUrl: string) {
    this.options = connectionOptions(serverUrl);
  }

  describe(): string {
    return this.version ?? 'a MySQL server';
  }

  /** Jobs run one at a time: a server shared by reviews is not flooded by one review's contracts. */
  replay(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const result = this.queue.then(() => this.replayNow(job, limits));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private async connect(): Promise<Server> {
    const admin = await Session.open(this.options);
    const [row] = await admin.query<{ version: string }>('SELECT VERSION() AS version');
    const raw = row?.version ?? '';
    const flavor: ServerFlavor = /mariadb/i.test(raw) ? 'mariadb' : 'mysql';
    const version = `${flavor === 'mariadb' ? 'MariaDB' : 'MySQL'} ${raw.split('-')[0]}`;
    this.version = version;
    return { admin, flavor, version };
  }

  private async replayNow(job: ReplayJob, limits: ReplayLimits): Promise<ReplayOutcome> {
    const server = await this.connect();
    const databases: Replaying[] = [];
    const database = async (): Promise<Replaying> => {
      const name = `dcr_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
      await server.admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      const replaying = new Replaying(server, this.options, name, limits, Date.now() + limits.commitTimeoutMs);
      databases.push(replaying);
      return replaying;
    };
    try {
      const base = await database();
      const failures: ReplayFailure[] = [];
      const stopped = await applyAll(base, job.base, job.base.length, failures);
      if (stopped) return { base: { ok: false, failure: stopped }, head: { ok: false, failure: stopped } };
      const baseFinal = await base.read(job.watch, new Set(), job.listAll);

      let head = base;
      if (job.trackFrom < job.base.length) {
        head = await database();
        const inherited = await applyAll(head, job.head, job.trackFrom, []);
        if (inherited) return { base: { ok: true, final: baseFinal, failures }, head: { ok: false, failure: inherited } };
      }
      await head.close();
      head.restartClock();
      const fork = job.trackFrom === job.base.length ? baseFinal : await head.read(job.watch, new Set());
      const tracker = new Tracker(job.watch, fork);
      for (let fileIndex = job.trackFrom; fileIndex < job.head.length; fileIndex += 1) {
        const file = job.head[fileIndex]!;
        if (file.error) return { base: { ok: true, final: baseFinal, failures }, head: { ok: false, failure: { kind: 'failed', fileIndex, statementIndex: -1, message: file.error.message } } };
        for (const [statementIndex, statement] of file.statements.entries()) {
          const failure = await head.statement(statement, fileIndex, statementIndex);
          if (failure) return { base: { ok: true, final: baseFinal, failures }, head: { ok: false, failure } };
          if (!changesTables(statement)) continue;
          tracker.follow(statement);
          tracker.record(await head.read(job.watch, tracker.names), fileIndex, statementIndex, statement);
        }
      }
      const final = await head.read(job.watch, tracker.names);
      return { base: { ok: true, final: baseFinal, failures }, head: { ok: true, fork, final, changes: tracker.changes } };
    } finally {
      for (const replaying of databases) {
        await replaying.close();
        await server.admin.query(`DROP DATABASE IF EXISTS \`${replaying.database}\``).catch(() => undefined);
      }
      await server.admin.close();
    }
  }
}

import mysql from 'mysql2';
import type { Connection, ConnectionOptions, QueryError } from 'mysql2';

/**
 * The connection options a server URL gives (`mysql://user:password@host:port/`), and nothing else: the URL's
 * database is not used (every replay has its own), and its query parameters cannot turn on what the sandbox turns off
 * (mysql2 reads `?multipleStatements=true` from a URL).
 */
export function connectionOptions(serverUrl: string): ConnectionOptions {
  const url = new URL(serverUrl);
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') throw new Error(`the MySQL server URL must start with mysql:// (got ${url.protocol}//)`);
  const ssl = url.searchParams.get('ssl');
  return {
    host: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...(ssl ? { ssl: JSON.parse(ssl) as ConnectionOptions['ssl'] } : {}),
    // One statement per query, and no file of this machine sent to the server (LOAD DATA LOCAL).
    multipleStatements: false,
    flags: ['-MULTI_STATEMENTS', '-LOCAL_FILES'],
    connectTimeout: 10_000,
  };
}

export type StatementError = { fatal: boolean; code?: string; errno?: number; message: string };

/** One connection to the server. */
export class Session {
  private constructor(private readonly connection: Connection) {}

  static open(options: ConnectionOptions, database?: string): Promise<Session> {
    return new Promise((resolve, reject) => {
      const connection = mysql.createConnection({ ...options, ...(database ? { database } : {}) });
      connection.connect((error) => {
        if (error) {
          connection.destroy();
          reject(error);
        } else {
          // A connection the server closes (KILL, a restart) must not throw from its emitter.
          connection.on('error', () => undefined);
          resolve(new Session(connection));
        }
      });
    });
  }

  get threadId(): number {
    return this.connection.threadId ?? 0;
  }

  /** Runs a migration statement, its rows (if any) read and dropped rather than kept: a SELECT can return millions. */
  run(sql: string): Promise<StatementError | undefined> {
    return new Promise((resolve) => {
      const query = this.connection.query(sql);
      query.on('error', (error: QueryError) => {
        resolve({ fatal: error.fatal === true, code: error.code, errno: error.errno, message: error.message });
      });
      query.on('end', () => resolve(undefined));
    });
  }

  /** A query of the replay's own, its rows returned. */
  query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.connection.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
  }

  /** Ends the connection; one the server no longer answers on is dropped after a second. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      const drop = (): void => {
        clearTimeout(guard);
        this.connection.destroy();
        resolve();
      };
      const guard = setTimeout(drop, 1000);
      this.connection.end(drop);
    });
  }
}

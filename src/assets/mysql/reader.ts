import type { AssetReader } from '../reader.js';
import { MysqlExtractor } from './extractor.js';
import { ParsedReplay } from './parsed-replay.js';
import { ServerReplay } from './server-replay.js';
import { mysqlTypes } from './types.js';

export interface MysqlReaderOptions {
  /** A MySQL 8 or MariaDB 10/11 server to replay migrations in (`mysql://user:password@host:port/`); without one, the DDL is folded by node-sql-parser. */
  serverUrl?: string;
}

/**
 * MySQL and MariaDB tables, built from their migrations: exactly, by replaying them in the server given, or else by
 * folding their DDL without one (the review is told which, and where the second may differ).
 */
export function mysqlReader(options: MysqlReaderOptions = {}): AssetReader {
  const replay = options.serverUrl ? new ServerReplay(options.serverUrl) : new ParsedReplay();
  const extractor = new MysqlExtractor(replay);
  return {
    assetTypes: ['mysql'],
    typesOf: () => mysqlTypes,
    async compare(requests, change, settings) {
      const compared = await extractor.compare(requests, change, settings.mysql);
      return new Map([...compared].map(([key, comparison]) => [key, { comparison }]));
    },
    /**
     * Every table and view the migrations leave in the migrated database, named as a contract writes it (in
     * backticks where the name holds a dot or a backtick), read the way `compare` reads them (by the server given, or
     * else by the parser). Left out: MariaDB's sequences, and temporary tables. A table or view whose columns the
     * parser cannot tell without a server (a view, a CREATE TABLE ... SELECT) is an error, as it is for a contract
     * naming it; so is every statement that failed, and the rest is still listed.
     */
    list: (_type, source, snapshot, settings) => extractor.list([...source], snapshot, settings.mysql),
    close: () => replay.close(),
  };
}

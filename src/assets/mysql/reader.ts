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
    close: () => replay.close(),
  };
}

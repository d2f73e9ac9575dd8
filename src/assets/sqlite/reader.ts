import type { AssetReader } from '../reader.js';
import { SqliteExtractor } from './extractor.js';
import { sqliteLimits } from './limits.js';
import type { SqliteReplayer } from './replayer.js';
import { sqliteTypes } from './types.js';

/** SQLite tables and views, built by replaying their migrations in SQLite itself (sql.js, in a worker thread). */
export function sqliteReader(replayer: SqliteReplayer): AssetReader {
  const extractor = new SqliteExtractor(replayer);
  return {
    assetTypes: ['sqlite'],
    typesOf: () => sqliteTypes,
    async compare(requests, change, settings) {
      const compared = await extractor.compare(requests, change, sqliteLimits(settings));
      return new Map([...compared].map(([key, comparison]) => [key, { comparison }]));
    },
    /**
     * Every table, view and virtual table of the main database the migrations build (STRICT and WITHOUT ROWID tables
     * included), named bare or quoted (`"order items"`) as a contract writes it. Left out: SQLite's own tables
     * (`sqlite_sequence`, `sqlite_stat1`), the shadow tables a virtual table keeps its content in, and temporary
     * tables. A view SQLite cannot read back (over a table since dropped) is an error, as it is for a contract naming
     * it; so is every statement that failed, and the rest is still listed.
     */
    list: (_type, source, snapshot, settings) => extractor.list([...source], snapshot, sqliteLimits(settings)),
    close: () => replayer.close(),
  };
}

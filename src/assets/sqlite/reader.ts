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
    close: () => replayer.close(),
  };
}

import type { AssetReader } from '../reader.js';
import type { PostgresExtractor } from './extractor.js';
import { postgresTypes } from './types.js';

/** Postgres tables, built by replaying their migrations. */
export function postgresReader(extractor: PostgresExtractor): AssetReader {
  return {
    assetTypes: ['postgres'],
    typesOf: () => postgresTypes,
    async compare(requests, change, settings) {
      const assets = requests.map(({ key, asset, nameLocation }) => ({ key, name: asset.name, source: asset.source, nameLocation }));
      const compared = await extractor.compare(assets, change, settings.postgres);
      return new Map([...compared].map(([key, comparison]) => [key, { comparison }]));
    },
    /**
     * Every table (partitioned and foreign ones too), view and materialized view the migrations leave in their own
     * schemas, named `schema.table` as a contract writes it (quoted where Postgres would otherwise fold or split it:
     * `shop."Line Items"`). Left out: Postgres's own schemas (pg_catalog, information_schema, pg_toast, temporary
     * schemas), the sandbox's, partitions (their parent is listed), and what an extension owns. Every statement that
     * fails is an error, as a review reports it, and the rest is still listed.
     */
    list: (_type, source, snapshot, settings) => extractor.list([...source], snapshot, settings.postgres),
  };
}

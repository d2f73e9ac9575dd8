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
  };
}

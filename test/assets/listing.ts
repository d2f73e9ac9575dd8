import { expect } from '@jest/globals';
import type { AssetListing, AssetState } from '../../src/assets/model.js';
import type { AssetType } from '../../src/contracts/schema.js';
import type { RepoSnapshot } from '../../src/core/snapshot.js';
import type { Extractors } from '../../src/review/extraction.js';
import { listAssets, readAsset } from '../../src/review/survey.js';

/** Lists the assets of `type` the files matching `source` define, through the engine, as `dcr init --all` does. */
export async function listed(extractors: Extractors, snapshot: RepoSnapshot, type: AssetType, source: string): Promise<AssetListing> {
  const listing = await listAssets(snapshot, type, [source], extractors);
  if (!listing) throw new Error(`the ${type} reader lists nothing`);
  return listing;
}

/**
 * The invariant of a listing: a contract naming a listed asset (`asset.name` as listed, the same source) is given
 * exactly the listed schema, apart from the spelling of the name the reader gives it.
 */
export async function expectEachReadsBack(extractors: Extractors, snapshot: RepoSnapshot, type: AssetType, source: string, listing: AssetListing): Promise<void> {
  expect(listing.assets.length).toBeGreaterThan(0);
  for (const asset of listing.assets) {
    const state: AssetState = await readAsset(snapshot, { type, name: asset.name, source }, extractors);
    if (state.status !== 'present') throw new Error(`${asset.name} is listed but a contract naming it reads ${JSON.stringify(state)}`);
    expect({ ...state.schema, name: asset.name }).toEqual(asset);
  }
}

import type { TypeSystem } from '../assets/model.js';
import type { AssetReader, AssetResult } from '../assets/reader.js';
import type { Settings } from '../config/schema.js';
import type { LoadedContract } from '../contracts/load.js';
import type { AssetType } from '../contracts/schema.js';
import type { ChangeSet } from '../core/snapshot.js';
import type { EvaluationInput } from './evaluate.js';
import { compareEachAlone } from './isolation.js';
import { isRepositoryReadFailure, watchRepositoryReads } from './repository-reads.js';

/** The asset readers a review can use, one per asset type; the CLI and the app each build one set and keep it warm. */
export type Extractors = readonly AssetReader[];

export function readerOf(type: AssetType, readers: Extractors): AssetReader {
  const reader = readers.find((candidate) => candidate.assetTypes.includes(type));
  // The contract schema accepts only the asset types the engine reads: a missing reader is the engine's own bug.
  if (!reader) throw new Error(`no reader for asset type ${type}`);
  return reader;
}

/** How an asset type spells and compares types. */
export function typesOf(type: AssetType, readers: Extractors): TypeSystem {
  return readerOf(type, readers).typesOf(type);
}

/**
 * Builds every contract's asset at base and head, ready to judge. A contract whose input breaks its reader gets an
 * unbuildable asset (an error on it alone); a repository that cannot be read stops the whole review.
 */
export async function extractAssets(contracts: LoadedContract[], original: ChangeSet, settings: Settings, readers: Extractors): Promise<EvaluationInput[]> {
  const change = watchRepositoryReads(original);
  const byReader = new Map<AssetReader, LoadedContract[]>();
  for (const loaded of contracts) {
    const reader = readerOf(loaded.contract.asset.type, readers);
    byReader.set(reader, [...(byReader.get(reader) ?? []), loaded]);
  }
  const results = new Map<string, AssetResult>();
  await Promise.all(
    [...byReader].map(async ([reader, batch]) => {
      for (const [key, result] of await compareWith(reader, batch, change, settings)) results.set(key, result);
    }),
  );
  return contracts.map((loaded) => {
    const { comparison, guarantees } = results.get(loaded.contract.id)!;
    return {
      contract: loaded.contract,
      file: loaded.file,
      lineOf: loaded.lineOf,
      comparison,
      types: typesOf(loaded.contract.asset.type, readers),
      ...(guarantees ? { guarantees } : {}),
    };
  });
}

function compareWith(reader: AssetReader, contracts: LoadedContract[], change: ChangeSet, settings: Settings): Promise<Map<string, AssetResult>> {
  return compareEachAlone(contracts, {
    compare: (batch) =>
      reader.compare(
        batch.map((loaded) => ({
          key: loaded.contract.id,
          asset: loaded.contract.asset,
          nameLocation: { file: loaded.file, line: loaded.lineOf(['asset', 'name']) },
        })),
        change,
        settings,
      ),
    stopped: (comparison) => ({ comparison }),
    isInfrastructure: isRepositoryReadFailure,
  });
}

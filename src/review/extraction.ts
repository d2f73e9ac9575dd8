import type { EventAssetRequest, EventAssetResult, EventSchemaExtractor } from '../assets/events/extractor.js';
import type { SchemaFormatType } from '../assets/events/format.js';
import type { PostgresExtractor } from '../assets/postgres/extractor.js';
import type { TypeSystem } from '../assets/model.js';
import { postgresTypes } from '../assets/postgres/types.js';
import type { Settings } from '../config/schema.js';
import type { LoadedContract } from '../contracts/load.js';
import { type AssetType, type Contract, isEventSchema } from '../contracts/schema.js';
import type { EvaluationInput } from './evaluate.js';
import { compareEachAlone } from './isolation.js';
import type { ChangeSet } from '../core/snapshot.js';
import { isRepositoryReadFailure, watchRepositoryReads } from './repository-reads.js';

/** The asset readers a review can use; the CLI and the app each build one set and keep it warm. */
export interface Extractors {
  postgres: PostgresExtractor;
  events: EventSchemaExtractor;
}

/** How an asset type spells and compares types, for the types the engine reads. */
export function typesOf(type: AssetType, extractors: Extractors): TypeSystem | undefined {
  if (type === 'postgres') return postgresTypes;
  return isEventSchema(type) ? extractors.events.typesOf(type) : undefined;
}

/**
 * Builds every contract's asset at base and head, ready to judge. A contract whose input breaks its reader gets an
 * unbuildable asset (an error on it alone); a repository that cannot be read stops the whole review.
 */
export async function extractAssets(
  contracts: { postgres: LoadedContract[]; events: LoadedContract[] },
  original: ChangeSet,
  settings: Settings,
  extractors: Extractors,
): Promise<EvaluationInput[]> {
  const change = watchRepositoryReads(original);
  const [postgres, events] = await Promise.all([
    postgresEvaluations(contracts.postgres, change, settings, extractors.postgres),
    eventEvaluations(contracts.events, change, settings, extractors.events),
  ]);
  return [...postgres, ...events];
}

async function postgresEvaluations(
  contracts: LoadedContract[],
  change: ChangeSet,
  settings: Settings,
  extractor: PostgresExtractor,
): Promise<EvaluationInput[]> {
  if (contracts.length === 0) return [];
  const comparisons = await compareEachAlone(contracts, {
    compare: (batch) =>
      extractor.compare(
        batch.map((loaded) => ({
          key: loaded.contract.id,
          name: loaded.contract.asset.name,
          source: loaded.contract.asset.source,
          nameLocation: { file: loaded.file, line: loaded.lineOf(['asset', 'name']) },
        })),
        change,
        settings.postgres,
      ),
    stopped: (comparison) => comparison,
    isInfrastructure: isRepositoryReadFailure,
  });
  return contracts.map((loaded) => ({ ...evaluationBase(loaded), comparison: comparisons.get(loaded.contract.id)!, types: postgresTypes }));
}

async function eventEvaluations(
  contracts: LoadedContract[],
  change: ChangeSet,
  settings: Settings,
  extractor: EventSchemaExtractor,
): Promise<EvaluationInput[]> {
  if (contracts.length === 0) return [];
  const results = await compareEachAlone(contracts, {
    compare: (batch) => extractor.compare(batch.map(({ contract }) => eventRequest(contract)), change, settings.schemas),
    stopped: (comparison): EventAssetResult => ({ comparison }),
    isInfrastructure: isRepositoryReadFailure,
  });
  return contracts.map((loaded) => {
    const { comparison, compatibility, registry } = results.get(loaded.contract.id)!;
    return {
      ...evaluationBase(loaded),
      comparison,
      types: extractor.typesOf(loaded.contract.asset.type as SchemaFormatType),
      guarantees: { ...(compatibility ? { compatibility } : {}), ...(registry ? { registry } : {}) },
    };
  });
}

function eventRequest(contract: Contract): EventAssetRequest {
  const { asset } = contract;
  return {
    key: contract.id,
    type: asset.type as SchemaFormatType,
    name: asset.name,
    source: asset.source,
    ...(asset.compatibility ? { compatibility: asset.compatibility } : {}),
    options: { ...(asset.level ? { level: asset.level } : {}), ...(asset.policy ? { policy: asset.policy } : {}) },
    ...(asset.registry ? { registrySubject: asset.registry.subject } : {}),
  };
}

function evaluationBase(loaded: LoadedContract): Pick<EvaluationInput, 'contract' | 'file' | 'lineOf'> {
  return { contract: loaded.contract, file: loaded.file, lineOf: loaded.lineOf };
}

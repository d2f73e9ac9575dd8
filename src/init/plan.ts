import type { RepoSnapshot } from '../core/snapshot.js';
import { type AllAssetsRequest, findAllAssets } from './all-assets.js';
import { findNamedAsset, type NamedAssetRequest } from './named-asset.js';
import { type Proposal, proposeContract } from './proposal.js';
import { readRepository } from './repository.js';
import type { AssetReaders } from './search.js';

export type { AssetReaders } from './search.js';

/** `dcr init --asset TYPE:NAME` or `dcr init --all`. */
export type InitTarget = { asset: NamedAssetRequest } | { all: AllAssetsRequest };

/** The contracts to write, and what the user should read about them. */
export interface InitPlan {
  proposals: Proposal[];
  notes: string[];
  warnings: string[];
  /** Why something asked for has no proposal: the command did not do all it was asked. */
  problems: string[];
}

/**
 * The contracts `dcr init` proposes at one commit, each with an id no contract of the commit has and a path the
 * review reads. `schemaPath` is where the contract JSON Schema is, from the repository root, or its URL.
 */
export async function planInit(snapshot: RepoSnapshot, readers: AssetReaders, target: InitTarget, schemaPath: string): Promise<InitPlan> {
  const repository = await readRepository(snapshot);
  const search = 'asset' in target ? await findNamedAsset(repository, readers, target.asset) : await findAllAssets(repository, readers, target.all);
  const taken = new Set(repository.contracts.map(({ contract }) => contract.id));
  const plan: InitPlan = {
    proposals: [],
    notes: search.notes,
    warnings: [...repository.settingsErrors, ...search.warnings],
    problems: search.problems,
  };
  for (const found of search.found) {
    const result = proposeContract(repository, found, taken, schemaPath);
    if (result.ok) plan.proposals.push(result.proposal);
    else plan.problems.push(result.problem);
  }
  return plan;
}

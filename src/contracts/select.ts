import { sourceMatcher } from '../core/glob-match.js';
import type { LoadedContract } from './load.js';

/** The contracts whose asset is defined by at least one of the changed files. */
export function contractsForChange(contracts: LoadedContract[], changedFiles: string[]): LoadedContract[] {
  return contracts.filter((loaded) => changedFiles.some(sourceMatcher(loaded.contract.asset.source)));
}

import picomatch from 'picomatch';
import { GLOB_OPTIONS } from './globs.js';
import type { LoadedContract } from './load.js';

/** Whether a repository path is one of an asset's sources: one glob or a list of globs. */
export function sourceMatcher(source: string | string[]): (path: string) => boolean {
  const isMatch = picomatch(source, GLOB_OPTIONS);
  // Wrapped so that callbacks such as `Array.some` cannot pass an index as picomatch's `returnObject`.
  return (path) => isMatch(path);
}

/** The contracts whose asset is defined by at least one of the changed files. */
export function contractsForChange(contracts: LoadedContract[], changedFiles: string[]): LoadedContract[] {
  return contracts.filter((loaded) => changedFiles.some(sourceMatcher(loaded.contract.asset.source)));
}

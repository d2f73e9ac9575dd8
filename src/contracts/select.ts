import { compileGlob } from './glob-match.js';
import type { LoadedContract } from './load.js';

/** Whether a repository path is one of an asset's sources: one glob or a list of globs, matched in linear time. */
export function sourceMatcher(source: string | readonly string[]): (path: string) => boolean {
  const tests = [source].flat().map(compileGlob);
  return (path) => tests.some((test) => test(path));
}

/** The contracts whose asset is defined by at least one of the changed files. */
export function contractsForChange(contracts: LoadedContract[], changedFiles: string[]): LoadedContract[] {
  return contracts.filter((loaded) => changedFiles.some(sourceMatcher(loaded.contract.asset.source)));
}

import type { AssetComparison, AssetState } from '../assets/model.js';
import type { LoadedContract } from '../contracts/load.js';

/** How one extractor is run for a set of contracts. */
export interface IsolatedComparison<Result> {
  compare: (contracts: LoadedContract[]) => Promise<Map<string, Result>>;
  /** The result for a contract whose asset the reader stopped on. */
  stopped: (comparison: AssetComparison) => Result;
  /** Failures that are no input's doing (the repository could not be read): they stop the whole review. */
  isInfrastructure: (error: unknown) => boolean;
}

/**
 * Runs an extractor on every contract at once and, if it throws, on each contract alone: an input that breaks the
 * reader on one asset is then an error on that contract, and every other contract is still reviewed. One at a time,
 * as the readers share one sandbox.
 */
export async function compareEachAlone<Result>(
  contracts: LoadedContract[],
  { compare, stopped, isInfrastructure }: IsolatedComparison<Result>,
): Promise<Map<string, Result>> {
  try {
    return await compare(contracts);
  } catch (error) {
    if (isInfrastructure(error)) throw error;
    const [only] = contracts;
    if (only && contracts.length === 1) return new Map([[only.contract.id, stopped(stoppedOn(only, error))]]);
    const results = new Map<string, Result>();
    for (const loaded of contracts) {
      const { id } = loaded.contract;
      try {
        const result = (await compare([loaded])).get(id);
        results.set(id, result ?? stopped(stoppedOn(loaded, 'the reader gave no answer for it')));
      } catch (error) {
        if (isInfrastructure(error)) throw error;
        results.set(id, stopped(stoppedOn(loaded, error)));
      }
    }
    return results;
  }
}

/** The asset of a contract the reader stopped on: unknown at both commits, said at the contract's asset. */
function stoppedOn(loaded: LoadedContract, error: unknown): AssetComparison {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = loaded.lineOf(['asset', 'name']);
  const state: AssetState = {
    status: 'error',
    error: { kind: 'failed', file: loaded.file, ...(line === undefined ? {} : { line }), message: `the review stopped on an input it cannot handle (${reason})` },
  };
  return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {} };
}

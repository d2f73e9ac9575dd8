import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { FileMap } from '../../src/core/memory-snapshot.js';
import { memorySnapshot } from '../../src/core/memory-snapshot.js';
import type { AssetReaders, InitPlan, InitTarget } from '../../src/init/plan.js';
import { planInit } from '../../src/init/plan.js';
import { listAssets, readAsset, surveyCommit, type Survey } from '../../src/review/survey.js';
import { testExtractors } from '../support/extractors.js';

/** The readers `dcr init` asks, and the survey that checks what it proposes, over one set of test readers. */
export function initReaders(replayer: Replayer): { readers: AssetReaders; survey(files: FileMap): Promise<Survey>; close(): Promise<void> } {
  const extractors = testExtractors(replayer);
  return {
    close: async () => {
      await Promise.all(extractors.map((reader) => reader.close?.()));
    },
    readers: {
      readAsset: (snapshot, asset) => readAsset(snapshot, asset, extractors),
      listAssets: (snapshot, type, source) => listAssets(snapshot, type, source, extractors),
    },
    survey: (files) => surveyCommit(memorySnapshot('with-contracts', files), extractors),
  };
}

export const SCHEMA_PATH = 'node_modules/data-contract-review/schemas/contract.schema.json';

export function plan(readers: AssetReaders, files: FileMap, target: InitTarget): Promise<InitPlan> {
  return planInit(memorySnapshot('0123456789abcdef0123456789abcdef01234567', files), readers, target, SCHEMA_PATH);
}

/** The files with the proposed contracts written in. */
export function withProposals(files: FileMap, result: InitPlan): FileMap {
  return { ...files, ...Object.fromEntries(result.proposals.map((proposal) => [proposal.path, proposal.text])) };
}

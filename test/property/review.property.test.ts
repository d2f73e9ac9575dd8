import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import type { Review } from '../../src/core/review.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';
import { eventCase, postgresCase } from './generators.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

/** Fixed, so a failure is the same failure on every machine; the counterexample fast-check prints replays it. */
const SEED = 20_240_906;

/**
 * The review answers: it resolves (never throws) within `boundMs`, with a conclusion that follows its findings and
 * every finding on a contract it read.
 */
async function answers(files: { base: FileMap; head: FileMap }, boundMs: number): Promise<Review> {
  const started = performance.now();
  const review = await reviewChange(memoryChange(files.base, files.head), extractors);
  expect(performance.now() - started).toBeLessThan(boundMs);
  expect(['success', 'neutral', 'failure']).toContain(review.conclusion);
  if (review.findings.some((finding) => finding.severity === 'error' || finding.severity === 'blocking')) {
    expect(review.conclusion).toBe('failure');
  }
  const contracts = new Set(review.contracts.map((contract) => contract.id));
  for (const finding of review.findings) expect(contracts.has(finding.contract)).toBe(true);
  return review;
}

describe('any pull request gets an answer', () => {
  it('for generated Avro, Protobuf and JSON Schema files, valid or broken, and their contracts', async () => {
    await fc.assert(
      fc.asyncProperty(eventCase, async (files) => {
        await answers(files, 15_000);
      }),
      { numRuns: 80, seed: SEED },
    );
  }, 240_000);

  it('for generated Postgres migrations, valid, broken or hostile, and their contracts', async () => {
    await fc.assert(
      fc.asyncProperty(postgresCase, async (files) => {
        await answers(files, 60_000);
      }),
      { numRuns: 6, seed: SEED },
    );
  }, 300_000);
});

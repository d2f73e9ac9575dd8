import { afterAll, describe, expect, it } from '@jest/globals';
import { memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import type { RuleExample } from '../../src/rules/catalogue.js';
import { TYPE_RULE_EXAMPLES } from '../../src/rules/change-rules.js';
import { exampleContract, exampleFiles } from '../../src/rules/example-files.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
afterAll(() => replayer.close());

function commit(example: RuleExample, files: readonly string[]) {
  return { 'contracts/orders.yaml': exampleContract(example), ...exampleFiles(example, files) };
}

const cases = Object.entries(TYPE_RULE_EXAMPLES).flatMap(([rule, examples]) =>
  Object.entries(examples).map(([assetType, example]) => [rule, assetType, example as RuleExample] as const),
);

/** The catalogue shows one example per rule; the type rules have one in every asset type, each reviewed here. */
describe.each(cases)('%s in %s', (rule, _assetType, example) => {
  it(`fires on its example with severity ${example.expect}, and only it`, async () => {
    const change = memoryChange(commit(example, example.before), commit(example, example.after));
    const review = await reviewChange(change, testExtractors(replayer));
    expect(review.errors).toEqual([]);
    expect(review.findings).toEqual([expect.objectContaining({ rule, severity: example.expect, contract: 'orders' })]);
    expect(review.findings[0]?.file).toBeDefined();
  });
});

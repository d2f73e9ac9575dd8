import { afterAll, describe, expect, it } from '@jest/globals';
import { memoryChange } from '../../src/core/memory-snapshot.js';
import type { Finding } from '../../src/core/review.js';
import { reviewChange } from '../../src/review/run.js';
import { RULES, ruleById, type RuleExample } from '../../src/rules/catalogue.js';
import { EXAMPLE_CONTRACT_PATH, exampleContractAt, exampleFiles } from '../../src/rules/example-files.js';
import { testExtractors } from '../support/extractors.js';
import { exampleRegistry } from '../support/example-registry.js';
import { testReplayer } from '../support/replayer.js';
import { POLICY_SEVERITIES } from './policy-severities.js';

const replayer = testReplayer();
afterAll(() => replayer.close());

function commit(example: RuleExample, version: 'base' | 'head') {
  const contract = exampleContractAt(example, version);
  const files = exampleFiles(example, version === 'base' ? example.before : example.after);
  return contract === undefined ? files : { [EXAMPLE_CONTRACT_PATH]: contract, ...files };
}

/** A finding whose severity its rule's policy, as the catalogue documents it, cannot give. */
function undocumentedSeverity({ rule, severity }: Finding): string[] {
  const policy = ruleById(rule)?.severityPolicy;
  return policy && POLICY_SEVERITIES[policy].includes(severity) ? [] : [`${rule}: ${severity} (policy ${policy ?? 'none'})`];
}

/**
 * Each rule's documented example, reviewed as a change would be (Postgres examples replayed in the embedded
 * Postgres, registry examples against a loopback registry): the catalogue is proven, not just written. Every finding
 * the review makes of it, of whatever rule, must have a severity its rule's policy gives.
 */
describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it(`fires on its example with severity ${rule.example.expect}`, async () => {
    const { example } = rule;
    const registry = await exampleRegistry(example);
    try {
      const change = memoryChange(commit(example, 'base'), commit(example, 'head'));
      const review = await reviewChange(change, testExtractors(replayer, registry?.client));
      expect(review.errors).toEqual([]);
      const finding = review.findings.find((candidate) => candidate.rule === id);
      expect(finding).toMatchObject({ rule: id, severity: example.expect, contract: 'orders' });
      expect(finding?.file).toBeDefined();
      expect(review.findings.flatMap(undocumentedSeverity)).toEqual([]);
    } finally {
      await registry?.close();
    }
  });
});

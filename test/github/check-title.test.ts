import { describe, expect, it } from '@jest/globals';
import { checkTitle } from '../../src/github/check-run.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { churn, contractSummary, finding, review } from '../render/fixtures.js';

describe('the check run title', () => {
  it('counts the contracts with findings, not every contract the change made it check', () => {
    const checked = review({
      conclusion: 'neutral',
      contracts: [contractSummary('orders'), contractSummary('customers')],
      findings: [finding({ severity: 'advisory', consumers: [churn] }), finding({ contract: 'customers', rule: 'field-added', severity: 'info', consumers: [] })],
    });
    expect(checkTitle(checked)).toBe('1 advisory in 1 contract');
  });

  it('says all clear with the contracts checked when nothing needs attention', () => {
    expect(checkTitle(review({ contracts: [contractSummary('orders'), contractSummary('customers')] }))).toBe('All clear: 2 contracts checked');
  });

  it('names no contract count for contract files that could not be read', () => {
    const broken = review({ conclusion: 'neutral', errors: [{ file: 'contracts/broken.yaml', line: 1, message: 'bad YAML' }] });
    expect(checkTitle(broken)).toBe('1 contract error');
  });
});

describe('a pull request that adds the first contracts', () => {
  it('says there are none on the target branch yet, not that none were found', () => {
    const first = review({ conclusion: 'failure', contracts: [], findings: [finding({ rule: 'contract-added', file: 'contracts/orders.yaml' })] });
    expect(renderMarkdown(first)).toContain('): no contracts on the target branch yet.');
    expect(renderMarkdown(review({ contracts: [] }))).toContain('): no contracts found.');
  });
});

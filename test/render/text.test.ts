import { describe, expect, it } from '@jest/globals';
import { renderText } from '../../src/render/text.js';
import { addedGuarantee, contractSummary, finding, mixedReview, partlyAcceptedReview, review } from './fixtures.js';

describe('renderText', () => {
  it('is one quiet line when no contract is affected', () => {
    const contracts = ['orders', 'customers', 'events'].map((id) => contractSummary(id, { evaluated: false }));
    expect(renderText(review({ contracts }))).toBe('✓ data-contracts: no contract affected by the change (3 contracts read)\n');
  });

  it('is one quiet line when affected contracts still hold', () => {
    expect(renderText(review())).toBe('✓ data-contracts: no guarantee broken (2 contracts read, 1 evaluated)\n');
  });

  it('leads with the conclusion and counts, then what blocks, whom to contact, errors, drift and info', () => {
    const text = renderText(mixedReview());
    expect(text.split('\n')[0]).toBe(
      '✗ data-contracts: failure — 1 blocking, 1 advisory, 1 drift, 1 info, 1 contract error (2 contracts read, 1 evaluated)',
    );
    expect(text).toContain('orders · Orders · contracts/orders.yaml · owner @acme/checkout');
    expect(text).toContain('  blocking  field-removed  amount: numeric(12,2) → —  db/migrations/002_drop_amount.sql:3');
    expect(text).toContain('Finance dashboards  @acme/analytics  #finance-data  (blocking)');
    expect(text).toContain('Churn model  @jane  (advisory)');
    expect(text).toContain('contracts/broken.yaml:3:5  fields.0.type: must be a string, but is a list');
    const order = ['blocking  field-removed', 'advisory  field-made-nullable', 'errors in contracts', 'drift —', 'info —'].map((part) =>
      text.indexOf(part),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('counts errors as a noun, and says how many contracts were evaluated', () => {
    const failed = finding({ rule: 'migration-failed', severity: 'error', consumers: [] });
    const contracts = [contractSummary('orders'), contractSummary('customers'), contractSummary('events', { evaluated: false })];
    const text = renderText(review({ conclusion: 'failure', contracts, findings: [failed, { ...failed, line: 9 }] }));
    expect(text.split('\n')[0]).toBe('✗ data-contracts: failure — 2 errors (3 contracts read, 2 evaluated)');
    const one = renderText(review({ conclusion: 'failure', findings: [failed] }));
    expect(one.split('\n')[0]).toBe('✗ data-contracts: failure — 1 error (2 contracts read, 1 evaluated)');
  });

  it('uses no colour unless asked, and shows control characters from user text instead of obeying them', () => {
    const hostile = review({ conclusion: 'failure', findings: [finding({ message: 'dropped \u001b[2Jamount' })] });
    expect(renderText(hostile)).not.toContain('\u001b');
    expect(renderText(hostile)).toContain('dropped \\u001b[2Jamount');
    expect(renderText(hostile, { color: true })).toContain('\u001b[31m');
  });
});

describe('renderText approvals', () => {
  it('marks an accepted finding where it stands, with who accepted it, and counts it apart from what blocks', () => {
    const text = renderText(partlyAcceptedReview());
    expect(text.split('\n')[0]).toBe('✗ data-contracts: failure — 1 blocking, 1 accepted (2 contracts read, 1 evaluated)');
    expect(text).toContain(
      '  blocking  field-removed  amount: numeric(12,2) → —  db/migrations/002_drop_amount.sql:3\n' +
        '            Column amount was removed; the contract still relies on it.\n' +
        '            accepted by @acme/analytics (@jane)\n' +
        '  blocking  field-renamed',
    );
  });

  it('names who approves a contract change, and asks for an owner where the contract has none', () => {
    const text = renderText(
      review({ conclusion: 'failure', findings: [addedGuarantee('@acme/checkout'), addedGuarantee(undefined, { contract: 'inventory', rule: 'contract-added' })] }),
    );
    expect(text).toContain('  approvals on the pull request:\n    @acme/checkout: their approving review approves the contract change\n');
    expect(text).toContain("  approvals on the pull request:\n    no owner: the contract change needs the owner's approval; name one in the contract\n");
  });

  it('says whose approval accepts a break, for the blocking findings only', () => {
    expect(renderText(mixedReview())).toContain(
      '  approvals on the pull request:\n    @acme/analytics: their approving review accepts the finding they block\n',
    );
  });
});

describe('renderText override', () => {
  it('gives one line under the headline for an override, allowed or not', () => {
    const at = '2024-05-02T09:30:00Z';
    const allowed = renderText(review({ conclusion: 'neutral', findings: [finding()], override: { by: 'octo-admin', at, allowed: true } }));
    expect(allowed.split('\n').slice(0, 2)).toEqual([
      '⚠ data-contracts: neutral — 1 blocking (2 contracts read, 1 evaluated)',
      'override: the check was overridden by @octo-admin on 2024-05-02; the findings still stand',
    ]);
    const refused = renderText(review({ conclusion: 'failure', findings: [finding()], override: { by: 'intern', at, allowed: false } }));
    expect(refused.split('\n')[1]).toBe('override: the label was added by @intern, who lacks admin or maintain permission, so it changes nothing');
  });
});

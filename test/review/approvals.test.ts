import { describe, expect, it } from '@jest/globals';
import type { Finding, Review } from '../../src/core/review.js';
import { approvalsNeeded, newBreakFor, withApprovals } from '../../src/review/approvals.js';

const FINANCE = { name: 'Finance', contact: '@acme/analytics', enforcement: 'blocking' as const };
const WAREHOUSE = { name: 'Warehouse', contact: '@acme/wms', enforcement: 'blocking' as const };
const CHURN = { name: 'Churn', contact: '@jane', enforcement: 'advisory' as const };

function finding(rule: string, severity: Finding['severity'], consumers: Finding['consumers'], extra: Partial<Finding> = {}): Finding {
  return { contract: 'orders', rule, severity, consumers, message: rule, ...extra };
}

function review(findings: Finding[]): Review {
  return { conclusion: 'failure', base: 'b', head: 'h', contracts: [], findings, errors: [], notes: [] };
}

const renamed = finding('field-renamed', 'blocking', [FINANCE, CHURN], { field: 'amount' });
const dropped = finding('field-removed', 'blocking', [FINANCE, WAREHOUSE], { field: 'status' });
const advisory = finding('field-made-nullable', 'advisory', [CHURN], { field: 'note' });
const added = finding('contract-field-added', 'blocking', [], { field: 'note', approvers: ['@acme/checkout'] });

describe('approvals', () => {
  it('lists whose approval each blocking finding waits for', () => {
    expect(approvalsNeeded(review([renamed, dropped, advisory, added]))).toEqual([
      { contact: '@acme/analytics', findings: [0, 1] },
      { contact: '@acme/wms', findings: [1] },
      { contact: '@acme/checkout', findings: [3] },
    ]);
  });

  it('accepts a finding once every blocking consumer of it approved, and decides again on what is left', () => {
    const partly = withApprovals(review([renamed, dropped, advisory]), new Map([['@acme/analytics', 'maria']]));
    expect(partly.findings.map((item) => item.accepted)).toEqual([[{ contact: '@acme/analytics', by: 'maria' }], undefined, undefined]);
    expect(partly.conclusion).toBe('failure');
    expect(approvalsNeeded(partly)).toEqual([{ contact: '@acme/analytics', findings: [1] }, { contact: '@acme/wms', findings: [1] }]);

    const all = withApprovals(review([renamed, dropped, advisory]), new Map([['@acme/analytics', 'maria'], ['@acme/wms', 'li']]));
    expect(all.findings.filter((item) => item.accepted).length).toBe(2);
    expect(all.conclusion).toBe('neutral');
    expect(withApprovals(review([renamed]), new Map([['@acme/analytics', 'maria']])).conclusion).toBe('success');
  });

  it('needs the owner for a new guarantee, and accepts nothing for an error', () => {
    const error = finding('migration-failed', 'error', []);
    const decided = withApprovals(review([added, error]), new Map([['@acme/checkout', 'sam']]));
    expect(decided.findings.map((item) => Boolean(item.accepted))).toEqual([true, false]);
    expect(decided.conclusion).toBe('failure');
  });

  it('takes an approval back when it is no longer given', () => {
    const accepted = withApprovals(review([renamed]), new Map([['@acme/analytics', 'maria']]));
    expect(withApprovals(accepted, new Map()).findings[0]!.accepted).toBeUndefined();
    expect(withApprovals(accepted, new Map()).conclusion).toBe('failure');
  });

  it('makes a failing check neutral on an allowed override only, keeping every finding', () => {
    const override = { by: 'root', at: '2026-11-29T10:00:00Z', allowed: true };
    const overridden = withApprovals(review([renamed]), new Map(), override);
    expect(overridden).toMatchObject({ conclusion: 'neutral', override, findings: [renamed] });
    const refused = withApprovals(review([renamed]), new Map(), { ...override, allowed: false });
    expect(refused.conclusion).toBe('failure');
    expect(refused.override?.allowed).toBe(false);
  });

  it('tells a break the approved commit did not have from one it had', () => {
    const then = review([renamed]);
    expect(newBreakFor('@acme/analytics', then, review([renamed]))).toBe(false);
    expect(newBreakFor('@acme/analytics', then, review([renamed, dropped]))).toBe(true);
    expect(newBreakFor('@jane', then, review([renamed, dropped, advisory]))).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { renderJson } from '../../src/render/json.js';
import { BASE, HEAD, addedGuarantee, contractSummary, finding, mixedReview, partlyAcceptedReview, review } from './fixtures.js';

describe('renderJson', () => {
  it('gives every key of the stable shape, with null where a value is absent', () => {
    const parsed = JSON.parse(
      renderJson(
        review({
          conclusion: 'failure',
          contracts: [contractSummary('orders', { name: undefined, owner: undefined })],
          findings: [finding({ field: undefined, before: undefined, file: undefined, line: undefined, consumers: [{ name: 'Churn model', contact: '@jane', enforcement: 'advisory' }] })],
          errors: [{ file: 'contracts/broken.yaml', message: 'not YAML' }],
        }),
      ),
    );
    expect(Object.keys(parsed)).toEqual([
      'version',
      'conclusion',
      'base',
      'head',
      'summary',
      'findings',
      'contracts',
      'errors',
      'approvals',
      'override',
    ]);
    expect(parsed).toMatchObject({ version: 1, conclusion: 'failure', base: BASE, head: HEAD });
    expect(parsed.findings).toEqual([
      {
        contract: 'orders',
        rule: 'field-removed',
        severity: 'blocking',
        field: null,
        before: null,
        after: null,
        file: null,
        line: null,
        consumers: [{ name: 'Churn model', contact: '@jane', channel: null, enforcement: 'advisory' }],
        message: 'Column amount was removed; the contract still relies on it.',
        approvers: [],
        accepted: null,
      },
    ]);
    expect(parsed.contracts[0]).toEqual({
      id: 'orders',
      name: null,
      file: 'contracts/orders.yaml',
      owner: null,
      status: 'active',
      asset: { type: 'postgres', name: 'public.orders' },
      consumers: [
        { name: 'Finance dashboards', contact: '@acme/analytics', channel: '#finance-data', enforcement: 'blocking' },
        { name: 'Churn model', contact: '@jane', channel: null, enforcement: 'advisory' },
      ],
      evaluated: true,
    });
    expect(parsed.errors).toEqual([{ file: 'contracts/broken.yaml', line: null, column: null, message: 'not YAML' }]);
    expect(parsed.approvals).toEqual([]);
    expect(parsed.override).toBeNull();
  });

  it('gives each finding its approvers and acceptance, what still waits for whom, and the override', () => {
    const base = partlyAcceptedReview();
    const parsed = JSON.parse(
      renderJson({
        ...base,
        findings: [...base.findings, addedGuarantee('@acme/checkout')],
        override: { by: 'octo-admin', at: '2024-05-02T09:30:00Z', allowed: true },
      }),
    );
    expect(parsed.findings.map((item: { approvers: string[]; accepted: unknown }) => [item.approvers, item.accepted])).toEqual([
      [['@acme/analytics'], [{ contact: '@acme/analytics', by: 'jane' }]],
      [['@acme/crm'], null],
      [['@acme/checkout'], null],
    ]);
    expect(parsed.approvals).toEqual([
      { contact: '@acme/crm', findings: [1] },
      { contact: '@acme/checkout', findings: [2] },
    ]);
    expect(parsed.override).toEqual({ by: 'octo-admin', at: '2024-05-02T09:30:00Z', allowed: true });
    expect(parsed.summary).toEqual({ error: 0, blocking: 3, advisory: 0, drift: 0, info: 0 });
  });

  it('counts findings by every severity, zeros included', () => {
    const parsed = JSON.parse(renderJson(mixedReview()));
    expect(parsed.summary).toEqual({ error: 0, blocking: 1, advisory: 1, drift: 1, info: 1 });
    expect(parsed.findings.map((item: { line: number }) => item.line)).toEqual([3, 3, 13, 4]);
  });

  it('is pretty printed and ends with a newline', () => {
    const text = renderJson(review());
    expect(text).toMatch(/^\{\n {2}"version": 1,\n/);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

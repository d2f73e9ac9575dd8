import type { AffectedConsumer, ContractSummary, Finding, Review } from '../../src/core/review.js';

export const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const BASE = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';

export const finance: AffectedConsumer = {
  name: 'Finance dashboards',
  contact: '@acme/analytics',
  channel: '#finance-data',
  enforcement: 'blocking',
};
export const churn: AffectedConsumer = { name: 'Churn model', contact: '@jane', enforcement: 'advisory' };
export const crm: AffectedConsumer = { name: 'CRM sync', contact: '@acme/crm', enforcement: 'blocking' };

export function contractSummary(id: string, overrides: Partial<ContractSummary> = {}): ContractSummary {
  return {
    id,
    name: 'Orders',
    file: `contracts/${id}.yaml`,
    owner: '@acme/checkout',
    status: 'active',
    asset: { type: 'postgres', name: `public.${id}` },
    consumers: [finance, churn],
    evaluated: true,
    ...overrides,
  };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    contract: 'orders',
    rule: 'field-removed',
    severity: 'blocking',
    field: 'amount',
    before: 'numeric(12,2)',
    file: 'db/migrations/002_drop_amount.sql',
    line: 3,
    consumers: [finance],
    message: 'Column amount was removed; the contract still relies on it.',
    ...overrides,
  };
}

export function review(overrides: Partial<Review> = {}): Review {
  return {
    conclusion: 'success',
    base: BASE,
    head: HEAD,
    contracts: [contractSummary('orders'), contractSummary('customers', { name: 'Customers', evaluated: false })],
    findings: [],
    errors: [],
    notes: [],
    ...overrides,
  };
}

/** A review with something of every kind: blocking and advisory findings, drift, info and a broken contract. */
export function mixedReview(): Review {
  return review({
    conclusion: 'failure',
    findings: [
      finding({ rule: 'field-made-nullable', severity: 'advisory', field: 'status', before: 'required', after: 'nullable', consumers: [churn] }),
      finding(),
      finding({ rule: 'field-missing', severity: 'drift', field: 'note', before: 'text', file: 'contracts/orders.yaml', line: 13, consumers: [churn] }),
      finding({ rule: 'field-added', severity: 'info', field: 'coupon', before: undefined, after: 'text', line: 4, consumers: [] }),
    ],
    errors: [{ file: 'contracts/broken.yaml', line: 3, column: 5, message: 'fields.0.type: must be a string, but is a list' }],
  });
}

/** A guarantee the pull request adds to the contract: it waits for the owner's approval, or for an owner when there is none. */
export function addedGuarantee(owner: string | undefined, overrides: Partial<Finding> = {}): Finding {
  return finding({
    rule: 'contract-field-added',
    field: 'coupon',
    before: undefined,
    after: 'text',
    file: 'contracts/orders.yaml',
    line: 20,
    consumers: [],
    approvers: owner ? [owner] : [],
    message: 'The contract now guarantees field coupon.',
    ...overrides,
  });
}

/** A blocking break and a second one the finance team has accepted, through Jane. */
export function partlyAcceptedReview(): Review {
  return review({
    conclusion: 'failure',
    findings: [
      finding({ accepted: [{ contact: '@acme/analytics', by: 'jane' }] }),
      finding({ rule: 'field-renamed', field: 'status', before: 'status', after: 'state', line: 5, consumers: [crm], message: 'Column status was renamed.' }),
    ],
  });
}

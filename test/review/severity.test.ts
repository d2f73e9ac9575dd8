import { describe, expect, it } from '@jest/globals';
import { comparison, consumers, contract, evaluate, field, table } from './fixtures.js';

const base = table(field('id', 'int8'), field('status', 'text'), field('amount', 'numeric(12,2)'));
const withoutStatus = table(field('id', 'int8'), field('amount', 'numeric(12,2)'));
const fields = [{ name: 'id' }, { name: 'status' }, { name: 'amount' }];

describe('severity follows the consumers that use the field', () => {
  it('names exactly the consumers that use the field', () => {
    const subject = contract(fields, {
      consumers: [
        { ...consumers.finance, uses: ['id', 'amount'] },
        { ...consumers.churn, uses: ['status'] },
      ],
    });
    const [finding] = evaluate(subject, comparison(base, withoutStatus));
    expect(finding).toMatchObject({
      rule: 'field-removed',
      severity: 'advisory',
      consumers: [{ name: 'Churn model', contact: '@jane', channel: '#churn', enforcement: 'advisory' }],
    });
  });

  it('blocks when any consumer using the field blocks', () => {
    const subject = contract(fields, { consumers: [consumers.churn, { ...consumers.finance, uses: ['status'] }] });
    const [finding] = evaluate(subject, comparison(base, withoutStatus));
    expect(finding?.severity).toBe('blocking');
    expect(finding?.consumers.map((consumer) => consumer.name)).toEqual(['Churn model', 'Finance dashboards']);
  });

  it('is information when no consumer uses the contracted field', () => {
    const subject = contract(fields, { consumers: [{ ...consumers.finance, uses: ['id'] }] });
    const [finding] = evaluate(subject, comparison(base, withoutStatus));
    expect(finding).toMatchObject({ rule: 'field-removed', severity: 'info', consumers: [] });
  });

  it('lets `uses` name a parent of nested fields', () => {
    const nested = contract([{ name: 'customer.zip' }], { consumers: [{ ...consumers.finance, uses: ['customer'] }] });
    const [finding] = evaluate(nested, comparison(table(field('customer.zip', 'text')), table()));
    expect(finding?.severity).toBe('blocking');
  });

  it('never blocks for a draft contract', () => {
    const draft = contract(fields, { status: 'draft' });
    const [finding] = evaluate(draft, comparison(base, withoutStatus));
    expect(finding).toMatchObject({ severity: 'advisory', consumers: [expect.objectContaining({ enforcement: 'blocking' })] });
  });

  it('keeps drift out of the blocking findings', () => {
    const required = contract([{ name: 'status', required: true }]);
    const findings = evaluate(required, comparison(base, base));
    expect(findings.map((finding) => finding.severity)).toEqual(['drift']);
  });
});

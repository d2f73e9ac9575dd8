import { describe, expect, it } from '@jest/globals';
import type { AssetState } from '../../src/assets/model.js';
import { comparison, contract, evaluate, field, summary, table } from './fixtures.js';

function status(values?: string[], from: 'check' | 'enum' = 'check'): AssetState {
  return table(field('status', 'text', values ? { allowedValues: values, allowedValuesFrom: from } : {}));
}

const unlisted = contract([{ name: 'status', type: 'string' }]);
const listed = contract([{ name: 'status', type: 'string', enum: ['pending', 'paid', 'shipped'] }]);

describe('values on a field whose contract lists none', () => {
  it('blocks a removed value', () => {
    const findings = evaluate(unlisted, comparison(status(['pending', 'paid', 'shipped']), status(['pending', 'paid'])));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'enum-value-removed',
        severity: 'blocking',
        before: 'pending, paid, shipped',
        after: 'pending, paid',
        message: 'Column "status" of public.orders no longer allows \'shipped\'.',
      }),
    ]);
  });

  it('lists an added value as information', () => {
    const findings = evaluate(unlisted, comparison(status(['pending', 'paid']), status(['pending', 'paid', 'refunded'], 'enum')));
    expect(summary(findings)).toEqual(['enum-value-added info status']);
  });

  it('lists a dropped CHECK constraint as information', () => {
    expect(summary(evaluate(unlisted, comparison(status(['pending']), status())))).toEqual(['enum-value-added info status']);
  });

  it('finds nothing when a field takes a list of values for the first time', () => {
    expect(evaluate(unlisted, comparison(status(), status(['pending'])))).toEqual([]);
  });
});

describe('values on a field whose contract lists them', () => {
  it('compares values as sets, and numbers as their text', () => {
    expect(evaluate(listed, comparison(status(['shipped', 'pending', 'paid']), status(['paid', 'shipped', 'pending'])))).toEqual([]);
    const numbered = contract([{ name: 'status', enum: [1, 2] }]);
    expect(evaluate(numbered, comparison(status(['1', '2']), status(['2', '1'])))).toEqual([]);
  });

  it('blocks a listed value removed', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'shipped']), status(['pending', 'paid'])));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'enum-value-removed',
        severity: 'blocking',
        message: 'Column "status" of public.orders no longer allows \'shipped\'; the contract lists \'shipped\'.',
      }),
    ]);
  });

  it('blocks an unlisted value added', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'shipped']), status(['pending', 'paid', 'shipped', 'refunded'])));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'enum-value-added',
        severity: 'blocking',
        before: 'pending, paid, shipped',
        after: 'pending, paid, shipped, refunded',
        message: 'Column "status" of public.orders now allows \'refunded\'; the contract\'s list does not include \'refunded\'.',
      }),
    ]);
  });

  it('blocks a CHECK constraint dropped, since any value can then appear', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'shipped']), status()));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'enum-value-added',
        severity: 'blocking',
        after: 'any value',
        message: 'Column "status" of public.orders no longer restricts its values, so values outside the contract\'s list can appear.',
      }),
    ]);
  });

  it('blocks a list that leaves out listed values where the field took any value before', () => {
    expect(summary(evaluate(listed, comparison(status(), status(['pending', 'paid']))))).toEqual(['enum-value-removed blocking status']);
  });

  it('reports a base that already differs from the list as drift, once', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'legacy']), status(['pending', 'paid', 'legacy'])));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'enum-values-mismatch',
        severity: 'drift',
        before: 'pending, paid, shipped',
        after: 'pending, paid, legacy',
        message: 'At the base commit, column "status" of public.orders allows \'pending\', \'paid\', \'legacy\' where the contract lists \'pending\', \'paid\', \'shipped\'.',
      }),
    ]);
  });

  it('blocks only what the change adds to the drift', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'legacy']), status(['pending', 'legacy', 'refunded'])));
    expect(summary(findings)).toEqual([
      'enum-values-mismatch drift status',
      'enum-value-removed blocking status',
      'enum-value-added blocking status',
    ]);
    expect(findings[1]?.message).toBe('Column "status" of public.orders no longer allows \'paid\'; the contract lists \'paid\'.');
  });

  it('lists removing a value the contract does not list as information', () => {
    const findings = evaluate(listed, comparison(status(['pending', 'paid', 'shipped', 'legacy']), status(['pending', 'paid', 'shipped'])));
    expect(summary(findings)).toEqual(['enum-values-mismatch drift status', 'enum-value-removed info status']);
  });

  it('judges the head against the list when the base could not be built', () => {
    const error = { file: '001.sql', message: 'syntax error', kind: 'failed' } as const;
    const findings = evaluate(listed, comparison({ status: 'error', error }, status(['pending', 'paid', 'refunded'])));
    expect(summary(findings)).toEqual([
      'migration-failed drift',
      'enum-value-removed blocking status',
      'enum-value-added blocking status',
    ]);
  });
});

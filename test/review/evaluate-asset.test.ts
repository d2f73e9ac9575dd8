import { describe, expect, it } from '@jest/globals';
import { decideConclusion } from '../../src/review/evaluate.js';
import type { Conclusion, Finding, Severity } from '../../src/review/types.js';
import {
  CONTRACT_FILE,
  absent,
  comparison,
  consumers,
  contract,
  evaluate,
  field,
  renamed,
  summary,
  table,
} from './fixtures.js';

const orders = contract([{ name: 'id', type: 'bigint', required: true }], {
  consumers: [{ ...consumers.finance, uses: ['id'] }, consumers.churn],
});
const ordersTable = table(field('id', 'int8', { nullable: false }), field('note', 'text'));
const dropStatement = { file: 'db/migrations/002_drop.sql', line: 1 };

describe('the asset as a whole', () => {
  it('reports a dropped table once, to every consumer, with the statement that dropped it', () => {
    const findings = evaluate(orders, comparison(ordersTable, absent, { removedAt: dropStatement }));
    expect(findings).toEqual([
      {
        contract: 'orders',
        rule: 'asset-removed',
        severity: 'blocking',
        before: 'public.orders',
        file: dropStatement.file,
        line: 1,
        consumers: [
          { name: 'Finance dashboards', contact: '@acme/analytics', enforcement: 'blocking' },
          { name: 'Churn model', contact: '@jane', channel: '#churn', enforcement: 'advisory' },
        ],
        message: 'Table public.orders was removed; the contract still describes it.',
      },
    ]);
  });

  it('points at the contract when it cannot tell where the table was dropped', () => {
    const [finding] = evaluate(orders, comparison(ordersTable, absent));
    expect(finding).toMatchObject({ rule: 'asset-removed', file: CONTRACT_FILE, line: 4 });
  });

  it('reports a renamed table as a rename, then compares fields on the renamed table', () => {
    const renamedTable = table(field('id', 'int8', { nullable: true }), field('note', 'text'));
    const rename = renamed('public.orders', 'public.purchases', { file: 'db/migrations/002.sql', line: 3 });
    const findings = evaluate(orders, comparison(ordersTable, renamedTable, { assetRename: rename }));
    expect(summary(findings)).toEqual(['asset-renamed blocking', 'field-made-nullable blocking id']);
    expect(findings[0]).toMatchObject({
      before: 'public.orders',
      after: 'public.purchases',
      file: 'db/migrations/002.sql',
      line: 3,
      message: 'Table public.orders was renamed to public.purchases; the contract still names public.orders.',
    });
  });

  it('reports a renamed table that the head no longer finds as a rename, not a removal', () => {
    const rename = renamed('public.orders', 'public.purchases');
    expect(summary(evaluate(orders, comparison(ordersTable, absent, { assetRename: rename })))).toEqual([
      'asset-renamed blocking',
    ]);
  });

  it('reports a table missing at both commits as drift, once', () => {
    const findings = evaluate(orders, comparison(absent, absent));
    expect(summary(findings)).toEqual(['asset-missing drift']);
    expect(findings[0]).toMatchObject({ file: CONTRACT_FILE, line: 4 });
  });

  it('reports a table the change creates as drift at the base, never against the change', () => {
    const findings = evaluate(orders, comparison(absent, table(field('id', 'int4'))));
    expect(summary(findings)).toEqual(['asset-missing drift']);
  });

  it('changes nothing when the table did not change', () => {
    expect(evaluate(orders, comparison(ordersTable, ordersTable))).toEqual([]);
  });
});

describe('an asset that could not be built', () => {
  const error = { file: 'db/migrations/003.sql', line: 7, message: 'column "nope" does not exist', kind: 'failed' } as const;

  it('fails the review when the head cannot be built, even for a draft contract', () => {
    for (const subject of [orders, contract([{ name: 'id' }], { status: 'draft' })]) {
      const findings = evaluate(subject, comparison(ordersTable, { status: 'error', error }));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: 'migration-failed',
        severity: 'error',
        file: 'db/migrations/003.sql',
        line: 7,
        message:
          'The definition of table public.orders could not be built at the head commit (failed: column "nope" does not exist); the change cannot be judged.',
      });
    }
  });

  it('says when the sandbox stopped the work', () => {
    const timeout = { ...error, kind: 'timeout' } as const;
    const [finding] = evaluate(orders, comparison(ordersTable, { status: 'error', error: timeout }));
    expect(finding?.message).toContain('(timed out: ');
  });

  it('reports an unbuildable base as drift and judges the head as if the base met the contract', () => {
    const head = table(field('id', 'text', { nullable: true }));
    const findings = evaluate(orders, comparison({ status: 'error', error }, head));
    expect(summary(findings)).toEqual(['migration-failed drift', 'field-type-changed blocking id', 'field-made-nullable blocking id']);
    expect(findings[1]).toMatchObject({
      before: 'bigint',
      after: 'text',
      message: 'Column "id" of public.orders is text at the head commit, which the contract\'s bigint cannot hold.',
    });
  });

  it('judges a head that drops the table as a removal when the base could not be built', () => {
    const findings = evaluate(orders, comparison({ status: 'error', error }, absent));
    expect(summary(findings)).toEqual(['migration-failed drift', 'asset-removed blocking']);
  });

  it('finds nothing else against a head that meets the contract', () => {
    const findings = evaluate(orders, comparison({ status: 'error', error }, ordersTable));
    expect(summary(findings)).toEqual(['migration-failed drift']);
  });
});

describe('decideConclusion', () => {
  const finding = (severity: Severity): Finding => ({ contract: 'orders', rule: 'field-removed', severity, consumers: [], message: '' });

  const cases: [Severity[], Conclusion][] = [
    [[], 'success'],
    [['info', 'drift'], 'success'],
    [['info', 'advisory'], 'neutral'],
    [['advisory', 'blocking'], 'failure'],
    [['drift', 'error'], 'failure'],
  ];
  it.each(cases)('%j is %s', (severities, conclusion) => {
    expect(decideConclusion(severities.map(finding))).toBe(conclusion);
  });
});

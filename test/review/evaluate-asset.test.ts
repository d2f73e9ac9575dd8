import { describe, expect, it } from '@jest/globals';
import type { AssetState } from '../../src/assets/model.js';
import { postgresTypes } from '../../src/assets/postgres/types.js';
import { decideConclusion, evaluateContracts } from '../../src/review/evaluate.js';
import type { Conclusion, Finding, Severity } from '../../src/core/review.js';
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

  it('reports a table missing at both commits as an error naming the contract and its owner, saying how Postgres reads its name', () => {
    const owned = contract([{ name: 'id' }], { owner: '@acme/checkout' });
    const findings = evaluate(owned, comparison(absent, absent));
    expect(summary(findings)).toEqual(['asset-not-found error']);
    expect(findings[0]).toMatchObject({
      file: CONTRACT_FILE,
      line: 4,
      consumers: [],
      message:
        'Contract "orders" (owner @acme/checkout) describes table public.orders, which neither the base nor the head commit defines, so nothing it promises can be checked. Postgres folds unquoted names to lower case: a table created with a quoted mixed-case name is named quoted, as in public."Orders".',
    });
  });

  it('suggests the quoted name when the contract names a table with upper case letters', () => {
    const mixedCase = contract([{ name: 'id' }], { asset: { type: 'postgres', name: 'public.Orders', source: 'db/*.sql' } });
    const [finding] = evaluate(mixedCase, comparison(absent, absent));
    expect(finding?.message).toBe(
      'Contract "orders" (no owner named) describes table public.Orders, which neither the base nor the head commit defines, so nothing it promises can be checked. Postgres folds unquoted names to lower case, so this looks for public.orders; if the table was created with a quoted name, write public."Orders".',
    );
  });

  it('fails even a draft contract whose asset exists at neither commit: it checks nothing', () => {
    const draft = contract([{ name: 'id' }], { status: 'draft' });
    expect(summary(evaluate(draft, comparison(absent, absent)))).toEqual(['asset-not-found error']);
  });

  it('judges a table the change creates as introduced by it, with drift only for its absence at the base', () => {
    const created = contract(
      [
        { name: 'id', type: 'bigint', required: true, primaryKey: true },
        { name: 'status', type: 'string', enum: ['pending', 'paid'] },
        { name: 'amount', type: 'numeric(12,2)' },
      ],
      { consumers: [{ ...consumers.finance, uses: ['id', 'status'] }, consumers.churn] },
    );
    const head = table(field('id', 'text'), field('status', 'text', { allowedValues: ['pending', 'paid', 'void'], allowedValuesFrom: 'check' }));
    const findings = evaluate(created, comparison(absent, head));
    expect(summary(findings)).toEqual([
      'asset-missing drift',
      'field-type-changed blocking id',
      'field-made-nullable blocking id',
      'primary-key-removed blocking id',
      'enum-value-added blocking status',
      'field-removed advisory amount',
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'At the base commit, table public.orders does not exist, though the contract describes it.',
      'Column "id" of public.orders is text at the head commit, which the contract\'s bigint cannot hold.',
      'Column "id" of public.orders allows NULL; the contract marks it required.',
      'Column "id" of public.orders is not part of the primary key; the contract marks it primaryKey.',
      'Column "status" of public.orders allows \'void\'; the contract\'s list does not include \'void\'.',
      'Column "amount" of public.orders does not exist at the head commit, though the contract names it.',
    ]);
  });

  it('finds only the drift when the table the change creates meets the contract', () => {
    expect(summary(evaluate(orders, comparison(absent, ordersTable)))).toEqual(['asset-missing drift']);
  });

  it('changes nothing when the table did not change', () => {
    expect(evaluate(orders, comparison(ordersTable, ordersTable))).toEqual([]);
  });
});

describe('an asset that could not be built', () => {
  const error = { file: 'db/migrations/003.sql', line: 7, message: 'column "nope" does not exist', kind: 'failed' } as const;

  it('fails the review when the head cannot be built, even for a draft contract, and mentions no consumer', () => {
    for (const subject of [orders, contract([{ name: 'id' }], { status: 'draft' })]) {
      const findings = evaluate(subject, comparison(ordersTable, { status: 'error', error }));
      expect(findings).toEqual([
        {
          contract: 'orders',
          rule: 'migration-failed',
          severity: 'error',
          file: 'db/migrations/003.sql',
          line: 7,
          consumers: [],
          message:
            'The definition of table public.orders could not be built at the head commit (failed: column "nope" does not exist); the change cannot be judged.',
        },
      ]);
    }
  });

  it('reports one failing statement once, naming every contract it stopped', () => {
    const customers = contract([{ name: 'id' }], { id: 'customers', asset: { type: 'postgres', name: 'public.customers', source: 'db/*.sql' } });
    const otherError = { ...error, line: 9, message: 'syntax error at or near "TABL"' };
    const input = (subject: typeof orders, head: AssetState) =>
      ({ contract: subject, file: CONTRACT_FILE, comparison: comparison(ordersTable, head), types: postgresTypes }) as const;
    const findings = evaluateContracts([
      input(orders, { status: 'error', error }),
      input(customers, { status: 'error', error }),
      input(contract([{ name: 'id' }], { id: 'events' }), { status: 'error', error: otherError }),
    ]);
    expect(findings).toEqual([
      {
        contract: 'orders',
        rule: 'migration-failed',
        severity: 'error',
        file: 'db/migrations/003.sql',
        line: 7,
        consumers: [],
        message:
          'The definitions of table public.orders, table public.customers (contracts orders, customers) could not be built at the head commit (failed: column "nope" does not exist); the change cannot be judged.',
      },
      expect.objectContaining({ contract: 'events', line: 9, severity: 'error', consumers: [] }),
    ]);
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

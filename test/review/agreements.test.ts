import { afterAll, describe, expect, it } from '@jest/globals';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import type { Finding } from '../../src/core/review.js';
import { reviewChange } from '../../src/review/run.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const TABLE = { 'db/migrations/V1__orders.sql': 'CREATE TABLE public.orders (id bigint PRIMARY KEY, status text NOT NULL, note text);' };
const FINANCE = '  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';
const CHURN = '  - name: Churn model\n    contact: "@jane"\n    enforcement: advisory\n    uses: [status]\n';

function contract(fields: string, { owner = '@acme/checkout', consumers = FINANCE + CHURN, extra = '' } = {}): string {
  return [
    'id: orders',
    ...(owner ? [`owner: "${owner}"`] : []),
    extra,
    'asset:',
    '  type: postgres',
    '  name: public.orders',
    '  source: db/migrations/*.sql',
    'fields:',
    fields.trimEnd(),
    'consumers:',
    consumers.trimEnd(),
    '',
  ].filter((line) => line !== '').join('\n');
}

const BASE_FIELDS = '  - name: id\n    required: true\n  - name: status\n    required: true\n';

async function review(base: FileMap, head: FileMap) {
  return reviewChange(memoryChange(base, head), extractors);
}

const lines = (findings: Finding[]) =>
  findings.map((finding) => `${finding.rule} ${finding.severity}${finding.field ? ` ${finding.field}` : ''} [${(finding.approvers ?? []).join(' ')}]`);

describe('a pull request that changes a contract file', () => {
  it('needs no one for names, descriptions and channels, nor for moving the file', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS) };
    const edited = { ...TABLE, 'contracts/data/orders.yaml': contract(BASE_FIELDS, { extra: 'name: Orders\ndescription: Every order' }) };
    const result = await review(base, edited);
    expect(result.findings).toEqual([]);
    expect(result.conclusion).toBe('success');
  });

  it('asks the consumers that relied on a loosened guarantee, at the line in the head file', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS) };
    const head = { ...TABLE, 'contracts/orders.yaml': contract('  - name: id\n    required: true\n  - name: status\n') };
    const result = await review(base, head);
    expect(lines(result.findings)).toEqual(['contract-required-removed blocking status [@acme/analytics @jane]']);
    expect(result.findings[0]).toMatchObject({ file: 'contracts/orders.yaml', line: 10 });
    expect(result.conclusion).toBe('failure');
  });

  it('asks the owner for a new contract and checks the asset against it', async () => {
    const head = { ...TABLE, 'contracts/orders.yaml': contract(`${BASE_FIELDS}  - name: note\n    required: true\n  - name: total\n`) };
    const result = await review(TABLE, head);
    expect(lines(result.findings)).toEqual([
      'contract-added blocking [@acme/checkout]',
      'contract-unmet error note []',
      'contract-unmet error total []',
    ]);
    expect(result.findings[1]!.message).toMatch(/^The changed contract promises what the asset at the head commit does not do: /);
  });

  it('blames only the guarantees the pull request adds on the asset, not what the base already promised', async () => {
    const driftingBase = { ...TABLE, 'contracts/orders.yaml': contract(`${BASE_FIELDS}  - name: note\n    required: true\n`) };
    const head = { ...TABLE, 'contracts/orders.yaml': contract(`${BASE_FIELDS}  - name: note\n    required: true\n  - name: id2\n`) };
    const result = await review(driftingBase, head);
    expect(lines(result.findings)).toEqual(['contract-field-added blocking id2 [@acme/checkout]', 'contract-unmet error id2 []']);
  });

  it('says that a contract without an owner names no one who could agree', async () => {
    const head = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS, { owner: '' }) };
    const result = await review(TABLE, head);
    expect(lines(result.findings)).toEqual(['contract-added blocking []']);
    expect(result.findings[0]!.message).toContain('The contract names no owner who could agree: name one with `owner:`.');
  });

  it('fails on a changed contract file that does not validate, at its line, and reads it as no removal', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS) };
    const head = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS, { consumers: FINANCE.replace('blocking', 'sometimes') }) };
    const result = await review(base, head);
    expect(lines(result.findings)).toEqual(['contract-invalid error []']);
    expect(result.findings[0]).toMatchObject({ contract: 'orders', file: 'contracts/orders.yaml', line: 15 });
    expect(result.conclusion).toBe('failure');
  });

  it('still judges the rest of the change by the base contract, however the pull request loosens it', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS, { consumers: FINANCE }) };
    const head = {
      ...TABLE,
      'db/migrations/V2__drop.sql': 'ALTER TABLE public.orders DROP COLUMN status;',
      'contracts/orders.yaml': contract('  - name: id\n    required: true\n', { consumers: FINANCE }),
    };
    const result = await review(base, head);
    expect(lines(result.findings)).toEqual([
      'field-removed blocking status []',
      'contract-field-removed blocking status [@acme/analytics]',
    ]);
  });

  it('weighs a loosening by the agreement in force, even when the head makes the contract a draft', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS) };
    const head = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS, { extra: 'status: draft' }) };
    expect(lines((await review(base, head)).findings)).toEqual(['contract-status-relaxed blocking [@acme/analytics @jane]']);
  });

  it('reads a removed contract file as the contract removed', async () => {
    const base = { ...TABLE, 'contracts/orders.yaml': contract(BASE_FIELDS) };
    expect(lines((await review(base, TABLE)).findings)).toEqual(['contract-removed blocking [@acme/analytics @jane]']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import { brief, dbtContract, review } from './support.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const ORDERS_SQL = { 'models/marts/orders.sql': 'select * from {{ ref("stg_orders") }}' };

/** One fixture folder's properties file at `models/marts/orders.yml` (beside the model's SQL), before and after. */
function fixture(name: string): { before: FileMap; after: FileMap } {
  const read = (commit: string) => readFileSync(new URL(`${name}/${commit}.yml`, FIXTURES), 'utf8');
  return { before: { 'models/marts/orders.yml': read('before'), ...ORDERS_SQL }, after: { 'models/marts/orders.yml': read('after'), ...ORDERS_SQL } };
}

/** A contract on `orders` whose fields (YAML lines under `fields:`) the case relies on. */
async function reviewFixture(name: string, fields: string, head?: FileMap) {
  const contract = dbtContract('orders', 'orders', fields);
  const { before, after } = fixture(name);
  return review({ ...contract, ...before }, { ...contract, ...(head ?? after) });
}

const AT = 'models/marts/orders.yml';

describe('each change to a contracted model, through the whole review', () => {
  it.each([
    ['column-removed', '  - name: amount\n    type: decimal\n', [`field-removed blocking ${AT}:10`]],
    ['type-changed-family', '  - name: amount\n    type: decimal\n', [`field-type-changed blocking ${AT}:30`]],
    ['type-widened', '  - name: amount\n    type: numeric(12,2)\n', [`field-type-widened info ${AT}:30`]],
    ['type-narrowed', '  - name: customer_email\n    type: string\n', [`field-type-narrowed blocking ${AT}:19`]],
    ['made-nullable', '  - name: status\n    required: true\n', [`field-made-nullable blocking ${AT}:22`]],
    ['enum-value-removed', '  - name: status\n    enum: [placed, shipped, returned]\n', [`enum-value-removed blocking ${AT}:26`]],
    ['enum-value-added', '  - name: status\n    enum: [placed, shipped, returned]\n', [`enum-value-added blocking ${AT}:26`]],
    ['primary-key-removed', '  - name: order_id\n    primaryKey: true\n', [`primary-key-removed blocking ${AT}:11`]],
    ['unique-removed', '  - name: customer_email\n    unique: true\n', [`unique-removed blocking ${AT}:18`]],
    ['test-only-warns', '  - name: status\n    required: true\n', [`field-made-nullable blocking ${AT}:22`]],
  ])('%s', async (name, fields, expected) => {
    const result = await reviewFixture(name, fields);
    expect(brief(result.findings.filter((finding) => finding.consumers.length > 0))).toEqual(expected);
    expect(result.conclusion).toBe(expected.some((line) => line.includes('blocking')) ? 'failure' : 'success');
  });

  it('makes no finding for spellings of the same types (INT64, DECIMAL(12, 2), character varying, TIMESTAMP_NTZ)', async () => {
    const fields = '  - name: order_id\n    type: bigint\n  - name: amount\n    type: numeric(12,2)\n  - name: status\n    type: varchar(32)\n';
    const result = await reviewFixture('equivalent-spellings', fields);
    expect(result.findings).toEqual([]);
    expect(result.conclusion).toBe('success');
  });

  it('reports a removed model (entry and SQL file deleted) at the models: list of its properties file', async () => {
    const { after } = fixture('model-removed');
    const result = await reviewFixture('model-removed', '  - name: order_id\n', { 'models/marts/orders.yml': after['models/marts/orders.yml']! });
    expect(brief(result.findings)).toEqual([`asset-removed blocking ${AT}:3`]);
  });

  it('reports a model whose SQL file is deleted as removed, at its properties entry', async () => {
    const { before } = fixture('model-removed');
    const result = await reviewFixture('model-removed', '  - name: order_id\n', { 'models/marts/orders.yml': before['models/marts/orders.yml']! });
    expect(brief(result.findings)).toEqual([`asset-removed blocking ${AT}:4`]);
  });

  it('reports a renamed model (same columns under a new name and file) as renamed, at its new entry', async () => {
    const { after } = fixture('model-renamed');
    const head = { 'models/marts/orders.yml': after['models/marts/orders.yml']!, 'models/marts/fct_orders.sql': 'select 1' };
    const result = await reviewFixture('model-renamed', '  - name: order_id\n', head);
    expect(brief(result.findings)).toEqual([`asset-renamed blocking ${AT}:4`]);
    expect(result.findings[0]!.message).toContain('renamed to fct_orders');
  });

  it('reports the constraints a contract no longer enforced stops applying, at its enforced: line', async () => {
    const fields = '  - name: order_id\n    primaryKey: true\n  - name: amount\n    required: true\n  - name: status\n    required: true\n';
    const result = await reviewFixture('contract-unenforced', fields);
    // status keeps its not_null data test, which runs whatever the contract.
    expect(brief(result.findings.filter((finding) => finding.consumers.length > 0))).toEqual([
      `dbt-contract-unenforced blocking ${AT}:9`,
      `field-made-nullable info ${AT}:9`,
      `primary-key-removed blocking ${AT}:9`,
      `field-made-nullable blocking ${AT}:9`,
    ]);
    expect(result.findings.map((finding) => finding.field)).toEqual([undefined, 'order_id', 'order_id', 'amount']);
  });

  it('reports the constraints a view cannot carry, at its materialized: line', async () => {
    const result = await reviewFixture('materialized-as-view', '  - name: order_id\n    primaryKey: true\n');
    expect(brief(result.findings.filter((finding) => finding.consumers.length > 0))).toEqual([
      `field-made-nullable info ${AT}:7`,
      `primary-key-removed blocking ${AT}:7`,
    ]);
  });
});

describe('model versions', () => {
  const files = (commit: 'before' | 'after'): FileMap => ({
    'models/customers.yml': readFileSync(new URL(`latest-version-bumped/${commit}.yml`, FIXTURES), 'utf8'),
    'models/customers_v1.sql': 'select 1',
    'models/customers_v2.sql': 'select 1',
  });

  it('judges the latest version for an unpinned name: a column the new latest leaves out is removed at latest_version', async () => {
    const contract = dbtContract('customers', 'customers', '  - name: country\n    type: string\n');
    const result = await review({ ...contract, ...files('before') }, { ...contract, ...files('after') });
    expect(brief(result.findings)).toEqual(['field-removed blocking models/customers.yml:5']);
  });

  it('keeps judging a pinned version (customers.v1) the same when the latest moves on', async () => {
    const contract = dbtContract('customers', 'customers.v1', '  - name: country\n    type: string\n');
    const result = await review({ ...contract, ...files('before') }, { ...contract, ...files('after') });
    expect(result.findings).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { dbtReader } from '../../../src/assets/dbt/reader.js';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { expectEachReadsBack, listed } from '../listing.js';

const readers = [dbtReader()];
const SOURCE = 'models/**';

const ORDERS = [
  'version: 2',
  'models:',
  '  - name: orders',
  '    config:',
  '      contract: {enforced: true}',
  '    columns:',
  '      - name: id',
  '        data_type: bigint',
  '        constraints: [{type: primary_key}]',
  '      - name: status',
  '        data_type: varchar(16)',
  '        tests:',
  '          - accepted_values: {values: [new, paid]}',
  '  - name: customers',
  '    latest_version: 2',
  '    columns:',
  '      - name: id',
  '        data_type: int',
  '        tests: [not_null, unique]',
  '      - name: email',
  '        data_type: text',
  '    versions:',
  '      - v: 1',
  '      - v: 2',
  '        columns:',
  '          - include: all',
  '            exclude: [email]',
  '  - name: retired',
  '    config:',
  '      enabled: false',
  '    columns:',
  '      - name: id',
  '',
].join('\n');

const FILES = {
  'models/marts/orders.yml': ORDERS,
  'models/marts/orders.sql': 'select 1 as id',
  'models/marts/customers_v1.sql': 'select 1 as id',
  'models/marts/customers_v2.sql': 'select 1 as id',
  'models/marts/retired.sql': 'select 1 as id',
  'models/staging/stg_payments.sql': 'select 1 as id',
  'models/dbt_project.yml': 'name: shop\n',
};

describe('listing the dbt models of a commit', () => {
  it('lists every model with a properties entry by its name, so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', FILES);
    const listing = await listed(readers, snapshot, 'dbt', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['customers', 'orders']);
    // The versioned model reads its latest version.
    expect(listing.assets[0]?.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual(['id integer false']);
    expect(listing.assets[1]?.enforcement?.enforced).toBe(true);
    expect(listing.assets[1]?.fields[1]?.allowedValues).toEqual(['new', 'paid']);
    await expectEachReadsBack(readers, snapshot, 'dbt', SOURCE, listing);
  });

  it('reports a properties file that is not YAML, and lists the models of the others', async () => {
    const snapshot = memorySnapshot('c1', { ...FILES, 'models/staging/schema.yml': 'models:\n  - name: stg_payments\n    columns: [\n' });
    const listing = await listed(readers, snapshot, 'dbt', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: 'models/staging/schema.yml' })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['customers', 'orders']);
    await expectEachReadsBack(readers, snapshot, 'dbt', SOURCE, listing);
  });

  it('reports a model dbt refuses, and lists the others', async () => {
    const duplicate = 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n';
    const snapshot = memorySnapshot('c1', { ...FILES, 'models/staging/more.yml': duplicate });
    const listing = await listed(readers, snapshot, 'dbt', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ file: expect.stringMatching(/\.yml$/), message: expect.stringMatching(/second properties entry/) })]);
    expect(listing.assets.map((asset) => asset.name)).toEqual(['customers']);
  });

  it('lists nothing, and no error, where no properties file matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'models/orders.sql': 'select 1' }), 'dbt', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { ...FILES, '.github/data-contracts.yml': 'dbt:\n  maxBytes: 100\n' });
    const listing = await listed(readers, snapshot, 'dbt', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit', file: 'models/marts/orders.yml' })]);
  });
});

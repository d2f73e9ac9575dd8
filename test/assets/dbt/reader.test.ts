import { describe, expect, it } from '@jest/globals';
import type { AssetState, FieldSchema } from '../../../src/assets/model.js';
import type { DbtModelSchema } from '../../../src/assets/dbt/fields.js';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import { compareDbt } from './support.js';

/** The model's fields at the head, when it could be built. */
function fieldsOf(state: AssetState): Record<string, Omit<FieldSchema, 'name' | 'origin'>> {
  if (state.status !== 'present') throw new Error(`not present: ${JSON.stringify(state)}`);
  return Object.fromEntries(state.schema.fields.map(({ name, origin: _origin, ...rest }) => [name, rest]));
}

async function headOf(files: FileMap, model = 'orders', source?: string | string[]) {
  return (await compareDbt({}, files, model, source)).head;
}

const ENFORCED = '    config:\n      contract:\n        enforced: true\n';

describe('columns and their guarantees', () => {
  it('reads data_type, constraints and the data tests that guarantee something, in both test keys and every form', async () => {
    const yaml = `version: 2
models:
  - name: orders
${ENFORCED}    columns:
      - name: id
        data_type: INTEGER
        constraints: [{ type: primary_key }]
      - name: legacy_key
        data_type: text
        tests: [not_null, unique]
      - name: status
        data_type: string
        data_tests:
          - accepted_values:
              values: [placed, shipped]
              quote: true
          - accepted_values:
              arguments: { values: [shipped, placed, returned] }
      - name: named_test
        data_tests:
          - name: status_is_known
            test_name: accepted_values
            values: [a, 1, true]
`;
    expect(fieldsOf(await headOf({ 'models/orders.yml': yaml }))).toEqual({
      id: { type: 'integer', nullable: false, primaryKey: true, unique: false },
      legacy_key: { type: 'text', nullable: false, primaryKey: false, unique: true },
      status: { type: 'text', nullable: true, primaryKey: false, unique: false, allowedValues: ['placed', 'shipped'], allowedValuesFrom: 'check' },
      named_test: { type: 'unknown', nullable: true, primaryKey: false, unique: false, allowedValues: ['a', '1', 'true'], allowedValuesFrom: 'check' },
    });
  });

  it('takes no guarantee from a test that only warns, is switched off, checks a where-filtered subset or tolerates failures', async () => {
    const yaml = `models:
  - name: orders
    columns:
      - name: warns
        data_tests: [{ not_null: { config: { severity: warn } } }]
      - name: warns_before_dbt_1_10
        data_tests: [{ unique: { severity: WARN } }]
      - name: disabled
        data_tests: [{ not_null: { config: { enabled: false } } }]
      - name: filtered
        data_tests: [{ not_null: { config: { where: "status != 'draft'" } } }]
      - name: tolerant
        data_tests: [{ unique: { config: { error_if: ">10" } } }]
      - name: default_threshold
        data_tests: [{ unique: { config: { error_if: "!= 0", severity: error } } }]
`;
    const fields = fieldsOf(await headOf({ 'models/orders.yml': yaml }));
    expect(Object.entries(fields).map(([name, field]) => [name, !field.nullable || field.unique])).toEqual([
      ['warns', false],
      ['warns_before_dbt_1_10', false],
      ['disabled', false],
      ['filtered', false],
      ['tolerant', false],
      ['default_threshold', true],
    ]);
  });

  it('applies model-level constraints to their columns: a composite primary key makes no column unique alone', async () => {
    const yaml = `models:
  - name: orders
${ENFORCED}    constraints:
      - type: primary_key
        columns: [order_id, line]
      - type: unique
        columns: [sku]
      - type: unique
        columns: [order_id, sku]
    columns:
      - { name: order_id, data_type: int }
      - { name: line, data_type: int }
      - { name: sku, data_type: text }
`;
    expect(fieldsOf(await headOf({ 'models/orders.yml': yaml }))).toEqual({
      order_id: { type: 'integer', nullable: false, primaryKey: true, unique: false },
      line: { type: 'integer', nullable: false, primaryKey: true, unique: false },
      sku: { type: 'text', nullable: true, primaryKey: false, unique: true },
    });
  });

  it('takes no guarantee from constraints while the contract is not enforced, nor on a view', async () => {
    const model = (config: string) => `models:\n  - name: orders\n${config}    columns:\n      - name: id\n        constraints: [{ type: not_null }]\n`;
    const unenforced = fieldsOf(await headOf({ 'models/orders.yml': model('') }));
    const view = fieldsOf(await headOf({ 'models/orders.yml': model('    config:\n      materialized: view\n      contract: { enforced: true }\n') }));
    const table = fieldsOf(await headOf({ 'models/orders.yml': model('    config:\n      materialized: incremental\n      contract: { enforced: true }\n') }));
    expect([unenforced.id!.nullable, view.id!.nullable, table.id!.nullable]).toEqual([true, true, false]);
  });

  it('reads booleans as PyYAML does (enforced: yes) and keeps a column named y a name', async () => {
    const yaml = 'models:\n  - name: orders\n    config: { contract: { enforced: yes } }\n    columns:\n      - name: y\n        constraints: [{ type: not_null }]\n';
    expect(fieldsOf(await headOf({ 'models/orders.yml': yaml }))).toEqual({ y: { type: 'unknown', nullable: false, primaryKey: false, unique: false } });
  });

  it('resolves anchors and merge keys, as dbt projects share column definitions', async () => {
    const yaml = `x-id: &id
  data_type: bigint
  constraints: [{ type: not_null }]
models:
  - name: orders
${ENFORCED}    columns:
      - name: order_id
        <<: *id
      - <<: *id
        name: customer_id
        data_type: int
`;
    expect(fieldsOf(await headOf({ 'models/orders.yml': yaml }))).toEqual({
      order_id: { type: 'bigint', nullable: false, primaryKey: false, unique: false },
      customer_id: { type: 'integer', nullable: false, primaryKey: false, unique: false },
    });
  });

  it('keeps the last of two columns of one name, as dbt does', async () => {
    const yaml = 'models:\n  - name: orders\n    columns:\n      - { name: id, data_type: int }\n      - { name: other }\n      - { name: id, data_type: text }\n';
    const state = await headOf({ 'models/orders.yml': yaml });
    expect(Object.entries(fieldsOf(state)).map(([name, field]) => `${name} ${field.type}`)).toEqual(['id text', 'other unknown']);
  });
});

describe('model versions', () => {
  const yaml = `models:
  - name: customers
${ENFORCED}    columns:
      - name: customer_id
        data_type: int
        data_tests: [not_null]
      - name: country
        data_type: text
      - name: email
        data_type: text
    versions:
      - v: 10
        columns:
          - include: '*'
            exclude: [country]
          - name: customer_id
            data_type: bigint
      - v: 9
        config: { contract: { enforced: false } }
        columns:
          - include: [customer_id]
          - name: legacy_id
            data_type: text
      - v: 8
`;
  const files = { 'models/customers.yml': yaml };
  const described = (state: AssetState) =>
    state.status === 'present' ? [state.schema.name, ...state.schema.fields.map((field) => `${field.name} ${field.type}${field.nullable ? '' : ' not null'}`)] : state.status;

  it('reads an unpinned name as the highest numeric version, with include/exclude and overrides that keep the column\'s tests', async () => {
    expect(described(await headOf(files, 'customers'))).toEqual(['customers.v10', 'customer_id bigint not null', 'email text']);
  });

  it('reads a pinned version with its own config and columns, and a version with no columns as every top-level one', async () => {
    expect(described(await headOf(files, 'customers.v9'))).toEqual(['customers.v9', 'customer_id integer not null', 'legacy_id text']);
    expect(described(await headOf(files, 'customers.v8'))).toEqual(['customers.v8', 'customer_id integer not null', 'country text', 'email text']);
    expect(described(await headOf(files, 'customers.v7'))).toEqual('absent');
  });

  it('follows latest_version, and the model files of each version (defined_in, or <name>_v<v>)', async () => {
    const pinned = yaml.replace('  - name: customers\n', '  - name: customers\n    latest_version: 9\n').replace('      - v: 9\n', '      - v: 9\n        defined_in: customers_legacy\n');
    const withFiles = { 'models/customers.yml': pinned, 'models/customers_legacy.sql': 'select 1', 'models/customers_v8.sql': 'select 1' };
    expect((await headOf(withFiles, 'customers')).status).toBe('present');
    expect((await headOf(withFiles, 'customers.v8')).status).toBe('present');
    expect((await headOf(withFiles, 'customers.v10')).status).toBe('absent');
  });
});

describe('what makes a model exist', () => {
  const entry = 'models:\n  - name: orders\n    config:\n      enabled: false\n    columns: [{ name: id }]\n';

  it('treats a disabled model as removed, at its enabled: line', async () => {
    const comparison = await compareDbt({ 'models/orders.yml': entry.replace('false', 'true') }, { 'models/orders.yml': entry }, 'orders');
    expect(comparison.head.status).toBe('absent');
    expect(comparison.removedAt).toEqual({ file: 'models/orders.yml', line: 4 });
  });

  it('does not look for model files when asset.source matches only properties files', async () => {
    const files = { 'models/orders.yml': entry.replace('false', 'true'), 'models/orders.sql': 'select 1' };
    expect((await headOf(files, 'orders', 'models/**/*.yml')).status).toBe('present');
    expect((await headOf({ 'models/orders.yml': entry.replace('false', 'true'), 'models/other.sql': 'select 1' }, 'orders')).status).toBe('absent');
  });

  it('reads no folder-level config from dbt_project.yml, whose models: is no list of entries', async () => {
    const project = 'name: shop\nmodels:\n  shop:\n    +contract:\n      enforced: true\n';
    const files = { 'models/dbt_project.yml': project, 'models/orders.yml': 'models:\n  - name: orders\n    columns: [{ name: id }]\n' };
    expect((await headOf(files, 'orders')).status).toBe('present');
  });
});

describe('the contract\'s enforcement, for the rule that reports it dropped', () => {
  it('says whether dbt enforces the contract, and where the model says so', async () => {
    const model = (enforced: string) => `models:\n  - name: orders\n    config:\n      contract:\n        enforced: ${enforced}\n    columns: [{ name: id }]\n`;
    const comparison = await compareDbt({ 'models/orders.yml': model('true') }, { 'models/orders.yml': model('false') }, 'orders');
    const enforcement = (state: AssetState) => (state.status === 'present' ? (state.schema as DbtModelSchema).enforcement : undefined);
    expect([enforcement(comparison.base), enforcement(comparison.head)]).toEqual([
      { enforced: true, origin: { file: 'models/orders.yml', line: 5 } },
      { enforced: false, origin: { file: 'models/orders.yml', line: 5 } },
    ]);
  });
});

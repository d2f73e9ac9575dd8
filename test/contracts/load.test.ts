import { describe, expect, it } from '@jest/globals';
import { loadContracts } from '../../src/contracts/load.js';
import { ASSET_TYPES } from '../../src/contracts/schema.js';
import { FULL_CONTRACT, minimalContract, yamlLines } from './fixtures.js';

function errorsOf(text: string, path = 'contracts/orders.yaml') {
  const result = loadContracts([{ path, text }]);
  expect(result.contracts).toEqual([]);
  return result.errors;
}

describe('loadContracts: valid contracts', () => {
  it('loads the full example contract with the defaults applied', () => {
    const { contracts, errors } = loadContracts([{ path: 'contracts/orders.yaml', text: FULL_CONTRACT }]);
    expect(errors).toEqual([]);
    expect(contracts).toHaveLength(1);
    const [loaded] = contracts;
    expect(loaded?.file).toBe('contracts/orders.yaml');
    expect(loaded?.contract).toEqual({
      id: 'orders',
      name: 'Orders',
      version: '1.2.0',
      status: 'active',
      owner: '@acme/checkout',
      asset: { type: 'postgres', name: 'public.orders', source: 'db/migrations/**/*.sql' },
      fields: [
        { name: 'id', type: 'bigint', required: true, primaryKey: true, unique: false },
        { name: 'status', type: 'text', required: true, primaryKey: false, unique: false, enum: ['pending', 'paid', 'shipped', 'cancelled'] },
        { name: 'amount', type: 'numeric(12,2)', required: false, primaryKey: false, unique: false },
      ],
      consumers: [
        { name: 'Finance dashboards', contact: '@acme/analytics', channel: '#finance-data', enforcement: 'blocking', uses: ['id', 'status', 'amount'] },
        { name: 'Churn model', contact: '@jane', enforcement: 'advisory', uses: ['status'] },
      ],
    });
  });

  it('defaults the status to active and the fields to none', () => {
    const { contracts, errors } = loadContracts([{ path: 'contracts/orders.yaml', text: minimalContract('orders') }]);
    expect(errors).toEqual([]);
    expect(contracts[0]?.contract.status).toBe('active');
    expect(contracts[0]?.contract.fields).toEqual([]);
  });

  it('accepts a list of globs as the asset source', () => {
    const { contracts, errors } = loadContracts([{ path: 'c.yaml', text: minimalContract('orders', '[db/*.sql, "schema/**"]') }]);
    expect(errors).toEqual([]);
    expect(contracts[0]?.contract.asset.source).toEqual(['db/*.sql', 'schema/**']);
  });

  it('gives the line of any value, of the key for a mapping entry, and undefined for what is not written', () => {
    const [loaded] = loadContracts([{ path: 'contracts/orders.yaml', text: FULL_CONTRACT }]).contracts;
    expect(loaded?.lineOf(['fields', 2, 'name'])).toBe(20);
    expect(loaded?.lineOf(['fields', 1])).toBe(16);
    expect(loaded?.lineOf(['asset'])).toBe(7);
    expect(loaded?.lineOf(['asset', 'source'])).toBe(10);
    expect(loaded?.lineOf(['consumers', 0, 'uses', 2])).toBe(27);
    expect(loaded?.lineOf(['fields', 2, 'enum'])).toBeUndefined();
    expect(loaded?.lineOf(['fields', 9])).toBeUndefined();
  });
});

describe('loadContracts: errors, each at its file, line and column', () => {
  it('reports a YAML syntax error where yaml finds it', () => {
    const text = yamlLines('id: orders', 'fields: [id, status', 'consumers: []');
    expect(errorsOf(text)).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 3,
        column: 1,
        message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('refuses several YAML documents in one file, at the second', () => {
    const text = `${minimalContract('orders')}---\n${minimalContract('customers')}`;
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 10, column: 1, message: 'a second YAML document starts here; the file must hold only one' },
    ]);
  });

  it('refuses a file that is not a mapping, or is empty', () => {
    expect(errorsOf(yamlLines('', '- id: orders'))).toEqual([
      { file: 'contracts/orders.yaml', line: 2, column: 1, message: 'the file must be a mapping, but is a list' },
    ]);
    expect(errorsOf('# nothing yet\n')).toEqual([
      { file: 'contracts/orders.yaml', line: 1, column: 1, message: 'the file must be a mapping, but is empty' },
    ]);
  });

  it('reports an unknown key at the key itself', () => {
    const text = minimalContract('orders').replace('  - name: Finance\n', '  - name: Finance\n    Contact: "@jane"\n');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 8, column: 5, message: 'consumers[0].Contact: unknown key' },
    ]);
  });

  it('reports a wrong type at the value', () => {
    const text = yamlLines(minimalContract('orders'), 'fields:', '  - name: id', '    required: "yes"');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 13, column: 15, message: 'fields[0].required: must be true or false, but is "yes"' },
    ]);
  });

  it('reports a missing key at the mapping that lacks it', () => {
    const text = minimalContract('orders').replace('    contact: "@acme/analytics"\n', '');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 7, column: 5, message: 'consumers[0].contact: is required but missing' },
    ]);
  });

  it('reports a missing key whose value is one of a list, with the list', () => {
    const text = minimalContract('orders').replace('  type: postgres\n', '');
    expect(errorsOf(text).map((error) => error.message)).toEqual([
      'asset.type: is required but missing: it must be one of "postgres", "mysql", "sqlite", "avro", "protobuf", "jsonschema", "prisma", "dbt", "typescript"',
    ]);
  });

  it('reports a key written with no value at the key', () => {
    const text = minimalContract('orders').replace('  name: public.orders', '  name:');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 4, column: 3, message: 'asset.name: must be a string, but is empty' },
    ]);
  });

  it('reports a value outside its enumeration with the values allowed', () => {
    const text = minimalContract('orders').replace('enforcement: blocking', 'enforcement: soft');
    expect(errorsOf(text)).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 9,
        column: 18,
        message: 'consumers[0].enforcement: must be one of "blocking", "advisory", but is "soft"',
      },
    ]);
  });

  it('lists several errors of one file in the order of the file', () => {
    const text = yamlLines('colour: red', minimalContract('orders').replace('type: postgres', 'type: postgress').trimEnd());
    expect(errorsOf(text).map((error) => [error.line, error.column, error.message])).toEqual([
      [1, 1, 'colour: unknown key'],
      [4, 9, `asset.type: must be one of ${ASSET_TYPES.map((type) => `"${type}"`).join(', ')}, but is "postgress"`],
    ]);
  });

  it('reports a duplicate id on the second and later files, naming the first', () => {
    const result = loadContracts([
      { path: 'contracts/a.yaml', text: minimalContract('orders') },
      { path: 'contracts/b.yaml', text: minimalContract('orders') },
      { path: 'contracts/c.yaml', text: minimalContract('orders') },
    ]);
    expect(result.contracts.map((loaded) => loaded.file)).toEqual(['contracts/a.yaml']);
    expect(result.errors).toEqual([
      { file: 'contracts/b.yaml', line: 1, column: 5, message: 'id: "orders" is already the id of the contract in contracts/a.yaml' },
      { file: 'contracts/c.yaml', line: 1, column: 5, message: 'id: "orders" is already the id of the contract in contracts/a.yaml' },
    ]);
  });

  it('reports a field named twice on the second', () => {
    const text = yamlLines(minimalContract('orders'), 'fields:', '  - name: id', '  - name: status', '  - name: id');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 14, column: 11, message: 'fields[2].name: "id" is already the name of fields[0]' },
    ]);
  });

  it('reports a consumer using a field the contract does not list, at that list item', () => {
    const text = FULL_CONTRACT.replace('uses: [status]', 'uses: [status, customer_id]');
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 31, column: 20, message: 'consumers[1].uses[1]: "customer_id" is not a field of this contract' },
    ]);
  });

  it('accepts a consumer using the parent of nested fields, and still refuses a name that is no field nor parent', () => {
    const nested = (uses: string) =>
      yamlLines(
        'id: orders',
        'asset:',
        '  type: postgres',
        '  name: public.orders',
        '  source: db/migrations/*.sql',
        'fields:',
        '  - name: customer.zip',
        '  - name: customer.address.city',
        '  - name: customers_note',
        'consumers:',
        '  - name: Shipping',
        '    contact: "@acme/shipping"',
        '    enforcement: blocking',
        `    uses: ${uses}`,
      );
    const accepted = loadContracts([{ path: 'contracts/orders.yaml', text: nested('[customer, customer.address, customer.zip]') }]);
    expect(accepted.errors).toEqual([]);
    expect(accepted.contracts[0]?.contract.consumers[0]?.uses).toEqual(['customer', 'customer.address', 'customer.zip']);
    expect(errorsOf(nested('[customer.zi, customers_not, customer.address.city.x]'))).toEqual([
      { file: 'contracts/orders.yaml', line: 14, column: 12, message: 'consumers[0].uses[0]: "customer.zi" is not a field of this contract' },
      { file: 'contracts/orders.yaml', line: 14, column: 25, message: 'consumers[0].uses[1]: "customers_not" is not a field of this contract' },
      { file: 'contracts/orders.yaml', line: 14, column: 40, message: 'consumers[0].uses[2]: "customer.address.city.x" is not a field of this contract' },
    ]);
  });

  it('reports an asset source that is no usable glob', () => {
    expect(errorsOf(minimalContract('orders', '"db/{a,b"'))).toEqual([
      { file: 'contracts/orders.yaml', line: 5, column: 11, message: 'asset.source: is not a valid glob: unterminated group' },
    ]);
    expect(errorsOf(minimalContract('orders', '[db/*.sql, /srv/db/*.sql, db/../x/*.sql]'))).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 5,
        column: 22,
        message: 'asset.source[1]: must be relative to the repository root, not an absolute path',
      },
      { file: 'contracts/orders.yaml', line: 5, column: 37, message: 'asset.source[2]: must stay inside the repository: ".." is not allowed' },
    ]);
    expect(errorsOf(minimalContract('orders', '""'))).toEqual([
      { file: 'contracts/orders.yaml', line: 5, column: 11, message: 'asset.source: must be a glob or a list of globs' },
    ]);
  });

  it('reports a file whose aliases would expand without bound instead of expanding it', () => {
    const text = yamlLines(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    );
    expect(errorsOf(text)).toEqual([
      { file: 'contracts/orders.yaml', line: 1, column: 1, message: 'Excessive alias count indicates a resource exhaustion attack' },
    ]);
  });
});

describe('loadContracts: several files', () => {
  it('still loads every other contract when one file is broken', () => {
    const result = loadContracts([
      { path: 'contracts/broken.yaml', text: 'id: [orders\n' },
      { path: 'contracts/customers.yaml', text: minimalContract('customers') },
      { path: 'contracts/invalid.yaml', text: minimalContract('invoices').replace('type: postgres', 'type: oracle') },
    ]);
    expect(result.contracts.map((loaded) => [loaded.file, loaded.contract.id])).toEqual([['contracts/customers.yaml', 'customers']]);
    expect(result.errors.map((error) => [error.file, error.line])).toEqual([
      ['contracts/broken.yaml', 2],
      ['contracts/invalid.yaml', 3],
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { memoryChange } from '../../../src/core/memory-snapshot.js';
import { dbtReader } from '../../../src/assets/dbt/reader.js';
import type { AssetState } from '../../../src/assets/model.js';
import { settingsSchema } from '../../../src/config/schema.js';
import { brief, compareDbt, dbtContract, review } from './support.js';

const ORDERS = 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n';
const CUSTOMERS = 'version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: email\n        data_tests: [unique]\n';

function errorOf(state: AssetState): string {
  if (state.status !== 'error') throw new Error(`no error: ${JSON.stringify(state)}`);
  const { file, line, kind, message } = state.error;
  return `${kind} ${file}:${line} ${message}`;
}

describe('a broken properties file', () => {
  const contracts = {
    ...dbtContract('orders', 'orders', '  - name: id\n    required: true\n', 'models/orders/**'),
    ...dbtContract('customers', 'customers', '  - name: email\n    unique: true\n', 'models/customers/**'),
  };
  const base = { ...contracts, 'models/orders/orders.yml': ORDERS, 'models/customers/customers.yml': CUSTOMERS };

  it('is an error at its line, and every other contract is still reviewed', async () => {
    const head = {
      ...base,
      'models/orders/orders.yml': ORDERS.replace('      - name: id\n', '      - name: id\n     bad: [\n'),
      'models/customers/customers.yml': CUSTOMERS.replace('[unique]', '[]'),
    };
    const result = await review(base, head);
    expect(brief(result.findings)).toEqual(['migration-failed error models/orders/orders.yml:6', 'unique-removed blocking models/customers/customers.yml:5']);
    expect(result.findings[0]!.message).toContain('not valid YAML');
    expect(result.conclusion).toBe('failure');
  });

  it('at the base only, is drift, and the head is still judged', async () => {
    const brokenBase = { ...base, 'models/orders/broken.yml': 'models: [' };
    const head = { ...brokenBase, 'models/orders/broken.yml': 'models: []', 'models/orders/orders.yml': ORDERS.replace('[not_null]', '[]') };
    const result = await review(brokenBase, head);
    expect(brief(result.findings)).toEqual(['migration-failed drift models/orders/broken.yml:1', 'field-made-nullable blocking models/orders/orders.yml:5']);
  });
});

describe('errors at their lines', () => {
  it.each([
    ['a second entry for the same model', `${ORDERS}  - name: orders\n    columns: []\n`, 'failed models/orders.yml:7 model orders has a second properties entry here (the first is at models/orders.yml:3), which dbt refuses'],
    ['an entry that names no model', 'models:\n  - description: no name\n', 'failed models/orders.yml:2 this models: entry names no model (it needs name:), so dbt refuses the file'],
    ['a models: that is no list', 'models:\n  orders: {}\n', 'failed models/orders.yml:1 models: must be a list of models'],
    ['a file that is no mapping', '- models\n', 'failed models/orders.yml:1 a properties file must be a mapping (version: 2, models: ...)'],
    ['a properties version dbt does not read', 'version: 1\nmodels: []\n', 'failed models/orders.yml:1 version: 1 is not a properties file version dbt reads (version: 2)'],
    ['a second YAML document', `${ORDERS}---\nmodels: []\n`, 'failed models/orders.yml:7 not valid YAML: a second YAML document starts here; a properties file holds one'],
    ['a duplicate key', 'models: []\nmodels: []\n', 'failed models/orders.yml:2 not valid YAML: Map keys must be unique'],
    ['a NUL byte', `${ORDERS}# \u0000\n`, 'failed models/orders.yml:7 the file contains a NUL byte, which YAML does not allow: it is not read'],
    ['UTF-16 text (NUL bytes between the characters)', Buffer.from(ORDERS, 'utf16le').toString('latin1'), 'failed models/orders.yml:1 the file contains a NUL byte, which YAML does not allow: it is not read'],
    ['bytes that were not UTF-8', `models:\n  - name: caf\uFFFD\n`, 'failed models/orders.yml:2 the file is not valid UTF-8 (or contains U+FFFD): it is not read'],
    ['nesting deeper than 64 levels', `models:\n  - name: orders\n    meta: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'limit models/orders.yml:3 not read: YAML nested deeper than 64 levels'],
  ])('%s', async (_, yaml, expected) => {
    const comparison = await compareDbt({ 'models/orders.yml': ORDERS }, { 'models/orders.yml': yaml }, 'orders');
    expect(errorOf(comparison.head)).toBe(expected);
  });

  it('aliases that expand exponentially (a billion laughs) stop at a limit, at the alias that went past it', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) levels.push(`${'abcdefghij'[level]}: &${'abcdefghij'[level]} [${Array(10).fill(`*${'abcdefghij'[level - 1]}`).join(', ')}]`);
    const comparison = await compareDbt({}, { 'models/orders.yml': `${levels.join('\n')}\nmodels: []\n` }, 'orders');
    expect(errorOf(comparison.head)).toMatch(/^limit models\/orders\.yml:\d+ not read: its aliases expand to more than 1000000 values$/);
  });

  it('a model with a model file but no properties entry is an error at the file: none of its columns is declared', async () => {
    const comparison = await compareDbt({}, { 'models/orders.sql': 'select 1', 'models/other.yml': 'models: []\n' }, 'orders');
    expect(errorOf(comparison.head)).toBe(
      'failed models/orders.sql:1 model orders has no entry under models: in any properties file asset.source matches, so none of its columns is declared',
    );
  });

  it('two model files of one name are an error at the second', async () => {
    const comparison = await compareDbt({}, { 'models/a/orders.sql': '', 'models/b/orders.sql': '', 'models/orders.yml': ORDERS }, 'orders');
    expect(errorOf(comparison.head)).toBe('failed models/b/orders.sql:1 two model files define orders (models/a/orders.sql, models/b/orders.sql), which dbt refuses');
  });

  it('a part of an entry dbt refuses is read around, and reported at its line', async () => {
    const yaml = `${ORDERS}        constraints: [{ type: not_a_constraint }]\n      - name: both\n        tests: [unique]\n        data_tests: [unique]\n`;
    const { head } = await compareDbt({}, { 'models/orders.yml': yaml }, 'orders');
    expect(head.status === 'present' && head.skipped?.map(({ line, message }) => `${line} ${message}`)).toEqual([
      '7 a constraint needs a type dbt knows: not_null, unique, primary_key, foreign_key, check, custom',
      '9 a column lists both data_tests: and tests:, which dbt refuses; use data_tests:',
    ]);
  });

  it('properties files past the size limit are refused before they are parsed', async () => {
    const request = { key: 'c', asset: { type: 'dbt' as const, name: 'orders', source: 'models/**' }, nameLocation: { file: 'contracts/c.yaml', line: 4 } };
    const big = { 'models/orders.yml': ORDERS, 'models/padding.yml': `# ${'x'.repeat(2000)}\n` };
    const results = await dbtReader().compare([request], memoryChange({}, big), settingsSchema.parse({ dbt: { maxBytes: 1000 } }));
    expect(errorOf(results.get('c')!.comparison.head)).toBe('limit models/padding.yml:undefined the files up to this one exceed the 1000-byte limit (dbt.maxBytes in the settings)');
  });

  it('an asset.name that names no model is an error at the contract\'s asset.name line', async () => {
    const comparison = await compareDbt({ 'models/orders.yml': ORDERS }, { 'models/orders.yml': ORDERS }, 'orders.');
    expect(errorOf(comparison.head)).toBe('failed contracts/c.yaml:4 asset.name "orders." is not a dbt model name: write the model\'s name (orders), or name one version (orders.v2)');
  });

  it('reads a file that starts with a byte order mark', async () => {
    const { head } = await compareDbt({}, { 'models/orders.yml': `\uFEFF${ORDERS}` }, 'orders');
    expect(head.status).toBe('present');
  });

  it('reads a long properties file of thousands of models without slowing down past its size', async () => {
    const many = Array.from({ length: 3000 }, (_, index) => `  - name: model_${index}\n    columns:\n      - name: id\n        data_tests: [not_null]\n`);
    const started = performance.now();
    const { head } = await compareDbt({}, { 'models/all.yml': `models:\n${many.join('')}` }, 'model_2999');
    expect(head.status).toBe('present');
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

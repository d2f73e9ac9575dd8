import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';

const file = (path: string, schema: unknown): SchemaFile => ({ path, text: JSON.stringify(schema, null, 2) });
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

function bundle(files: SchemaFile[]): Record<string, unknown> {
  const result = jsonSchemaFormat.read(files, files[0]?.path ?? '');
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  const registry = jsonSchemaFormat.registrySchema(result.parsed);
  expect(registry.schemaType).toBe('JSON');
  return JSON.parse(registry.schema) as Record<string, unknown>;
}

const ORDER = file('schemas/order.json', {
  $schema: DRAFT_2020_12,
  $id: 'https://acme.example/schemas/order.json',
  type: 'object',
  required: ['customer'],
  properties: {
    customer: { $ref: 'customer.json' },
    amount: { $ref: 'common/money.json#/$defs/amount' },
    status: { $ref: 'common/status.json#status' },
    line: { $ref: '#/$defs/line' },
  },
  $defs: { line: { type: 'object', properties: { sku: { type: 'string' } } }, customer: { type: 'null' } },
});
const CUSTOMER = file('schemas/customer.json', {
  $schema: DRAFT_2020_12,
  $id: 'https://acme.example/schemas/customer.json',
  type: 'object',
  required: ['email'],
  properties: { email: { $ref: '#/$defs/email' }, referrer: { $ref: '#' } },
  $defs: { email: { type: 'string', minLength: 3 } },
});
const MONEY = file('schemas/common/money.json', { $schema: DRAFT_2020_12, $defs: { amount: { type: 'number', minimum: 0 } } });
const STATUS = file('schemas/common/status.json', { $schema: DRAFT_2020_12, $defs: { status: { $anchor: 'status', enum: ['NEW', 'PAID'] } } });

describe('jsonSchemaFormat.registrySchema', () => {
  const bundled = bundle([ORDER, CUSTOMER, MONEY, STATUS]);
  const validate = new Ajv2020({ strict: false }).compile(bundled);

  it('embeds every file the asset reaches under $defs, keeping the root\'s own and naming each apart', () => {
    expect(Object.keys(bundled.$defs as object).sort()).toEqual(['customer', 'customer-2', 'line', 'money', 'status']);
    expect(bundled.properties).toMatchObject({ customer: { $ref: '#/$defs/customer-2' }, line: { $ref: '#/$defs/line' } });
  });

  it('is a standalone schema that judges documents as the files do', () => {
    const valid = { customer: { email: 'a@b.c', referrer: { email: 'x@y.z' } }, amount: 12.5, status: 'PAID', line: { sku: 'A1' } };
    expect(validate(valid)).toBe(true);
    for (const invalid of [
      { customer: { email: 'ab' } },
      { customer: { email: 'a@b.c', referrer: {} } },
      { customer: { email: 'a@b.c' }, amount: -1 },
      { customer: { email: 'a@b.c' }, status: 'LOST' },
      { customer: { email: 'a@b.c' }, line: { sku: 1 } },
    ]) {
      expect(validate(invalid)).toBe(false);
    }
  });

  it('bundles a draft-07 schema under definitions', () => {
    const root = file('schemas/order.json', { $schema: 'http://json-schema.org/draft-07/schema#', properties: { amount: { $ref: 'money.json' } } });
    const draft7 = bundle([root, file('schemas/money.json', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'number' })]);
    expect(draft7).toMatchObject({ properties: { amount: { $ref: '#/definitions/money' } }, definitions: { money: { type: 'number' } } });
    const check = new Ajv({ strict: false }).compile(draft7);
    expect([check({ amount: 1 }), check({ amount: 'one' })]).toEqual([true, false]);
  });

  it('leaves a single-file schema as it is', () => {
    const single = file('schemas/order.json', { type: 'object', properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: { type: 'string' } } });
    expect(bundle([single])).toEqual(JSON.parse(single.text));
  });
});

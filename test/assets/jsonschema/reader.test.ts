import { describe, expect, it } from '@jest/globals';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';

const file = (path: string, schema: unknown): SchemaFile => ({ path, text: `${JSON.stringify(schema, null, 2)}\n` });

const ORDER = `{
  "$id": "https://acme.example/schemas/order.json",
  "type": "object",
  "required": ["id", "customer", "status"],
  "properties": {
    "id": { "type": ["integer"] },
    "placed_at": { "type": "string", "format": "date-time" },
    "customer": { "$ref": "customer.json" },
    "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } },
    "status": { "enum": ["NEW", "PAID", null], "default": "NEW" },
    "amount": { "$ref": "common/money.json#/$defs/amount" },
    "code": { "oneOf": [{ "type": "string", "format": "uuid" }, { "type": "integer" }] }
  },
  "$defs": {
    "line": {
      "type": "object",
      "properties": { "sku": { "type": "string" } }
    }
  }
}
`;
const CUSTOMER = `{
  "$id": "https://acme.example/schemas/customer.json",
  "type": "object",
  "properties": {
    "address": {
      "type": "object",
      "properties": { "zip": { "type": "string" } }
    },
    "referrer": { "$ref": "#" }
  }
}
`;
const MONEY = `{
  "$defs": {
    "amount": { "type": "number", "minimum": 0 }
  }
}
`;
const order: SchemaFile = { path: 'schemas/order.json', text: ORDER };
const customer: SchemaFile = { path: 'schemas/customer.json', text: CUSTOMER };
const money: SchemaFile = { path: 'schemas/common/money.json', text: MONEY };

function readPresent(files: SchemaFile[], name = 'schemas/order.json') {
  const result = jsonSchemaFormat.read(files, name);
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result;
}

function readError(files: SchemaFile[], name = 'schemas/order.json') {
  const result = jsonSchemaFormat.read(files, name);
  if (result.status !== 'error') throw new Error(JSON.stringify(result));
  return result.error;
}

describe('jsonSchemaFormat.read', () => {
  it('lists every property, nested ones as dotted paths, each at the line of its name in its own file', () => {
    const { schema } = readPresent([order, customer, money]);
    expect(schema).toMatchObject({ name: 'https://acme.example/schemas/order.json', kind: 'object', origin: { file: 'schemas/order.json', line: 2 } });
    const summary = schema.fields.map((field) => [field.name, field.type, field.nullable, field.origin?.file, field.origin?.line]);
    expect(summary).toEqual([
      ['id', 'integer', false, 'schemas/order.json', 6],
      ['placed_at', 'string(date-time)', true, 'schemas/order.json', 7],
      ['customer', 'object', false, 'schemas/order.json', 8],
      ['customer.address', 'object', true, 'schemas/customer.json', 5],
      ['customer.address.zip', 'string', true, 'schemas/customer.json', 7],
      ['customer.referrer', 'object', true, 'schemas/customer.json', 9],
      ['lines', 'array<object>', true, 'schemas/order.json', 9],
      ['lines.sku', 'string', true, 'schemas/order.json', 17],
      ['status', 'string', true, 'schemas/order.json', 10],
      ['amount', 'number', true, 'schemas/order.json', 11],
      ['code', 'union<integer,string(uuid)>', true, 'schemas/order.json', 12],
    ]);
  });

  it('gives enum and const values as text, the default as JSON, and no keys or uniqueness', () => {
    const { schema } = readPresent([order, customer, money]);
    expect(schema.fields.find((field) => field.name === 'status')).toMatchObject({
      allowedValues: ['NEW', 'PAID'],
      allowedValuesFrom: 'enum',
      default: '"NEW"',
      primaryKey: false,
      unique: false,
    });
    const kinds = readPresent([file('schemas/order.json', { properties: { kind: { oneOf: [{ const: 'a' }, { const: 2 }] } } })]).schema.fields;
    expect(kinds).toEqual([expect.objectContaining({ name: 'kind', type: 'union<integer,string>', allowedValues: ['a', '2'] })]);
  });

  it('makes a field nullable when it is optional or allows null, and not otherwise', () => {
    const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: ['string', 'null'] }, c: { type: 'string' } } };
    const fields = readPresent([file('schemas/order.json', schema)]).schema.fields;
    expect(fields.map((field) => [field.name, field.type, field.nullable])).toEqual([
      ['a', 'string', false],
      ['b', 'string', true],
      ['c', 'string', true],
    ]);
  });

  it('finds the asset by its $id or by its path, and is absent when no file is it', () => {
    const files = [order, customer, money];
    expect(readPresent(files, 'https://acme.example/schemas/order.json').schema.fields).toHaveLength(11);
    expect(readPresent(files, 'schemas/order.json').schema.name).toBe('https://acme.example/schemas/order.json');
    expect(readPresent([money], 'schemas/common/money.json').schema.name).toBe('schemas/common/money.json');
    expect(jsonSchemaFormat.read(files, 'schemas/invoice.json')).toEqual({ status: 'absent' });
  });

  it('resolves a reference against the $id, and against the file path when the $id names no file', () => {
    const byId = file('schemas/order.json', { $id: 'https://acme.example/order.json', properties: { total: { $ref: 'https://acme.example/money/amount.json' } } });
    const amount = file('elsewhere/amount.json', { $id: 'https://acme.example/money/amount.json', type: 'number' });
    expect(readPresent([byId, amount]).schema.fields).toEqual([expect.objectContaining({ name: 'total', type: 'number' })]);
    const byPath = file('schemas/order.json', { $id: 'urn:acme:order', properties: { total: { $ref: 'common/money.json#/$defs/amount' } } });
    expect(readPresent([byPath, money]).schema.fields).toEqual([expect.objectContaining({ name: 'total', type: 'number' })]);
  });

  it('reports a reference that names no schema at its line', () => {
    expect(readError([order, customer])).toMatchObject({ kind: 'failed', file: 'schemas/order.json', line: 11, message: expect.stringContaining('common/money.json#/$defs/amount') });
    const pointer = file('schemas/order.json', { properties: { a: { $ref: '#/$defs/missing' } } });
    expect(readError([pointer])).toMatchObject({ file: 'schemas/order.json', line: 4 });
  });

  it('reports a file that is not JSON, or not a valid schema of its draft, at the line of the problem', () => {
    expect(readError([{ path: 'schemas/order.json', text: '{\n  "type": "object",\n}\n' }])).toMatchObject({ kind: 'failed', file: 'schemas/order.json', line: 3 });
    const invalid = file('schemas/order.json', { type: 'object', properties: { a: { type: 'strin' } } });
    expect(readError([invalid])).toMatchObject({ kind: 'failed', line: 5, message: expect.stringContaining('/properties/a/type') });
    const draft4 = file('schemas/order.json', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' });
    expect(readError([draft4])).toMatchObject({ line: 2, message: expect.stringContaining('draft-04') });
  });

  it('checks the files a reference reaches, and leaves broken files it does not reach alone', () => {
    const brokenMoney = file('schemas/common/money.json', { $defs: { amount: { type: 'number', minimum: 'zero' } } });
    expect(readError([order, customer, brokenMoney])).toMatchObject({ file: 'schemas/common/money.json', line: 5 });
    const unrelated = { path: 'schemas/unrelated.json', text: '{ not json' };
    expect(readPresent([order, customer, money, unrelated]).schema.fields).toHaveLength(11);
    expect(readError([unrelated], 'schemas/order.json')).toMatchObject({ file: 'schemas/unrelated.json' });
  });

  it('lists a recursive schema\'s fields once', () => {
    const tree = file('schemas/order.json', { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } } });
    expect(readPresent([tree]).schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['name', 'string'],
      ['children', 'array<object>'],
    ]);
  });

  it('reads draft-07 definitions and $ref, whose sibling keywords that draft ignores', () => {
    const draft7 = file('schemas/order.json', {
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { amount: { $ref: '#/definitions/amount', type: 'string' }, point: { type: 'array', items: [{ type: 'number' }], additionalItems: false } },
      definitions: { amount: { type: 'integer' } },
    });
    expect(readPresent([draft7]).schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['amount', 'integer'],
      ['point', 'array<number>'],
    ]);
  });

  it('reads a file that names no draft as draft-07, as the schema registries do', () => {
    const undeclared = file('schemas/order.json', {
      properties: { amount: { $ref: '#/definitions/amount', type: 'string' }, point: { type: 'array', items: [{ type: 'number' }], additionalItems: false } },
      definitions: { amount: { type: 'integer' } },
    });
    expect(readPresent([undeclared]).schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['amount', 'integer'],
      ['point', 'array<number>'],
    ]);
    const brokenDefinition = file('schemas/order.json', { properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: { type: 'strin' } } });
    expect(readError([brokenDefinition])).toMatchObject({ line: 9, message: expect.stringContaining('draft 07): /$defs/a/type') });
  });

  it('reads 2019-09 anchors and 2020-12 prefixItems, merging allOf', () => {
    const draft2019 = file('schemas/order.json', {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      allOf: [{ properties: { status: { $ref: '#status' } } }, { required: ['status'] }],
      $defs: { status: { $anchor: 'status', enum: ['NEW'] } },
    });
    expect(readPresent([draft2019]).schema.fields).toEqual([expect.objectContaining({ name: 'status', type: 'string', nullable: false })]);
    const draft2020 = file('schemas/order.json', { $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }], items: false } } });
    expect(readPresent([draft2020]).schema.fields).toEqual([expect.objectContaining({ name: 'point', type: 'array<union<number,string>>' })]);
  });
});

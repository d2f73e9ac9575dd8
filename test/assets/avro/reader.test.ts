import { describe, expect, it } from '@jest/globals';
import { avroFormat } from '../../../src/assets/avro/format.js';
import type { SchemaFile } from '../../../src/assets/events/format.js';

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "doc": "An order",
  "fields": [
    { "name": "id", "type": "long" },
    {
      "name": "customer",
      "type": {
        "type": "record",
        "name": "Customer",
        "fields": [
          { "name": "email", "type": ["null", "string"], "default": null },
          { "name": "address", "type": "com.acme.geo.Address" }
        ]
      }
    },
    { "name": "lines", "type": { "type": "array", "items": {
      "type": "record", "name": "Line", "fields": [{ "name": "sku", "type": "string" }]
    } } },
    { "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["PENDING", "PAID"], "default": "PENDING" } },
    { "name": "amount", "type": { "type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2 } },
    { "name": "placed_at", "type": { "type": "long", "logicalType": "timestamp-millis" }, "default": 0 },
    { "name": "code", "type": ["null", "string", "long"], "default": null }
  ]
}
`;

const ADDRESS = `{
  "type": "record",
  "name": "Address",
  "namespace": "com.acme.geo",
  "fields": [
    { "name": "zip", "type": "string" },
    { "name": "tags", "type": { "type": "map", "values": "string" } }
  ]
}
`;

const order: SchemaFile = { path: 'schemas/order.avsc', text: ORDER };
const address: SchemaFile = { path: 'schemas/address.avsc', text: ADDRESS };

function readPresent(files: SchemaFile[], name = 'com.acme.Order') {
  const result = avroFormat.read(files, name);
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result;
}

function readError(files: SchemaFile[], name = 'com.acme.Order') {
  const result = avroFormat.read(files, name);
  if (result.status !== 'error') throw new Error(JSON.stringify(result));
  return result.error;
}

describe('avroFormat.read', () => {
  it('lists every field, nested records as dotted paths, each at the line of its name', () => {
    const { schema } = readPresent([order, address]);
    expect(schema).toMatchObject({ name: 'com.acme.Order', kind: 'record', origin: { file: 'schemas/order.avsc', line: 3 } });
    const summary = schema.fields.map((field) => [field.name, field.type, field.nullable, field.origin?.file, field.origin?.line]);
    expect(summary).toEqual([
      ['id', 'long', false, 'schemas/order.avsc', 7],
      ['customer', 'record com.acme.Customer', false, 'schemas/order.avsc', 9],
      ['customer.email', 'string', true, 'schemas/order.avsc', 14],
      ['customer.address', 'record com.acme.geo.Address', false, 'schemas/order.avsc', 15],
      ['customer.address.zip', 'string', false, 'schemas/address.avsc', 6],
      ['customer.address.tags', 'map<string>', false, 'schemas/address.avsc', 7],
      ['lines', 'array<record com.acme.Line>', false, 'schemas/order.avsc', 19],
      ['lines.sku', 'string', false, 'schemas/order.avsc', 20],
      ['status', 'enum com.acme.Status', false, 'schemas/order.avsc', 22],
      ['amount', 'decimal(12,2)', false, 'schemas/order.avsc', 23],
      ['placed_at', 'timestamp-millis', false, 'schemas/order.avsc', 24],
      ['code', 'union<long,string>', true, 'schemas/order.avsc', 25],
    ]);
  });

  it('gives defaults as JSON text, enum symbols as allowed values, and no keys', () => {
    const fields = new Map(readPresent([order, address]).schema.fields.map((field) => [field.name, field]));
    expect(fields.get('customer.email')).toMatchObject({ default: 'null', primaryKey: false, unique: false });
    expect(fields.get('placed_at')?.default).toBe('0');
    expect(fields.get('id')?.default).toBeUndefined();
    expect(fields.get('status')).toMatchObject({ allowedValues: ['PENDING', 'PAID'], allowedValuesFrom: 'enum', enumDefault: 'PENDING' });
  });

  it('resolves names across files whatever their order', () => {
    const forwards = readPresent([order, address]).schema;
    const backwards = readPresent([address, order]).schema;
    expect(backwards).toEqual(forwards);
  });

  it('reads a file that lists several named types in an array, and names written in full or inherited', () => {
    const types = {
      path: 'schemas/types.avsc',
      text: JSON.stringify([
        { type: 'enum', name: 'com.acme.common.Currency', symbols: ['EUR'] },
        { type: 'record', name: 'Money', namespace: 'com.acme.common', fields: [{ name: 'currency', type: 'Currency' }] },
      ]),
    };
    const payment = {
      path: 'schemas/payment.avsc',
      text: JSON.stringify({
        type: 'record',
        name: 'com.acme.Payment',
        fields: [
          { name: 'total', type: 'com.acme.common.Money' },
          { name: 'local', type: { type: 'record', name: 'Local', namespace: '', fields: [{ name: 'owner', type: 'Payment', default: null }] } },
        ],
      }),
    };
    const withOwnerUnknown = readError([payment, types], 'com.acme.Payment');
    expect(withOwnerUnknown).toMatchObject({ file: 'schemas/payment.avsc', message: 'unknown type name Payment' });
    const fixed = { ...payment, text: payment.text.replace('"type":"Payment","default":null', '"type":"com.acme.Payment"') };
    const fields = readPresent([fixed, types], 'com.acme.Payment').schema.fields.map((field) => [field.name, field.type]);
    expect(fields).toEqual([
      ['total', 'record com.acme.common.Money'],
      ['total.currency', 'enum com.acme.common.Currency'],
      ['local', 'record Local'],
      ['local.owner', 'record com.acme.Payment'],
    ]);
  });

  it('stops at a record already on the path, so a recursive type is listed once', () => {
    const tree = {
      path: 'schemas/order.avsc',
      text: JSON.stringify({
        type: 'record',
        name: 'com.acme.Order',
        fields: [{ name: 'category', type: { type: 'record', name: 'Category', fields: [{ name: 'parent', type: ['null', 'Category'] }, { name: 'name', type: 'string' }] } }],
      }),
    };
    expect(readPresent([tree]).schema.fields.map((field) => field.name)).toEqual(['category', 'category.parent', 'category.name']);
  });

  it('reads an invalid logical type as its underlying type, as the specification says', () => {
    const text = ORDER.replace('"precision": 12, "scale": 2', '"precision": 2, "scale": 12');
    const amount = readPresent([{ ...order, text }, address]).schema.fields.find((field) => field.name === 'amount');
    expect(amount?.type).toBe('bytes');
  });

  it('is absent when no file defines the record, and does not take an alias for its name', () => {
    expect(avroFormat.read([order, address], 'com.acme.Purchase')).toEqual({ status: 'absent' });
    const aliased = { ...order, text: ORDER.replace('"doc": "An order"', '"aliases": ["Purchase"]') };
    expect(avroFormat.read([aliased, address], 'com.acme.Purchase')).toEqual({ status: 'absent' });
  });
});

describe('avroFormat.read errors', () => {
  it('reports broken JSON at its line', () => {
    const text = ORDER.replace('{ "name": "id", "type": "long" },', '{ "name": "id", "type": "long" }');
    expect(readError([{ ...order, text }, address])).toMatchObject({ kind: 'failed', file: 'schemas/order.avsc', line: 8 });
  });

  it('reports an unknown type name at the line that uses it', () => {
    expect(readError([order])).toEqual({ kind: 'failed', file: 'schemas/order.avsc', line: 15, message: 'unknown type name com.acme.geo.Address' });
  });

  it('reports a default that does not fit its field at the default\'s line, with avsc\'s reason', () => {
    const text = ORDER.replace('"timestamp-millis" }, "default": 0', '"timestamp-millis" },\n      "default": "soon"');
    expect(readError([{ ...order, text }, address])).toMatchObject({ file: 'schemas/order.avsc', line: 25, message: expect.stringMatching(/^field placed_at: .*"soon"/) });
  });

  it('reports what avsc refuses at the line of the innermost schema it was reading', () => {
    const text = ORDER.replace('"symbols": ["PENDING", "PAID"]', '"symbols": ["PENDING", "PENDING"]');
    expect(readError([{ ...order, text }, address])).toMatchObject({ file: 'schemas/order.avsc', line: 22, message: expect.stringContaining('duplicate') });
    const inOtherFile = ADDRESS.replace('"type": "map"', '"type": "mapp"');
    expect(readError([order, { ...address, text: inOtherFile }])).toMatchObject({ file: 'schemas/address.avsc', line: 7 });
    const withoutType = ORDER.replace('{ "name": "sku", "type": "string" }', '{ "name": "sku" }');
    expect(readError([{ ...order, text: withoutType }, address])).toEqual({ kind: 'failed', file: 'schemas/order.avsc', line: 20, message: 'invalid Avro schema: a type is missing' });
  });

  it('ignores a broken file the record does not need', () => {
    const unrelated = { path: 'schemas/unrelated.avsc', text: '{ "type": "record", "name": "Unrelated", "fields": [' };
    const invalid = { path: 'schemas/invalid.avsc', text: '{ "type": "enum", "name": "com.acme.Bad", "symbols": ["A", "A"] }' };
    expect(avroFormat.read([order, address, unrelated, invalid], 'com.acme.Order').status).toBe('present');
  });

  it('reports a file that is not JSON when the record, or a type it uses, is found nowhere else', () => {
    const broken = { path: 'schemas/address.avsc', text: ADDRESS.replace('"zip",', '"zip"') };
    expect(readError([order, broken])).toMatchObject({ file: 'schemas/address.avsc', line: 6 });
    expect(readError([broken], 'com.acme.Order')).toMatchObject({ file: 'schemas/address.avsc' });
  });

  it('reports a name defined twice, a record that is no record, and files that use each other in a cycle', () => {
    const twice = { path: 'schemas/again.avsc', text: ADDRESS };
    expect(readError([order, address, twice])).toMatchObject({ file: 'schemas/again.avsc', line: 3, message: expect.stringContaining('defined twice') });
    expect(readError([order, address], 'com.acme.Status')).toMatchObject({ line: 22, message: 'com.acme.Status is an enum, not a record' });
    const a = { path: 'a.avsc', text: '{"type": "record", "name": "A", "fields": [{"name": "b", "type": ["null", "B"]}]}' };
    const b = { path: 'b.avsc', text: '{"type": "record", "name": "B", "fields": [{"name": "a", "type": ["null", "A"]}]}' };
    expect(readError([a, b], 'A').message).toContain('cycle (a.avsc -> b.avsc -> a.avsc)');
  });
});

import { describe, expect, it } from '@jest/globals';
import { eventSchemaExtractor } from '../../../src/assets/event-formats.js';
import { eventsReader } from '../../../src/assets/event-reader.js';
import { memorySnapshot } from '../../../src/core/memory-snapshot.js';
import { expectEachReadsBack, listed } from '../listing.js';

const readers = [eventsReader(eventSchemaExtractor())];
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

describe('listing the Avro records of a commit', () => {
  const SOURCE = 'schemas/**/*.avsc';
  const ORDER = json({
    type: 'record',
    name: 'Order',
    namespace: 'com.acme',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
      { name: 'line', type: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] } },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  });
  const EVENTS = json([
    { type: 'record', name: 'com.acme.Shipped', fields: [{ name: 'order', type: 'com.acme.Order' }] },
    { type: 'record', name: 'com.acme.Cancelled', fields: [{ name: 'reason', type: 'string' }] },
  ]);
  const FILES = {
    'schemas/order.avsc': ORDER,
    'schemas/events.avsc': EVENTS,
    'schemas/currency.avsc': json({ type: 'enum', name: 'com.acme.Currency', symbols: ['EUR', 'USD'] }),
  };

  it('lists each record a file defines at its root, by its full name, so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', FILES);
    const listing = await listed(readers, snapshot, 'avro', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`).sort()).toEqual([
      'com.acme.Cancelled record',
      'com.acme.Order record',
      'com.acme.Shipped record',
    ]);
    expect(listing.assets.find((asset) => asset.name === 'com.acme.Order')?.fields.map((field) => field.name)).toEqual(['id', 'status', 'line', 'line.sku', 'note']);
    await expectEachReadsBack(readers, snapshot, 'avro', SOURCE, listing);
  });

  it.each([
    ['a file that is not JSON', 'schemas/broken.avsc', '{ "type": "record",\n  "name": '],
    ['a record that uses a type no file defines', 'schemas/refund.avsc', json({ type: 'record', name: 'com.acme.Refund', fields: [{ name: 'money', type: 'com.acme.Money' }] })],
  ])('reports %s, and lists the other records', async (_, path, text) => {
    const snapshot = memorySnapshot('c1', { ...FILES, [path]: text });
    const listing = await listed(readers, snapshot, 'avro', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: path })]);
    expect(listing.assets.map((asset) => asset.name).sort()).toEqual(['com.acme.Cancelled', 'com.acme.Order', 'com.acme.Shipped']);
    await expectEachReadsBack(readers, snapshot, 'avro', SOURCE, listing);
  });

  it('lists nothing, and no error, where no file matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'README.md': '# events\n' }), 'avro', SOURCE)).toEqual({ assets: [], errors: [] });
  });

  it('keeps to the byte limit a review keeps to', async () => {
    const snapshot = memorySnapshot('c1', { ...FILES, '.github/data-contracts.yml': 'schemas:\n  maxBytes: 100\n' });
    const listing = await listed(readers, snapshot, 'avro', SOURCE);
    expect(listing.assets).toEqual([]);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'limit' })]);
  });
});

describe('listing the Protobuf messages of a commit', () => {
  const SOURCE = 'proto/**/*.proto';
  const ORDER = [
    'syntax = "proto3";',
    'package acme.orders.v1;',
    'import "acme/common/money.proto";',
    'import "google/protobuf/timestamp.proto";',
    'message Order {',
    '  message Line {',
    '    string sku = 1;',
    '  }',
    '  int64 id = 1;',
    '  repeated Line lines = 2;',
    '  acme.common.Money total = 3;',
    '  google.protobuf.Timestamp placed_at = 4;',
    '  map<string, string> labels = 5;',
    '}',
    'enum Status {',
    '  STATUS_UNSPECIFIED = 0;',
    '}',
    'message OrderPlaced {',
    '  Order order = 1;',
    '}',
    '',
  ].join('\n');
  const MONEY = 'syntax = "proto3";\npackage acme.common;\nmessage Money {\n  string currency = 1;\n  int64 units = 2;\n}\n';
  const FILES = { 'proto/acme/orders/v1/order.proto': ORDER, 'proto/acme/common/money.proto': MONEY };

  it('lists every top-level message by its full name, so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', FILES);
    const listing = await listed(readers, snapshot, 'protobuf', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`).sort()).toEqual([
      'acme.common.Money message',
      'acme.orders.v1.Order message',
      'acme.orders.v1.OrderPlaced message',
    ]);
    await expectEachReadsBack(readers, snapshot, 'protobuf', SOURCE, listing);
  });

  it('reads each file\'s messages with that file\'s own syntax and options, as a contract naming each reads them', async () => {
    const snapshot = memorySnapshot('c1', {
      ...FILES,
      'proto/acme/orders/v1/legacy.proto': 'syntax = "proto2";\npackage acme.orders.v1;\nmessage LegacyOrder {\n  optional int64 id = 1;\n  required string ref = 2;\n}\n',
      'proto/acme/orders/v1/edition.proto': [
        'edition = "2023";',
        'package acme.orders.v1;',
        'option features.field_presence = IMPLICIT;',
        'message EditionOrder {',
        '  int64 id = 1;',
        '  string note = 2 [features.field_presence = EXPLICIT];',
        '}',
        '',
      ].join('\n'),
    });
    const listing = await listed(readers, snapshot, 'protobuf', SOURCE);
    expect(listing.errors).toEqual([]);
    const byName = new Map(listing.assets.map((asset) => [asset.name, asset.fields.map((field) => `${field.name} ${field.nullable}`)]));
    expect(byName.get('acme.orders.v1.LegacyOrder')).toEqual(['id true', 'ref false']);
    expect(byName.get('acme.orders.v1.EditionOrder')).toEqual(['id false', 'note true']);
    await expectEachReadsBack(readers, snapshot, 'protobuf', SOURCE, listing);
  });

  it('reports a file that does not parse and a message whose import is missing, and lists the others', async () => {
    const snapshot = memorySnapshot('c1', {
      ...FILES,
      'proto/acme/broken.proto': 'syntax = "proto3";\npackage acme;\nmessage Broken {\n  string = 1;\n}\n',
      'proto/acme/refunds/v1/refund.proto': 'syntax = "proto3";\npackage acme.refunds.v1;\nimport "acme/tax/rate.proto";\nmessage Refund {\n  int64 id = 1;\n}\n',
    });
    const listing = await listed(readers, snapshot, 'protobuf', SOURCE);
    expect(listing.errors.map((error) => `${error.file}:${error.line}`).sort()).toEqual(['proto/acme/broken.proto:4', 'proto/acme/refunds/v1/refund.proto:3']);
    expect(listing.assets.map((asset) => asset.name).sort()).toEqual(['acme.common.Money', 'acme.orders.v1.Order', 'acme.orders.v1.OrderPlaced']);
    await expectEachReadsBack(readers, snapshot, 'protobuf', SOURCE, listing);
  });

  it('lists nothing, and no error, where no file matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'README.md': '# events\n' }), 'protobuf', SOURCE)).toEqual({ assets: [], errors: [] });
  });
});

describe('listing the JSON Schemas of a commit', () => {
  const SOURCE = 'schemas/**/*.json';
  const ORDER = json({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://acme.example/schemas/order.json#',
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer' }, customer: { $ref: 'customer.json' }, lines: { type: 'array', items: { $ref: '#/$defs/line' } } },
    $defs: { line: { type: 'object', properties: { sku: { type: 'string' } } } },
  });
  const CUSTOMER = json({ type: 'object', properties: { email: { type: 'string' } } });
  const FILES = { 'schemas/order.json': ORDER, 'schemas/customer.json': CUSTOMER };

  it('lists every file\'s root schema by its $id, else its path, so that a contract naming it reads the same schema', async () => {
    const snapshot = memorySnapshot('c1', FILES);
    const listing = await listed(readers, snapshot, 'jsonschema', SOURCE);
    expect(listing.errors).toEqual([]);
    expect(listing.assets.map((asset) => `${asset.name} ${asset.kind}`).sort()).toEqual([
      'https://acme.example/schemas/order.json object',
      'schemas/customer.json object',
    ]);
    await expectEachReadsBack(readers, snapshot, 'jsonschema', SOURCE, listing);
  });

  it('names a schema by its path when an earlier file answers to its $id', async () => {
    const copy = json({ $id: 'https://acme.example/schemas/order.json', type: 'object', properties: { legacy: { type: 'string' } } });
    const snapshot = memorySnapshot('c1', { ...FILES, 'schemas/v0/order.json': copy });
    const listing = await listed(readers, snapshot, 'jsonschema', SOURCE);
    expect(listing.errors).toEqual([]);
    const legacy = listing.assets.find((asset) => asset.fields.some((field) => field.name === 'legacy'));
    expect(legacy?.name).toBe('schemas/v0/order.json');
    await expectEachReadsBack(readers, snapshot, 'jsonschema', SOURCE, listing);
  });

  it.each([
    ['a file that is not JSON', 'schemas/broken.json', '{ "type": "object",\n  "properties": '],
    ['a schema whose reference no file resolves', 'schemas/refund.json', json({ type: 'object', properties: { money: { $ref: 'money.json' } } })],
  ])('reports %s, and lists the other schemas', async (_, path, text) => {
    const snapshot = memorySnapshot('c1', { ...FILES, [path]: text });
    const listing = await listed(readers, snapshot, 'jsonschema', SOURCE);
    expect(listing.errors).toEqual([expect.objectContaining({ kind: 'failed', file: path })]);
    expect(listing.assets.map((asset) => asset.name).sort()).toEqual(['https://acme.example/schemas/order.json', 'schemas/customer.json']);
    await expectEachReadsBack(readers, snapshot, 'jsonschema', SOURCE, listing);
  });

  it('lists nothing, and no error, where no file matches', async () => {
    expect(await listed(readers, memorySnapshot('c1', { 'README.md': '# events\n' }), 'jsonschema', SOURCE)).toEqual({ assets: [], errors: [] });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import type { FieldSchema } from '../../../src/assets/model.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';

/** The 1-based line of the first line of `text` that contains `snippet`. */
function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`"${snippet}" is not in the text`);
  return index + 1;
}

function present(files: SchemaFile[], name = 'acme.Order') {
  const read = protobufFormat.read(files, name);
  if (read.status !== 'present') throw new Error(`expected ${name}, got ${JSON.stringify(read)}`);
  return read;
}

function fieldsByName(files: SchemaFile[], name?: string): Map<string, FieldSchema> {
  return new Map(present(files, name).schema.fields.map((field) => [field.name, field]));
}

const ORDER = `syntax = "proto3";

package acme;

import "google/protobuf/timestamp.proto";

// An order. Braces in comments { and strings do not confuse the outline.
message Order {
  int64 id = 1;
  optional string note = 2 [(acme.label) = { text: "}" }];
  oneof payment {
    string card = 3;
    Money cash = 4;
  }
  map<string, int64> counts = 5;
  map<string, Money> prices = 6;
  repeated Item items = 7;
  google.protobuf.Timestamp placed_at = 8;
  Status status = 9;
  repeated // a declaration over two lines
    string tags = 10;
  Order parent = 11;

  message Item {
    string sku = 1;
    Money price = 2;
  }
}

message Money {
  int64 units = 1;
  string currency = 2;
}

enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_PAID = 1 [deprecated = true];
}
`;

const FILE = 'proto/acme/order.proto';

describe('reading a Protobuf message', () => {
  const fields = fieldsByName([{ path: FILE, text: ORDER }]);

  it.each([
    ['id', 'int64', false],
    ['note', 'string', true],
    ['payment', 'oneof', true],
    ['card', 'string', true],
    ['cash', 'message acme.Money', true],
    ['cash.units', 'int64', false],
    ['counts', 'map<string,int64>', false],
    ['prices', 'map<string,message acme.Money>', false],
    ['prices.currency', 'string', false],
    ['items', 'repeated message acme.Order.Item', false],
    ['items.sku', 'string', false],
    ['items.price', 'message acme.Money', true],
    ['items.price.units', 'int64', false],
    ['placed_at', 'message google.protobuf.Timestamp', true],
    ['status', 'enum acme.Status', false],
    ['tags', 'repeated string', false],
    ['parent', 'message acme.Order', true],
  ])('lists %s as %s, nullable %s', (name, type, nullable) => {
    expect(fields.get(name)).toMatchObject({ type, nullable, primaryKey: false, unique: false });
  });

  it('lists a oneof before its members, with the members as its values', () => {
    const names = [...fields.keys()];
    expect(names.indexOf('payment')).toBe(names.indexOf('card') - 1);
    expect(fields.get('payment')).toMatchObject({ allowedValues: ['card', 'cash'], allowedValuesFrom: 'oneof' });
  });

  it('gives an enum field its values', () => {
    expect(fields.get('status')).toMatchObject({ allowedValues: ['STATUS_UNSPECIFIED', 'STATUS_PAID'], allowedValuesFrom: 'enum' });
  });

  it('does not open well-known types, and stops a recursive message at itself', () => {
    expect([...fields.keys()].filter((name) => name.startsWith('placed_at.') || name.startsWith('parent.'))).toEqual([]);
  });

  it.each([
    ['id', 'int64 id = 1;'],
    ['note', 'optional string note'],
    ['payment', 'oneof payment'],
    ['cash', 'Money cash = 4;'],
    ['prices', 'map<string, Money> prices'],
    ['tags', 'a declaration over two lines'],
    ['items.sku', 'string sku = 1;'],
    ['items.price.currency', 'string currency = 2;'],
  ])('places %s on its declaration\'s first line', (name, snippet) => {
    expect(fields.get(name)?.origin).toEqual({ file: FILE, line: lineOf(ORDER, snippet) });
  });

  it('places the message and its enum values', () => {
    const read = present([{ path: FILE, text: ORDER }]);
    expect(read.schema.origin).toEqual({ file: FILE, line: lineOf(ORDER, 'message Order {') });
    const values = read.parsed.enums.get('acme.Status')?.values.map((value) => [value.name, value.location.line]);
    expect(values).toEqual([
      ['STATUS_UNSPECIFIED', lineOf(ORDER, 'STATUS_UNSPECIFIED = 0')],
      ['STATUS_PAID', lineOf(ORDER, 'STATUS_PAID = 1')],
    ]);
  });

  it('reads proto2 labels and defaults', () => {
    const proto2 = `syntax = "proto2";\npackage acme;\nmessage Order {\n  required int64 id = 1;\n  optional string currency = 2 [default = "EUR"];\n  optional int32 quantity = 3;\n  repeated string tags = 4;\n}\n`;
    const read = fieldsByName([{ path: FILE, text: proto2 }]);
    expect(read.get('id')).toMatchObject({ nullable: false });
    expect(read.get('currency')).toMatchObject({ nullable: true, default: 'EUR' });
    expect(read.get('quantity')).toMatchObject({ nullable: true });
    expect(read.get('quantity')).not.toHaveProperty('default');
    expect(read.get('tags')).toMatchObject({ type: 'repeated string', nullable: false });
  });

  it('reads editions files, whose presence comes from features', () => {
    const edition = `edition = "2023";\npackage acme;\nmessage Order {\n  int64 id = 1;\n  string note = 2 [features.field_presence = IMPLICIT];\n}\n`;
    const read = fieldsByName([{ path: FILE, text: edition }]);
    expect([read.get('id')?.nullable, read.get('note')?.nullable]).toEqual([true, false]);
  });

  it('reads a nested message named as the asset', () => {
    expect([...fieldsByName([{ path: FILE, text: ORDER }], 'acme.Order.Item').keys()]).toEqual(['sku', 'price', 'price.units', 'price.currency']);
  });

  it('sends the file that defines the message to a registry', () => {
    const read = present([{ path: FILE, text: ORDER }]);
    expect(protobufFormat.registrySchema(read.parsed)).toEqual({ schemaType: 'PROTOBUF', schema: ORDER });
  });
});

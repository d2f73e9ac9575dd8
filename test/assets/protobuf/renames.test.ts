import { describe, expect, it } from '@jest/globals';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';

const FILE = 'proto/acme/order.proto';

function parsed(text: string): ProtobufSchema {
  const read = protobufFormat.read([{ path: FILE, text }], 'acme.Order');
  if (read.status !== 'present') throw new Error(JSON.stringify(read));
  return read.parsed;
}

const order = (body: string) => `syntax = "proto3";\npackage acme;\nmessage Order {\n${body}}\nmessage Customer {\n  string zip = 1;\n  string city = 2;\n}\n`;

describe('field renames proved by field numbers', () => {
  it('renames a field that keeps its number, at the newer field', () => {
    const after = order('  int64 id = 1;\n  string remark = 2;\n');
    expect(protobufFormat.fieldRenames(parsed(order('  int64 id = 1;\n  string note = 2;\n')), parsed(after))).toEqual([
      { from: 'note', to: 'remark', origin: { file: FILE, line: after.split('\n').indexOf('  string remark = 2;') + 1 } },
    ]);
  });

  it('renames every path below a renamed field, and renames inside the nested message', () => {
    const before = order('  Customer customer = 1;\n');
    const after = order('  Customer client = 1;\n').replace('string zip = 1;', 'string postcode = 1;');
    expect(protobufFormat.fieldRenames(parsed(before), parsed(after)).map(({ from, to }) => `${from} → ${to}`)).toEqual([
      'customer → client',
      'customer.zip → client.postcode',
      'customer.city → client.city',
    ]);
  });

  it('renames a oneof whose members stay', () => {
    const before = order('  oneof payment {\n    string card = 1;\n  }\n');
    const after = order('  oneof method {\n    string card = 1;\n  }\n');
    expect(protobufFormat.fieldRenames(parsed(before), parsed(after)).map(({ from, to }) => `${from} → ${to}`)).toEqual(['payment → method']);
  });

  it('finds none when names stay, however the fields move', () => {
    const before = order('  int64 id = 1;\n  string note = 2;\n');
    const after = order('  string note = 2;\n  int64 id = 1;\n');
    expect(protobufFormat.fieldRenames(parsed(before), parsed(after))).toEqual([]);
  });

  it('hands a field whose number changed over as renamed to a path no field has, with every path below it', () => {
    const before = order('  string customer_id = 2;\n  Customer customer = 3;\n');
    const after = order('  string customer_id = 6;\n  Customer customer = 7;\n');
    expect(protobufFormat.fieldRenames(parsed(before), parsed(after)).map(({ from, to }) => `${from} → ${to}`)).toEqual([
      'customer_id → customer_id#6',
      'customer → customer#7',
      'customer.zip → customer#7.zip',
      'customer.city → customer#7.city',
    ]);
  });

  it('does not take a field deleted and another added under a new number for a rename', () => {
    const before = order('  string note = 2;\n');
    const after = order('  string remark = 3;\n');
    expect(protobufFormat.fieldRenames(parsed(before), parsed(after))).toEqual([]);
  });
});

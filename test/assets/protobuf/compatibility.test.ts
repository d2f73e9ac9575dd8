import { describe, expect, it } from '@jest/globals';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';

const FILE = 'proto/acme/order.proto';

function parsed(files: SchemaFile[]): ProtobufSchema {
  const read = protobufFormat.read(files, 'acme.Order');
  if (read.status !== 'present') throw new Error(JSON.stringify(read));
  return read.parsed;
}

function lineOf(text: string, snippet: string): number {
  return text.split('\n').findIndex((line) => line.includes(snippet)) + 1;
}

const order = (body: string, rest = '') => `syntax = "proto3";\n\npackage acme;\n\nmessage Order {\n${body}}\n${rest}`;
const ADDRESS = (zip: string) => `\nmessage Address {\n  ${zip} zip = 1;\n  string city = 2;\n}\n`;

function compare(before: string, after: string, level?: 'WIRE' | 'WIRE_JSON' | 'PACKAGE' | 'FILE') {
  return protobufFormat.incompatibilities(parsed([{ path: FILE, text: before }]), parsed([{ path: FILE, text: after }]), 'backward', level ? { level } : {});
}

describe('Protobuf incompatibilities', () => {
  it('reports a nested change once, under the first path that reaches it, at the newer field', () => {
    const after = order('  Address billing = 1;\n  Address shipping = 2;\n', ADDRESS('int32'));
    const found = compare(order('  Address billing = 1;\n  Address shipping = 2;\n', ADDRESS('string')), after);
    expect(found).toEqual([
      {
        rule: 'protobuf-field-wire-json-compatible-type',
        path: 'billing.zip',
        message: expect.stringContaining('Field 1 "zip" of acme.Address changed its type from string to int32'),
        location: { file: FILE, line: lineOf(after, 'int32 zip') },
      },
    ]);
  });

  it('uses WIRE_JSON unless the contract names a level', () => {
    const before = order('  int32 quantity = 1;\n');
    const after = order('  int64 quantity = 1;\n');
    expect(compare(before, after).map((found) => found.rule)).toEqual(['protobuf-field-wire-json-compatible-type']);
    expect(compare(before, after, 'WIRE')).toEqual([]);
  });

  it('reports a deleted field at the newer message, naming its number', () => {
    const after = order('  int64 id = 1;\n');
    expect(compare(order('  int64 id = 1;\n  string note = 2;\n'), after, 'WIRE')).toEqual([
      {
        rule: 'protobuf-field-no-delete-unless-number-reserved',
        path: 'note',
        message: 'Field 2 "note" of acme.Order was deleted without reserving its number.',
        location: { file: FILE, line: lineOf(after, 'message Order') },
      },
    ]);
  });

  it('catches a deleted field\'s number taken by a new field, under the older name', () => {
    const found = compare(order('  string note = 2;\n'), order('  int64 quantity = 2;\n'), 'WIRE_JSON');
    expect(found.map(({ rule, path }) => `${rule} ${path}`)).toEqual([
      'protobuf-field-same-name note',
      'protobuf-field-same-json-name note',
      'protobuf-field-wire-json-compatible-type note',
    ]);
  });

  it('reports a deleted message where the newer file last had it', () => {
    const before = order('  int64 id = 1;\n  Address address = 2;\n', ADDRESS('string'));
    const after = order('  int64 id = 1;\n  bytes address = 2;\n');
    const deleted = compare(before, after, 'PACKAGE').find((found) => found.rule === 'protobuf-package-message-no-delete');
    expect(deleted).toEqual({
      rule: 'protobuf-package-message-no-delete',
      path: 'address',
      message: 'Message acme.Address was deleted.',
      location: { file: FILE, line: lineOf(after, 'bytes address') },
    });
  });

  it('reports a removed enum value at the newer enum, under the value of the field that uses it', () => {
    const status = (values: string) => `\nenum Status {\n  STATUS_UNSPECIFIED = 0;\n${values}}\n`;
    const after = order('  Status status = 1;\n', status(''));
    expect(compare(order('  Status status = 1;\n', status('  STATUS_PAID = 1;\n')), after, 'FILE')).toEqual([
      {
        rule: 'protobuf-enum-value-no-delete',
        path: 'status.STATUS_PAID',
        message: 'Enum value STATUS_PAID (1) of acme.Status was deleted.',
        location: { file: FILE, line: lineOf(after, 'enum Status') },
      },
    ]);
  });

  it('names the reservations a message dropped', () => {
    const found = compare(order('  int64 id = 1;\n  reserved 4 to 9, 12;\n  reserved "old";\n'), order('  int64 id = 1;\n  reserved 5, 7;\n'));
    expect(found.map((incompatibility) => incompatibility.message)).toEqual(['acme.Order no longer reserves 4, 6, 8 to 9, 12, "old".']);
  });

  it('stops at a message already on the path', () => {
    const node = (label: string) => order('  Node root = 1;\n', `\nmessage Node {\n  ${label} label = 1;\n  repeated Node children = 2;\n}\n`);
    expect(compare(node('string'), node('int32')).map((found) => found.path)).toEqual(['root.label']);
  });
});

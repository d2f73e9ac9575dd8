import { describe, expect, it } from '@jest/globals';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';

function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`"${snippet}" is not in the text`);
  return index + 1;
}

const IMPORTING = `syntax = "proto3";

package acme.orders.v1;

import "acme/common/money.proto";
import "google/protobuf/wrappers.proto";

message Order {
  int64 id = 1;
  acme.common.Money total = 2;
  google.protobuf.StringValue note = 3;
}
`;

const MONEY = `syntax = "proto3";

package acme.common;

message Money {
  int64 units = 1;
}
`;

const order: SchemaFile = { path: 'proto/acme/orders/v1/order.proto', text: IMPORTING };
const money: SchemaFile = { path: 'proto/acme/common/money.proto', text: MONEY };

describe('reading the files a Protobuf message needs', () => {
  it('resolves an import to the file whose path ends with it, and locates imported fields there', () => {
    const read = protobufFormat.read([money, order], 'acme.orders.v1.Order');
    expect(read.status).toBe('present');
    if (read.status !== 'present') return;
    const units = read.schema.fields.find((field) => field.name === 'total.units');
    expect(units?.origin).toEqual({ file: money.path, line: lineOf(MONEY, 'int64 units') });
    expect(read.schema.fields.find((field) => field.name === 'note')?.type).toBe('message google.protobuf.StringValue');
  });

  it('prefers the shortest path when several files end with the import', () => {
    const vendored = { path: 'vendor/proto/acme/common/money.proto', text: MONEY.replace('int64 units', 'string units') };
    const read = protobufFormat.read([vendored, money, order], 'acme.orders.v1.Order');
    expect(read.status === 'present' && read.schema.fields.find((field) => field.name === 'total.units')?.type).toBe('int64');
  });

  it('reports an import found nowhere at the import', () => {
    expect(protobufFormat.read([order], 'acme.orders.v1.Order')).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'failed', file: order.path, line: lineOf(IMPORTING, 'import "acme/common/money.proto"') }),
    });
  });

  it('loads descriptor.proto for files that declare custom options', () => {
    const options = `syntax = "proto3";\npackage acme;\nimport "google/protobuf/descriptor.proto";\nextend google.protobuf.FieldOptions {\n  bool pii = 50001;\n}\nmessage Order {\n  string email = 1 [(acme.pii) = true];\n}\n`;
    expect(protobufFormat.read([{ path: 'proto/acme/order.proto', text: options }], 'acme.Order').status).toBe('present');
  });

  it('reports a syntax error at protobufjs\'s line', () => {
    const broken = `syntax = "proto3";\npackage acme;\nmessage Order {\n  int64 id = 1\n  string note = 2;\n}\n`;
    const read = protobufFormat.read([{ path: 'proto/acme/order.proto', text: broken }], 'acme.Order');
    expect(read).toEqual({
      status: 'error',
      error: { kind: 'failed', file: 'proto/acme/order.proto', line: lineOf(broken, 'string note'), message: expect.stringContaining("';' expected") },
    });
  });

  it.each([
    ['a duplicate field name', 'string id = 2;', 'string id = 2;'],
    ['a duplicate field number', 'string note = 1;', 'string note = 1;'],
    ['a reserved number used', 'reserved 7;\n  string note = 7;', 'string note = 7;'],
    ['a reserved name used', 'reserved "note";\n  string note = 2;', 'string note = 2;'],
    ['a type defined nowhere', 'Missing note = 2;', 'Missing note = 2;'],
  ])('reports %s at the declaration', (_case, declaration, blamed) => {
    const text = `syntax = "proto3";\npackage acme;\nmessage Order {\n  int64 id = 1;\n  ${declaration}\n}\n`;
    const read = protobufFormat.read([{ path: 'proto/acme/order.proto', text }], 'acme.Order');
    expect(read.status === 'error' && read.error.line).toBe(lineOf(text, blamed));
  });

  it('reports an edition protobufjs does not know at its line', () => {
    const read = protobufFormat.read([{ path: 'proto/acme/order.proto', text: 'edition = "2099";\npackage acme;\nmessage Order {}\n' }], 'acme.Order');
    expect(read).toEqual({ status: 'error', error: expect.objectContaining({ line: 1, message: expect.stringContaining("edition '2099'") }) });
  });

  it('is absent when no file defines the message', () => {
    expect(protobufFormat.read([money], 'acme.orders.v1.Order')).toEqual({ status: 'absent' });
    expect(protobufFormat.read([money], 'acme.common')).toEqual({ status: 'absent' });
  });

  it('ignores a broken file the message does not need, and blames one when the message is found nowhere', () => {
    const broken = { path: 'proto/acme/broken.proto', text: 'syntax = "proto3";\nmessage {\n' };
    expect(protobufFormat.read([broken, money, order], 'acme.orders.v1.Order').status).toBe('present');
    expect(protobufFormat.read([broken, money], 'acme.orders.v1.Order')).toEqual({
      status: 'error',
      error: expect.objectContaining({ file: broken.path, line: 2 }),
    });
  });

  it('blames a broken file the message imports', () => {
    const brokenMoney = { ...money, text: MONEY.replace('int64 units = 1;', 'int64 units = ;') };
    expect(protobufFormat.read([brokenMoney, order], 'acme.orders.v1.Order')).toEqual({
      status: 'error',
      error: expect.objectContaining({ file: money.path, line: lineOf(MONEY, 'int64 units') }),
    });
  });

  it('reads only .proto files', () => {
    expect(protobufFormat.read([{ path: 'proto/README.md', text: '# message Order {' }, money, order], 'acme.orders.v1.Order').status).toBe('present');
  });
});

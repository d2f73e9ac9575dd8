import { describe, expect, it } from '@jest/globals';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';

const ORDER = 'proto/acme/order.proto';

function parsed(files: SchemaFile[]): ProtobufSchema {
  const read = protobufFormat.read(files, 'acme.Order');
  if (read.status !== 'present') throw new Error(JSON.stringify(read));
  return read.parsed;
}

function fieldNames(files: SchemaFile[]): string[] {
  const read = protobufFormat.read(files, 'acme.Order');
  return read.status === 'present' ? read.schema.fields.map((field) => `${field.name}: ${field.type}`) : [JSON.stringify(read)];
}

const file = (path: string, lines: string[]): SchemaFile => ({ path, text: `${lines.join('\n')}\n` });

describe('reading every file the contract\'s source matches, as buf reads a module', () => {
  it('finds a message in a file no file imports', () => {
    const order = file(ORDER, ['syntax = "proto3";', 'package acme;', 'message Order {', '  int64 id = 1;', '}']);
    const money = file('proto/acme/money.proto', ['syntax = "proto3";', 'package acme;', 'message Money {', '  int64 units = 1;', '}']);
    expect(parsed([order, money]).messages.get('acme.Money')?.location.file).toBe(money.path);
  });

  it('resolves a name as protoc does, in the innermost scope that has its first part', () => {
    const order = file(ORDER, [
      'syntax = "proto3";',
      'package acme;',
      'message Order {',
      '  Status status = 1;',
      '  message Line {',
      '    enum Status { LINE_STATUS_UNSPECIFIED = 0; }',
      '  }',
      '}',
      'enum Status { STATUS_UNSPECIFIED = 0; }',
    ]);
    expect(fieldNames([order])).toEqual(['status: enum acme.Status']);
  });

  it('attaches an extension to the message protoc chooses, after an import of another package that has one of that name', () => {
    // Number 100 is a field of other.Foo: the extension attached there would make the files unreadable.
    const other = file('proto/other/base.proto', ['syntax = "proto2";', 'package other;', 'message Foo {', '  optional int32 x = 100;', '}']);
    const foo = file('proto/acme/foo.proto', ['syntax = "proto2";', 'package acme;', 'message Foo {', '  extensions 100 to 199;', '}']);
    const order = file(ORDER, [
      'syntax = "proto2";',
      'package acme;',
      'import "other/base.proto";',
      'import "acme/foo.proto";',
      'extend Foo {',
      '  optional string note = 100;',
      '}',
      'message Order {',
      '  optional Foo foo = 1;',
      '}',
    ]);
    expect(parsed([other, foo, order]).extensions.get('acme.note')?.extendee).toBe('acme.Foo');
  });

  it('reads an extension as the file\'s, not as a field of the message it extends', () => {
    const order = file(ORDER, ['syntax = "proto2";', 'package acme;', 'message Order {', '  optional int64 id = 1;', '  extensions 100 to 199;', '}', 'extend Order {', '  optional string note = 100;', '}']);
    expect(fieldNames([order])).toEqual(['id: int64']);
    expect(parsed([order]).extensions.get('acme.note')).toMatchObject({ extendee: 'acme.Order', field: { name: 'note', number: 100 } });
  });

  it.each(['java', 'go', 'cpp'])('reads a file that imports google/protobuf/%s_features.proto', (language) => {
    const order = file(ORDER, ['edition = "2023";', 'package acme;', `import "google/protobuf/${language}_features.proto";`, 'message Order {', '  int64 id = 1;', '}']);
    expect(fieldNames([order])).toEqual(['id: int64']);
  });

  it('leaves out a file that cannot be read beside the others, rather than blaming it', () => {
    const order = file(ORDER, ['syntax = "proto3";', 'package acme;', 'message Order {', '  int64 id = 1;', '}']);
    const stray = file('proto/acme/stray.proto', ['syntax = "proto3";', 'package acme;', 'message Stray {', '  Missing missing = 1;', '}']);
    const service = file('proto/acme/api.proto', ['syntax = "proto3";', 'package acme;', 'service Orders {', '  rpc Get (Missing) returns (Order);', '}']);
    const copy = file('proto/old/order.proto', ['syntax = "proto3";', 'package acme;', 'message Order {', '  string id = 1;', '}']);
    expect(fieldNames([order, service, copy, stray])).toEqual(['id: int64']);
  });

  it('names a group\'s field as protoc does, all lower-case', () => {
    const order = file(ORDER, ['syntax = "proto2";', 'package acme;', 'message Order {', '  optional group LineItem = 1 {', '    optional string sku = 2;', '  }', '}']);
    expect(fieldNames([order])).toEqual(['lineitem: group acme.Order.LineItem', 'lineitem.sku: string']);
  });

  it('reads the features that decide JSON, UTF-8 and enum behaviour', () => {
    const order = file(ORDER, [
      'edition = "2023";',
      'package acme;',
      'option features.json_format = LEGACY_BEST_EFFORT;',
      'message Order {',
      '  string note = 1 [features.utf8_validation = NONE];',
      '  Status status = 2;',
      '}',
      'enum Status {',
      '  option features.enum_type = CLOSED;',
      '  STATUS_UNSPECIFIED = 0;',
      '}',
    ]);
    const schema = parsed([order]);
    expect(schema.messages.get('acme.Order')).toMatchObject({ jsonFormat: 'LEGACY_BEST_EFFORT', fields: [{ utf8Validated: false }, {}] });
    expect(schema.enums.get('acme.Status')).toMatchObject({ closed: true, jsonFormat: 'LEGACY_BEST_EFFORT' });
  });
});

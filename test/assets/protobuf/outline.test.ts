import { describe, expect, it } from '@jest/globals';
import { declarationLines, outlineFile } from '../../../src/assets/protobuf/outline.js';

const TEXT = `edition = "2024";

package acme.v1;

import public "acme/money.proto";
import weak "acme/legacy.proto";

option (acme.file_label) = { name: "orders" tags: ["a", "}"] };

/* message NotReal { int32 x = 1; } */
export message Order {
  option (acme.message_label) = { text: "{" };
  int64 id = 1;
  map<string, acme.Money> prices = 0x2 [(acme.field_label) = { text: "x = 9;" }];
  oneof payment {
    option (acme.oneof_label) = "p";
    string card = 3;
  }
  extend Money {
    int32 ignored = 100;
  }
  local enum Kind {
    KIND_UNSPECIFIED = 0;
    KIND_REFUND = -1;
    reserved 7 to 9;
  }
  reserved 20, 21;
}

service Orders {
  rpc Place (Order) returns (Order) {
    option idempotency_level = IDEMPOTENT;
  }
}
`;

const PROTO2_GROUP = `syntax = "proto2";
package acme;
message Order {
  optional group Line = 1 {
    optional string sku = 2;
  }
}
`;

function lineOf(text: string, snippet: string): number {
  return text.split('\n').findIndex((line) => line.includes(snippet)) + 1;
}

describe('outlining a .proto file with protobufjs\'s tokenizer', () => {
  const lines = declarationLines(outlineFile(TEXT));

  it.each([
    ['acme.v1.Order', 'export message Order'],
    ['acme.v1.Order.id', 'int64 id'],
    ['acme.v1.Order.prices', 'map<string'],
    ['acme.v1.Order.payment', 'oneof payment'],
    ['acme.v1.Order.card', 'string card'],
    ['acme.v1.Order.Kind', 'local enum Kind'],
    ['acme.v1.Order.Kind.KIND_REFUND', 'KIND_REFUND'],
  ])('finds %s', (fullName, snippet) => {
    expect(lines.get(fullName)).toBe(lineOf(TEXT, snippet));
  });

  it('keeps only declarations of messages, fields, oneofs, enums, values and extensions', () => {
    expect([...lines.keys()].sort()).toEqual([
      'acme.v1.Order',
      'acme.v1.Order.Kind',
      'acme.v1.Order.Kind.KIND_REFUND',
      'acme.v1.Order.Kind.KIND_UNSPECIFIED',
      'acme.v1.Order.card',
      'acme.v1.Order.id',
      'acme.v1.Order.ignored',
      'acme.v1.Order.payment',
      'acme.v1.Order.prices',
    ]);
  });

  it('names an extension by the scope it is declared in, not by the message it extends', () => {
    expect(lines.get('acme.v1.Order.ignored')).toBe(lineOf(TEXT, 'int32 ignored'));
  });

  it('reads field and enum numbers as protobuf writes them', () => {
    const numbers = Object.fromEntries(outlineFile(TEXT).declarations.map((declaration) => [declaration.name, declaration.number]));
    expect(numbers).toMatchObject({ id: 1, prices: 2, card: 3, KIND_REFUND: -1 });
  });

  it('lists imports with their lines', () => {
    expect(outlineFile(TEXT).imports).toEqual([
      { path: 'acme/money.proto', weak: false, line: lineOf(TEXT, 'import public') },
      { path: 'acme/legacy.proto', weak: true, line: lineOf(TEXT, 'import weak') },
    ]);
  });

  it('reads a group as a message and a field named after it', () => {
    const groups = declarationLines(outlineFile(PROTO2_GROUP));
    expect(Object.fromEntries(groups)).toEqual({
      'acme.Order': lineOf(PROTO2_GROUP, 'message Order'),
      'acme.Order.Line': lineOf(PROTO2_GROUP, 'group Line'),
      'acme.Order.line': lineOf(PROTO2_GROUP, 'group Line'),
      'acme.Order.Line.sku': lineOf(PROTO2_GROUP, 'string sku'),
    });
  });
});

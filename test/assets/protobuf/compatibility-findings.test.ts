import { describe, expect, it } from '@jest/globals';
import { checkCompatibility } from '../../../src/assets/events/compatibility.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';

type Level = 'WIRE' | 'WIRE_JSON' | 'PACKAGE' | 'FILE';

function parsed(text: string): ProtobufSchema {
  const read = protobufFormat.read([{ path: 'proto/acme/order.proto', text }], 'acme.Order');
  if (read.status !== 'present') throw new Error(JSON.stringify(read));
  return read.parsed;
}

/** What the contract's compatibility check reports, as the review receives it: `rule path`. */
function problems(before: string, after: string, level: Level): string[] {
  const found = checkCompatibility(protobufFormat, 'BACKWARD', { level }, { rev: 'base', parsed: parsed(before) }, parsed(after), []);
  return found.map(({ rule, path }) => `${rule} ${path}`);
}

const PROTO2 = 'syntax = "proto2";\npackage acme;\n';
const PROTO3 = 'syntax = "proto3";\npackage acme;\n';
const withStatus = (values: string) => `${PROTO3}message Order {\n  Status status = 1;\n}\nenum Status {\n  STATUS_UNSPECIFIED = 0;\n${values}}\n`;
const extended = (extensions: string) => `${PROTO2}message Order {\n  optional int64 id = 1;\n  extensions 100 to 199;\n}\nextend Order {\n${extensions}}\n`;

describe('one Protobuf finding per problem', () => {
  it('reports every deleted enum value on its own', () => {
    const before = withStatus('  STATUS_PAID = 1;\n  STATUS_SHIPPED = 2;\n  STATUS_CANCELLED = 3;\n');
    expect(problems(before, withStatus('  STATUS_SHIPPED = 2;\n'), 'WIRE')).toEqual([
      'protobuf-enum-value-no-delete-unless-number-reserved status.STATUS_PAID',
      'protobuf-enum-value-no-delete-unless-number-reserved status.STATUS_CANCELLED',
    ]);
  });

  it('reports every renamed enum value on its own', () => {
    const before = withStatus('  STATUS_PAID = 1;\n  STATUS_SHIPPED = 2;\n');
    expect(problems(before, withStatus('  STATUS_SETTLED = 1;\n  STATUS_SENT = 2;\n'), 'WIRE_JSON')).toEqual([
      'protobuf-enum-value-same-name status.STATUS_PAID',
      'protobuf-enum-value-same-name status.STATUS_SHIPPED',
    ]);
  });

  it('judges a deleted extension as its file\'s, not as a deleted field of the message it extends', () => {
    const before = extended('  optional string note = 100;\n  optional string channel = 101;\n');
    const after = extended('  optional string channel = 101;\n');
    expect(problems(before, after, 'WIRE')).toEqual([]);
    expect(problems(before, after, 'FILE')).toEqual(['protobuf-extension-no-delete [acme.note]']);
    expect(problems(before, after, 'PACKAGE')).toEqual(['protobuf-package-extension-no-delete [acme.note]']);
  });

  it('compares an extension kept at its number with the field rules, naming it by its full name', () => {
    const found = checkCompatibility(
      protobufFormat,
      'BACKWARD',
      { level: 'WIRE_JSON' },
      { rev: 'base', parsed: parsed(extended('  optional string note = 100;\n')) },
      parsed(extended('  optional int64 remark = 100;\n')),
      [],
    );
    expect(found.map(({ rule, path, message }) => `${rule} ${path}: ${message}`)).toEqual([
      'protobuf-field-same-name [acme.note]: Extension 100 "acme.note" of acme.Order was renamed from "acme.note" to "acme.remark".',
      'protobuf-field-wire-json-compatible-type [acme.note]: Extension 100 "acme.note" of acme.Order changed its type from string to int64, which readers of one cannot decode as the other in binary or JSON.',
    ]);
  });

  it('reports a map whose key and value both changed once per rule', () => {
    const found = protobufFormat.incompatibilities(
      parsed(`${PROTO3}message Order {\n  map<string, int64> quantities = 1;\n}\n`),
      parsed(`${PROTO3}message Order {\n  map<int32, string> quantities = 1;\n}\n`),
      'backward',
      { level: 'FILE' },
    );
    expect(found.map(({ rule, message }) => `${rule}: ${message}`)).toEqual([
      'protobuf-field-same-type: Field 1 "quantities" of acme.Order changed its map key from string to int32 and its map value from int64 to string.',
    ]);
  });

  it('pairs a map with a repeated field of a message of its entry\'s name: only the cardinality changes', () => {
    const before = `${PROTO3}message Order {\n  map<string, int64> quantities = 1;\n}\n`;
    const after = `${PROTO3}message Order {\n  repeated QuantitiesEntry quantities = 1;\n  message QuantitiesEntry {\n    string key = 1;\n    int32 value = 2;\n  }\n}\n`;
    expect(problems(before, after, 'WIRE')).toEqual([]);
    expect(problems(before, after, 'WIRE_JSON')).toEqual([
      'protobuf-field-wire-json-compatible-cardinality quantities',
      'protobuf-field-wire-json-compatible-type quantities',
    ]);
  });
});

import { BUF_RULES, type BufLevel, type BufRule, type ProtobufRuleId } from './protobuf-levels.js';
import { FINANCE, type RuleDefinition, type RuleExample } from './rule.js';

const PROTO3 = 'syntax = "proto3";\n\npackage acme;\n\n';
const PROTO2 = 'syntax = "proto2";\n\npackage acme;\n\n';
const EDITION = 'edition = "2023";\n\npackage acme;\n\n';

/** An example's proto/acme/order.proto: message `acme.Order` with `id` and the given fields, then `rest`. */
const order = (fields: string, rest = '', head = PROTO3) =>
  `${head}message Order {\n  ${head === PROTO2 ? 'optional ' : ''}int64 id = 1;\n${fields}}\n${rest ? `\n${rest}` : ''}`;
const orderImportingExtra = (fields: string) => order(fields, '', `${PROTO3}import "acme/extra-1.proto";\n\n`);
const status = (values: string) => `enum Status {\n  STATUS_UNSPECIFIED = 0;\n${values}}\n`;
const MONEY = 'message Money {\n  int64 units = 1;\n}\n';
const PAID = '  STATUS_PAID = 1;\n';
/** A proto2 order whose numbers 100 to 199 are left to extensions, extended by `extensions`. */
const extendedOrder = (extensions: string, range = '  extensions 100 to 199;\n') =>
  order(range, extensions ? `extend Order {\n${extensions}}\n` : '', PROTO2);

/** Every example breaks the default level (WIRE_JSON) unless it names the level whose rules it shows. */
const example = (before: string[], after: string[], level?: BufLevel): RuleExample => ({
  assetType: 'protobuf',
  asset: `  compatibility: BACKWARD${level ? `\n  level: ${level}` : ''}`,
  contract: `fields:\n  - name: id\n    type: integer\n${FINANCE}\n`,
  before,
  after,
  expect: 'blocking',
});

/** What a description says of every Protobuf rule: the buf rule it is, where buf files it, and who it concerns. */
function asBuf(rule: BufRule): string {
  const categories: readonly string[] = BUF_RULES[rule];
  const named = categories.length === 1 ? `the ${categories[0]} category` : `the ${categories.slice(0, -1).join(', ')} and ${categories.at(-1)} categories`;
  return `This is buf's \`${rule}\`, in ${named}. Checked when the contract sets \`asset.compatibility\`, at the buf category \`asset.level\` names (default WIRE_JSON), for the asset message and every message, enum and extension it reaches, whatever the direction: buf's rules guard old and new readers at once. The whole schema is the guarantee, so the severity comes from all the contract's consumers, whichever fields they use.`;
}

/** buf's breaking-change rules for the data a Protobuf message carries. */
export const PROTOBUF_RULES = [
  {
    id: 'protobuf-enum-no-delete',
    title: 'Protobuf: an enum left its file',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum a field uses is no longer declared in the file that declared it: deleted, or moved to another file, which changes the generated code of languages that generate per file. ${asBuf('ENUM_NO_DELETE')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [orderImportingExtra('  Status status = 2;\n'), PROTO3 + status(PAID)], 'FILE'),
  },
  {
    id: 'protobuf-message-no-delete',
    title: 'Protobuf: a message left its file',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A message the asset reaches is no longer declared in the file that declared it: deleted, or moved to another file. ${asBuf('MESSAGE_NO_DELETE')}`,
    example: example([order('  Money total = 2;\n', MONEY)], [orderImportingExtra('  Money total = 2;\n'), PROTO3 + MONEY], 'FILE'),
  },
  {
    id: 'protobuf-package-enum-no-delete',
    title: 'Protobuf: an enum was deleted from its package',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum a field used is no longer declared anywhere in its package; moving it between the package's files is fine. ${asBuf('PACKAGE_ENUM_NO_DELETE')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [order('  string status = 2;\n')], 'PACKAGE'),
  },
  {
    id: 'protobuf-package-message-no-delete',
    title: 'Protobuf: a message was deleted from its package',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A message the asset reached is no longer declared anywhere in its package. ${asBuf('PACKAGE_MESSAGE_NO_DELETE')}`,
    example: example([order('  Money total = 2;\n', MONEY)], [order('')], 'PACKAGE'),
  },
  {
    id: 'protobuf-enum-value-no-delete',
    title: 'Protobuf: an enum value was deleted',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum value (a number) is gone, even with its number and name reserved: generated code that names it no longer compiles. ${asBuf('ENUM_VALUE_NO_DELETE')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [order('  Status status = 2;\n', status('  reserved 1;\n  reserved "STATUS_PAID";\n'))], 'FILE'),
  },
  {
    id: 'protobuf-field-no-delete',
    title: 'Protobuf: a field was deleted',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field (a number) is gone, even with its number and name reserved: generated code that reads it no longer compiles. ${asBuf('FIELD_NO_DELETE')}`,
    example: example([order('  string note = 2;\n')], [order('  reserved 2;\n  reserved "note";\n')], 'FILE'),
  },
  {
    id: 'protobuf-field-same-cardinality',
    title: 'Protobuf: a field\'s cardinality changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field moved between optional with explicit presence, optional with implicit presence, required, repeated and map, even where the wire reads both alike (a proto3 \`optional\` added). ${asBuf('FIELD_SAME_CARDINALITY')}`,
    example: example([order('  string note = 2;\n')], [order('  optional string note = 2;\n')], 'FILE'),
  },
  {
    id: 'protobuf-field-same-type',
    title: 'Protobuf: a field\'s type changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's type changed, even to one the wire reads alike (int32 to int64), or it names another message or enum. ${asBuf('FIELD_SAME_TYPE')}`,
    example: example([order('  int32 quantity = 2;\n')], [order('  int64 quantity = 2;\n')], 'FILE'),
  },
  {
    id: 'protobuf-oneof-no-delete',
    title: 'Protobuf: a oneof was deleted',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A oneof is gone from its message (a proto3 \`optional\`'s hidden oneof does not count). ${asBuf('ONEOF_NO_DELETE')}`,
    example: example(
      [order('  oneof payment {\n    string card = 2;\n    string iban = 3;\n  }\n')],
      [order('  optional string card = 2;\n  optional string iban = 3;\n')],
      'FILE',
    ),
  },
  {
    id: 'protobuf-enum-value-same-name',
    title: 'Protobuf: an enum value lost its name',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum number no longer has a name it had: JSON carries enum values by name, so readers of the other version reject it. Adding an alias is fine. ${asBuf('ENUM_VALUE_SAME_NAME')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [order('  Status status = 2;\n', status('  STATUS_SETTLED = 1;\n'))]),
  },
  {
    id: 'protobuf-field-same-json-name',
    title: 'Protobuf: a field\'s JSON name changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's JSON name (its \`json_name\`, or the lowerCamelCase of its name) changed, so JSON written by one version is not read by the other. ${asBuf('FIELD_SAME_JSON_NAME')}`,
    example: example([order('  string note = 2;\n')], [order('  string note = 2 [json_name = "remark"];\n')]),
  },
  {
    id: 'protobuf-field-same-name',
    title: 'Protobuf: a field was renamed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field kept its number under another name: the wire does not mind, but JSON field masks and text formats name fields, and so does generated code. ${asBuf('FIELD_SAME_NAME')}`,
    example: example([order('  string note = 2;\n')], [order('  string remark = 2 [json_name = "note"];\n')]),
  },
  {
    id: 'protobuf-field-same-default',
    title: 'Protobuf: a field\'s default changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A proto2 or editions field's \`default\` changed, so an unset field reads differently in each version. ${asBuf('FIELD_SAME_DEFAULT')}`,
    example: example(
      [order('  optional string currency = 2 [default = "EUR"];\n', '', PROTO2)],
      [order('  optional string currency = 2 [default = "USD"];\n', '', PROTO2)],
    ),
  },
  {
    id: 'protobuf-field-same-oneof',
    title: 'Protobuf: a field moved into, out of or between oneofs',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field joined, left or changed its oneof: setting a oneof member clears the others, so data written by one version loses fields when read by the other. ${asBuf('FIELD_SAME_ONEOF')}`,
    example: example(
      [order('  string card = 2;\n  oneof payment {\n    string iban = 3;\n  }\n')],
      [order('  oneof payment {\n    string card = 2;\n    string iban = 3;\n  }\n')],
    ),
  },
  {
    id: 'protobuf-message-same-required-fields',
    title: 'Protobuf: a message\'s required fields changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A required field was added, deleted or made optional: a reader that requires a field the writer does not send rejects the whole message. Editions' \`features.field_presence = LEGACY_REQUIRED\` fields are required alike, although buf counts proto2's \`required\` label only. ${asBuf('MESSAGE_SAME_REQUIRED_FIELDS')}`,
    example: example([order('', '', PROTO2)], [order('  required string code = 2;\n', '', PROTO2)]),
  },
  {
    id: 'protobuf-reserved-enum-no-delete',
    title: 'Protobuf: an enum\'s reservation was removed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A reserved enum number or name is no longer reserved, so it can be reused with another meaning. ${asBuf('RESERVED_ENUM_NO_DELETE')}`,
    example: example([order('  Status status = 2;\n', status(`${PAID}  reserved 2;\n`))], [order('  Status status = 2;\n', status(PAID))]),
  },
  {
    id: 'protobuf-reserved-message-no-delete',
    title: 'Protobuf: a message\'s reservation was removed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A reserved field number or name is no longer reserved, so a new field can reuse a deleted field's number and old data is misread. ${asBuf('RESERVED_MESSAGE_NO_DELETE')}`,
    example: example([order('  reserved 2;\n')], [order('')]),
  },
  {
    id: 'protobuf-enum-value-no-delete-unless-name-reserved',
    title: 'Protobuf: an enum value was deleted without reserving its name',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum value is gone and its name is not reserved, so the name can come back with another number, which JSON readers would confuse. ${asBuf('ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [order('  Status status = 2;\n', status('  reserved 1;\n'))]),
  },
  {
    id: 'protobuf-field-no-delete-unless-name-reserved',
    title: 'Protobuf: a field was deleted without reserving its name',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field is gone and its name is not reserved, so the name can come back with another number or type, which JSON readers would confuse. ${asBuf('FIELD_NO_DELETE_UNLESS_NAME_RESERVED')}`,
    example: example([order('  string note = 2;\n')], [order('  reserved 2;\n')]),
  },
  {
    id: 'protobuf-field-wire-json-compatible-cardinality',
    title: 'Protobuf: a field\'s cardinality changed for the wire or JSON',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's cardinality changed in a way the binary or the JSON encoding reads differently: a single value made repeated, required made optional, or a map made repeated (both are repeated on the wire, but a map is an object in JSON). ${asBuf('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY')}`,
    example: example([order('  string note = 2;\n')], [order('  repeated string note = 2;\n')]),
  },
  {
    id: 'protobuf-field-wire-json-compatible-type',
    title: 'Protobuf: a field\'s type changed for the wire or JSON',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's type changed to one the binary or the JSON encoding reads differently: int32 to int64 shares the wire but not JSON (64-bit integers are JSON strings), string to bytes shares the wire but bytes are base64 in JSON. ${asBuf('FIELD_WIRE_JSON_COMPATIBLE_TYPE')}`,
    example: example([order('  int32 quantity = 2;\n')], [order('  int64 quantity = 2;\n')]),
  },
  {
    id: 'protobuf-enum-value-no-delete-unless-number-reserved',
    title: 'Protobuf: an enum value was deleted without reserving its number',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum value is gone and its number is not reserved, so the number can come back with another meaning and old data would be misread. Renumbering a value deletes its old number. ${asBuf('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED')}`,
    example: example([order('  Status status = 2;\n', status(PAID))], [order('  Status status = 2;\n', status(''))]),
  },
  {
    id: 'protobuf-field-no-delete-unless-number-reserved',
    title: 'Protobuf: a field was deleted without reserving its number',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field is gone and its number is not reserved, so a later field can reuse the number with another type or meaning and old data would be misread. Renumbering a field deletes its old number. ${asBuf('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED')}`,
    example: example([order('  string note = 2;\n')], [order('')]),
  },
  {
    id: 'protobuf-field-wire-compatible-cardinality',
    title: 'Protobuf: a field\'s cardinality changed for the wire',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's cardinality changed in a way the binary encoding reads differently: a single value made repeated or a map, or required made optional. Presence alone is not on the wire. ${asBuf('FIELD_WIRE_COMPATIBLE_CARDINALITY')}`,
    example: example([order('  string note = 2;\n')], [order('  repeated string note = 2;\n')], 'WIRE'),
  },
  {
    id: 'protobuf-field-wire-compatible-type',
    title: 'Protobuf: a field\'s type changed for the wire',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's type changed to one the binary encoding reads differently: another encoding (varint, zigzag, fixed width, length-delimited), bytes to string (bytes need not be UTF-8), an enum to an integer, or another message. Also how a field number reused by a new field of another type is caught. ${asBuf('FIELD_WIRE_COMPATIBLE_TYPE')}`,
    example: example([order('  string note = 2;\n')], [order('  int64 note = 2;\n')], 'WIRE'),
  },
  {
    id: 'protobuf-extension-no-delete',
    title: 'Protobuf: an extension left its file',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An extension of a message the asset reaches is no longer declared in the file that declared it: deleted, renamed, or moved to another file. An extension is judged as the file's, not as a field of the message it extends. ${asBuf('EXTENSION_NO_DELETE')}`,
    example: example([extendedOrder('  optional string note = 100;\n')], [extendedOrder('')], 'FILE'),
  },
  {
    id: 'protobuf-package-extension-no-delete',
    title: 'Protobuf: an extension was deleted from its package',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An extension of a message the asset reaches is no longer declared anywhere in its package, or was renamed; moving it between the package's files is fine. buf leaves out a package that has no extension left; the review does not. ${asBuf('PACKAGE_EXTENSION_NO_DELETE')}`,
    example: example([extendedOrder('  optional string note = 100;\n  optional string channel = 101;\n')], [extendedOrder('  optional string channel = 101;\n')], 'PACKAGE'),
  },
  {
    id: 'protobuf-enum-same-type',
    title: 'Protobuf: an enum changed between open and closed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum a field uses changed between open (proto3's, editions' default) and closed (proto2's, or \`features.enum_type = CLOSED\`): a reader of a closed enum sets a number it does not know aside as an unknown field, where a reader of an open one reads it, so the two versions' readers see different values. ${asBuf('ENUM_SAME_TYPE')}`,
    example: example(
      [order('  Status status = 2;\n', status(PAID), EDITION)],
      [order('  Status status = 2;\n', status(`  option features.enum_type = CLOSED;\n${PAID}`), EDITION)],
      'FILE',
    ),
  },
  {
    id: 'protobuf-extension-message-no-delete',
    title: 'Protobuf: a message stopped leaving numbers to extensions',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A message the asset reaches no longer leaves some numbers to extensions (\`extensions 100 to 199;\`), so extensions declared for them, here or elsewhere, no longer build. ${asBuf('EXTENSION_MESSAGE_NO_DELETE')}`,
    example: example([extendedOrder('')], [extendedOrder('', '')], 'PACKAGE'),
  },
  {
    id: 'protobuf-field-same-utf8-validation',
    title: 'Protobuf: a string field\'s UTF-8 validation changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A string field (or a map's string key or value) changed whether parsers reject values that are not valid UTF-8 (\`features.utf8_validation\`, always off in proto2): data one version's readers accept, the other's reject. ${asBuf('FIELD_SAME_UTF8_VALIDATION')}`,
    example: example(
      [order('  string note = 2;\n', '', EDITION)],
      [order('  string note = 2 [features.utf8_validation = NONE];\n', '', EDITION)],
      'FILE',
    ),
  },
  {
    id: 'protobuf-enum-same-json-format',
    title: 'Protobuf: an enum no longer fully supports JSON',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `An enum a field uses went from full JSON support to \`features.json_format = LEGACY_BEST_EFFORT\` (proto2's default), under which its JSON need not be read back by every implementation. ${asBuf('ENUM_SAME_JSON_FORMAT')}`,
    example: example(
      [order('  Status status = 2;\n', status(PAID), EDITION)],
      [order('  Status status = 2;\n', status(`  option features.json_format = LEGACY_BEST_EFFORT;\n${PAID}`), EDITION)],
    ),
  },
  {
    id: 'protobuf-message-same-json-format',
    title: 'Protobuf: a message no longer fully supports JSON',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A message the asset reaches went from full JSON support to \`features.json_format = LEGACY_BEST_EFFORT\` (proto2's default), under which its JSON need not be read back by every implementation. ${asBuf('MESSAGE_SAME_JSON_FORMAT')}`,
    example: example([order('', '', EDITION)], [order('', '', EDITION).replace('message Order {\n', 'message Order {\n  option features.json_format = LEGACY_BEST_EFFORT;\n')]),
  },
] as const satisfies readonly (RuleDefinition & { id: ProtobufRuleId })[];

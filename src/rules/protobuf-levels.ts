/** buf's categories of breaking-change rules, from the loosest. */
export const BUF_LEVELS = ['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'] as const;
export type BufLevel = (typeof BUF_LEVELS)[number];

export const DEFAULT_LEVEL: BufLevel = 'WIRE_JSON';

/**
 * buf's breaking-change rules that concern data (messages, fields, oneofs, enums, extensions, reserved numbers and
 * names, and how JSON and UTF-8 are read), each with the categories buf's v2 configuration puts it in (buf 1.75,
 * `buf config ls-breaking-rules`). The categories are not nested sets: each stricter one guards what the looser
 * ones do in its own terms (FILE and PACKAGE forbid deleting a field at all, where WIRE only asks that its number be
 * reserved). Rules about files, services, options and generated code are out of scope.
 */
export const BUF_RULES = {
  ENUM_NO_DELETE: ['FILE'],
  EXTENSION_NO_DELETE: ['FILE'],
  MESSAGE_NO_DELETE: ['FILE'],
  PACKAGE_ENUM_NO_DELETE: ['PACKAGE'],
  PACKAGE_EXTENSION_NO_DELETE: ['PACKAGE'],
  PACKAGE_MESSAGE_NO_DELETE: ['PACKAGE'],
  ENUM_SAME_TYPE: ['FILE', 'PACKAGE'],
  ENUM_VALUE_NO_DELETE: ['FILE', 'PACKAGE'],
  EXTENSION_MESSAGE_NO_DELETE: ['FILE', 'PACKAGE'],
  FIELD_NO_DELETE: ['FILE', 'PACKAGE'],
  FIELD_SAME_CARDINALITY: ['FILE', 'PACKAGE'],
  FIELD_SAME_TYPE: ['FILE', 'PACKAGE'],
  FIELD_SAME_UTF8_VALIDATION: ['FILE', 'PACKAGE'],
  ONEOF_NO_DELETE: ['FILE', 'PACKAGE'],
  ENUM_SAME_JSON_FORMAT: ['FILE', 'PACKAGE', 'WIRE_JSON'],
  ENUM_VALUE_SAME_NAME: ['FILE', 'PACKAGE', 'WIRE_JSON'],
  FIELD_SAME_JSON_NAME: ['FILE', 'PACKAGE', 'WIRE_JSON'],
  FIELD_SAME_NAME: ['FILE', 'PACKAGE', 'WIRE_JSON'],
  MESSAGE_SAME_JSON_FORMAT: ['FILE', 'PACKAGE', 'WIRE_JSON'],
  FIELD_SAME_DEFAULT: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
  FIELD_SAME_ONEOF: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
  MESSAGE_SAME_REQUIRED_FIELDS: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
  RESERVED_ENUM_NO_DELETE: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
  RESERVED_MESSAGE_NO_DELETE: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
  ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED: ['WIRE_JSON'],
  FIELD_NO_DELETE_UNLESS_NAME_RESERVED: ['WIRE_JSON'],
  FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY: ['WIRE_JSON'],
  FIELD_WIRE_JSON_COMPATIBLE_TYPE: ['WIRE_JSON'],
  ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED: ['WIRE_JSON', 'WIRE'],
  FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: ['WIRE_JSON', 'WIRE'],
  FIELD_WIRE_COMPATIBLE_CARDINALITY: ['WIRE'],
  FIELD_WIRE_COMPATIBLE_TYPE: ['WIRE'],
} as const satisfies Record<string, readonly BufLevel[]>;

export type BufRule = keyof typeof BUF_RULES;

type Kebab<Name extends string> = Name extends `${infer Head}_${infer Tail}` ? `${Head}-${Kebab<Tail>}` : Name;
/** The catalogue's id of a buf rule: `FIELD_NO_DELETE` is `protobuf-field-no-delete`. */
export type ProtobufRuleId = `protobuf-${Lowercase<Kebab<BufRule>>}`;

/** The stable id of the finding a buf rule makes: `FIELD_NO_DELETE` → `protobuf-field-no-delete`. */
export function ruleId(rule: BufRule): ProtobufRuleId {
  return `protobuf-${rule.toLowerCase().replaceAll('_', '-')}` as ProtobufRuleId;
}

export function appliesAt(rule: BufRule, level: BufLevel): boolean {
  return (BUF_RULES[rule] as readonly BufLevel[]).includes(level);
}

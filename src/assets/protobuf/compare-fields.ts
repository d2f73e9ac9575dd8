import { compareTypes } from './compare-types.js';
import { fieldDefault, sameDefault } from './defaults.js';
import type { BufRule } from '../../rules/protobuf-levels.js';
import type { Cardinality, ProtoField } from './model.js';
import type { Comparison } from './report.js';
import { sameCardinalityGroup } from './wire.js';

type Add = (rule: BufRule, message: string) => void;

const CARDINALITIES: Record<Cardinality, string> = {
  'optional-explicit': 'optional with explicit presence',
  'optional-implicit': 'optional with implicit presence',
  required: 'required',
  repeated: 'repeated',
  map: 'a map',
};

/**
 * One field at the same number in both versions of a message, or one extension of a message at the same number;
 * `path` is the older version's.
 */
export interface FieldPair {
  older: ProtoField;
  newer: ProtoField;
  path: string;
  /** `Field 3 "note" of acme.Order`. */
  subject: string;
  /** An extension is named by its full name, and has no JSON name or oneof of its own. */
  extension?: { older: string; newer: string };
}

/** buf's rules for a field kept at its number: name, JSON name, oneof, cardinality, type, default, UTF-8 checks. */
export function compareField(comparison: Comparison, pair: FieldPair): void {
  const { older, newer, path, subject, extension } = pair;
  const add: Add = (rule, message) => comparison.report.add(rule, path, `${subject} ${message}`, newer.location);
  const [olderName, newerName] = extension ? [extension.older, extension.newer] : [older.name, newer.name];
  if (olderName !== newerName) add('FIELD_SAME_NAME', `was renamed from "${olderName}" to "${newerName}".`);
  if (!extension && older.jsonName !== newer.jsonName) {
    add('FIELD_SAME_JSON_NAME', `changed its JSON name from "${older.jsonName}" to "${newer.jsonName}".`);
  }
  if (!extension && older.oneof !== newer.oneof) add('FIELD_SAME_ONEOF', `moved ${oneofMove(older.oneof, newer.oneof)}.`);
  compareCardinality(older, newer, add);
  compareTypes(comparison, older, newer, add);
  compareDefaults(comparison, pair, add);
  if (carriesStrings(older) && carriesStrings(newer) && older.utf8Validated !== newer.utf8Validated) {
    add('FIELD_SAME_UTF8_VALIDATION', `${newer.utf8Validated ? 'now rejects' : 'no longer rejects'} strings that are not valid UTF-8.`);
  }
}

function oneofMove(older: string | undefined, newer: string | undefined): string {
  if (older && newer) return `from oneof "${older}" to oneof "${newer}"`;
  return older ? `out of oneof "${older}"` : `into oneof "${newer}"`;
}

function compareCardinality(older: ProtoField, newer: ProtoField, add: Add): void {
  if (older.cardinality === newer.cardinality) return;
  const change = `changed from ${CARDINALITIES[older.cardinality]} to ${CARDINALITIES[newer.cardinality]}.`;
  add('FIELD_SAME_CARDINALITY', change);
  if (!sameCardinalityGroup('wire', older.cardinality, newer.cardinality)) add('FIELD_WIRE_COMPATIBLE_CARDINALITY', change);
  if (!sameCardinalityGroup('wire-json', older.cardinality, newer.cardinality)) add('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', change);
}

/** UTF-8 validation applies to string values, a map's string keys included. */
function carriesStrings(field: ProtoField): boolean {
  return field.value.kind === 'string' || field.mapKey === 'string';
}

function compareDefaults(comparison: Comparison, { older, newer }: FieldPair, add: Add): void {
  const before = fieldDefault(older, comparison.older);
  const after = fieldDefault(newer, comparison.newer);
  if (!before || !after || sameDefault(before, after)) return;
  add('FIELD_SAME_DEFAULT', `changed its default from ${before.printable} to ${after.printable}.`);
}

import { fieldDefault, sameDefault } from './defaults.js';
import type { BufRule } from './levels.js';
import type { Cardinality, ProtoField, ProtoValueType } from './model.js';
import type { Comparison } from './report.js';
import { renderSpelling, valueSpelling } from './spelling.js';
import { type Encoding, sameCardinalityGroup, sameKindGroup } from './wire.js';

type Add = (rule: BufRule, message: string) => void;

const CARDINALITIES: Record<Cardinality, string> = {
  'optional-explicit': 'optional with explicit presence',
  'optional-implicit': 'optional with implicit presence',
  required: 'required',
  repeated: 'repeated',
  map: 'a map',
};

/** One field at the same number in both versions of a message; `path` is the older version's. */
export interface FieldPair {
  older: ProtoField;
  newer: ProtoField;
  path: string;
  /** `Field 3 "note" of acme.Order`. */
  subject: string;
}

/** buf's rules for a field kept at its number: its name, JSON name, oneof, cardinality, type and default. */
export function compareField(comparison: Comparison, pair: FieldPair): void {
  const { older, newer, path, subject } = pair;
  const add: Add = (rule, message) => comparison.report.add(rule, path, `${subject} ${message}`, newer.location);
  if (older.name !== newer.name) add('FIELD_SAME_NAME', `was renamed from "${older.name}" to "${newer.name}".`);
  if (older.jsonName !== newer.jsonName) {
    add('FIELD_SAME_JSON_NAME', `changed its JSON name from "${older.jsonName}" to "${newer.jsonName}".`);
  }
  if (older.oneof !== newer.oneof) add('FIELD_SAME_ONEOF', `moved ${oneofMove(older.oneof, newer.oneof)}.`);
  if (older.cardinality !== newer.cardinality) {
    const change = `changed from ${CARDINALITIES[older.cardinality]} to ${CARDINALITIES[newer.cardinality]}.`;
    add('FIELD_SAME_CARDINALITY', change);
    if (!sameCardinalityGroup('wire', older.cardinality, newer.cardinality)) add('FIELD_WIRE_COMPATIBLE_CARDINALITY', change);
    if (!sameCardinalityGroup('wire-json', older.cardinality, newer.cardinality)) add('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', change);
  }
  compareTypes(comparison, pair, add);
  compareDefaults(comparison, pair, add);
}

function oneofMove(older: string | undefined, newer: string | undefined): string {
  if (older && newer) return `from oneof "${older}" to oneof "${newer}"`;
  return older ? `out of oneof "${older}"` : `into oneof "${newer}"`;
}

/**
 * A map's key and value are the fields of its entry message, which buf compares like any other field. Two maps are
 * compared by key and value only: buf also compares the entry messages' names, which follow the field's name, so it
 * takes a renamed map field for a change of type, which the wire does not see.
 */
function compareTypes(comparison: Comparison, { older, newer }: FieldPair, add: Add): void {
  if (older.cardinality === 'map' && newer.cardinality === 'map' && older.mapKey && newer.mapKey) {
    compareValues(comparison, { kind: older.mapKey }, { kind: newer.mapKey }, 'map key', add);
    compareValues(comparison, older.value, newer.value, 'map value', add);
    return;
  }
  compareValues(comparison, wireValue(older), wireValue(newer), 'type', add);
}

/** On the wire a map is a repeated entry message, which is no message a field declares. */
const MAP_ENTRY = '(map entry)';

function wireValue(field: ProtoField): ProtoValueType {
  return field.cardinality === 'map' ? { kind: 'message', typeName: MAP_ENTRY } : field.value;
}

function typeNameOf(value: ProtoValueType): string | undefined {
  return 'typeName' in value ? value.typeName : undefined;
}

function compareValues(comparison: Comparison, before: ProtoValueType, after: ProtoValueType, what: string, add: Add): void {
  if (before.kind === after.kind && typeNameOf(before) === typeNameOf(after)) return;
  const change = `changed its ${what} from ${describe(before)} to ${describe(after)}`;
  add('FIELD_SAME_TYPE', `${change}.`);
  if (!decodesAlike(comparison, 'wire', before, after)) {
    add('FIELD_WIRE_COMPATIBLE_TYPE', `${change}, which readers of one cannot decode as the other.`);
  }
  if (!decodesAlike(comparison, 'wire-json', before, after)) {
    add('FIELD_WIRE_JSON_COMPATIBLE_TYPE', `${change}, which readers of one cannot decode as the other in binary or JSON.`);
  }
}

function decodesAlike(comparison: Comparison, encoding: Encoding, before: ProtoValueType, after: ProtoValueType): boolean {
  if (!sameKindGroup(encoding, before.kind, after.kind)) {
    // Every string is valid bytes on the wire; JSON spells them differently (text, base64).
    return encoding === 'wire' && before.kind === 'string' && after.kind === 'bytes';
  }
  if (before.kind === 'enum' && after.kind === 'enum') return enumsCompatible(comparison, before, after);
  return typeNameOf(before) === typeNameOf(after);
}

function describe(value: ProtoValueType): string {
  return typeNameOf(value) === MAP_ENTRY ? 'a map' : renderSpelling(valueSpelling(value));
}

/**
 * As buf: a field may move to another enum of the same short name (a copy moved to another package) when it keeps
 * every value of the older one, numbers and names.
 */
function enumsCompatible(comparison: Comparison, before: ProtoValueType, after: ProtoValueType): boolean {
  const older = comparison.older.enums.get(typeNameOf(before) ?? '');
  const newer = comparison.newer.enums.get(typeNameOf(after) ?? '');
  if (!older || !newer || shortName(older.fullName) !== shortName(newer.fullName)) return false;
  return older.values.every((value) => newer.values.some((candidate) => candidate.name === value.name && candidate.number === value.number));
}

function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

function compareDefaults(comparison: Comparison, { older, newer }: FieldPair, add: Add): void {
  const before = fieldDefault(older, comparison.older);
  const after = fieldDefault(newer, comparison.newer);
  if (!before || !after || sameDefault(before, after)) return;
  add('FIELD_SAME_DEFAULT', `changed its default from ${before.printable} to ${after.printable}.`);
}

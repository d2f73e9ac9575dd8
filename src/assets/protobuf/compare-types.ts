import type { BufRule } from '../../rules/protobuf-levels.js';
import type { ProtoField, ProtoValueType } from './model.js';
import type { Comparison } from './report.js';
import { renderSpelling, valueSpelling } from './spelling.js';
import { type Encoding, sameKindGroup } from './wire.js';

/** What changed in one place a field carries values: its type, or a map's key or value. */
interface TypeChange {
  what: 'type' | 'map key' | 'map value';
  before: ProtoValueType;
  after: ProtoValueType;
}

const RULES: readonly { rule: BufRule; encoding?: Encoding; consequence: string }[] = [
  { rule: 'FIELD_SAME_TYPE', consequence: '' },
  { rule: 'FIELD_WIRE_COMPATIBLE_TYPE', encoding: 'wire', consequence: ', which readers of one cannot decode as the other' },
  { rule: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE', encoding: 'wire-json', consequence: ', which readers of one cannot decode as the other in binary or JSON' },
];

/**
 * buf's type rules for a field kept at its number, one finding per rule however many of a map's key and value
 * changed. A map is a repeated entry message on the wire, and pairs with a repeated field of a message of the entry's
 * name. Two maps are compared by key and value only: buf also compares the entry messages' names, which follow the
 * field's name, so it takes a renamed map field for a change of type, which the wire does not see.
 */
export function compareTypes(comparison: Comparison, older: ProtoField, newer: ProtoField, add: (rule: BufRule, message: string) => void): void {
  const changes = typeChanges(older, newer);
  for (const { rule, encoding, consequence } of RULES) {
    const breaking = encoding ? changes.filter((change) => !decodesAlike(comparison, encoding, change)) : changes;
    if (breaking.length === 0) continue;
    const described = breaking.map(({ what, before, after }) => `its ${what} from ${describe(older, before)} to ${describe(newer, after)}`);
    add(rule, `changed ${described.join(' and ')}${consequence}.`);
  }
}

function typeChanges(older: ProtoField, newer: ProtoField): TypeChange[] {
  const changes: TypeChange[] =
    older.mapKey && newer.mapKey
      ? [
          { what: 'map key', before: { kind: older.mapKey }, after: { kind: newer.mapKey } },
          { what: 'map value', before: older.value, after: newer.value },
        ]
      : [{ what: 'type', before: wireValue(older), after: wireValue(newer) }];
  return changes.filter(({ before, after }) => before.kind !== after.kind || typeNameOf(before) !== typeNameOf(after));
}

function wireValue(field: ProtoField): ProtoValueType {
  return field.mapEntry ? { kind: 'message', typeName: field.mapEntry } : field.value;
}

function typeNameOf(value: ProtoValueType): string | undefined {
  return 'typeName' in value ? value.typeName : undefined;
}

function decodesAlike(comparison: Comparison, encoding: Encoding, { before, after }: TypeChange): boolean {
  if (!sameKindGroup(encoding, before.kind, after.kind)) {
    // Every string is valid bytes on the wire; JSON spells them differently (text, base64).
    return encoding === 'wire' && before.kind === 'string' && after.kind === 'bytes';
  }
  if (before.kind === 'enum' && after.kind === 'enum') return enumsCompatible(comparison, before, after);
  return typeNameOf(before) === typeNameOf(after);
}

/** A map's entry is named as the map it stands for: `map<string,int64>`. */
function describe(field: ProtoField, value: ProtoValueType): string {
  if (field.mapEntry && typeNameOf(value) === field.mapEntry) return `map<${field.mapKey},${renderSpelling(valueSpelling(field.value))}>`;
  return renderSpelling(valueSpelling(value));
}

/**
 * As buf: a field may move to another enum of the same short name (a copy moved to another package) when it keeps
 * every value of the older one, numbers and names.
 */
function enumsCompatible(comparison: Comparison, before: ProtoValueType, after: ProtoValueType): boolean {
  const older = comparison.older.enums.get(typeNameOf(before) ?? '');
  const newer = comparison.newer.enums.get(typeNameOf(after) ?? '');
  if (!older || !newer || shortName(older.fullName) !== shortName(newer.fullName)) return false;
  const newerValues = new Set(newer.values.map((value) => `${value.number} ${value.name}`));
  return older.values.every((value) => newerValues.has(`${value.number} ${value.name}`));
}

function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

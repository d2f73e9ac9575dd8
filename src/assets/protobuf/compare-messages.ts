import { compareField } from './compare-fields.js';
import type { ProtoField, ProtoMessage } from './model.js';
import type { Comparison } from './report.js';
import { droppedRanges, droppedReservations, isNumberReserved } from './reserved.js';
import { joinPath } from './schema.js';

export function fieldsByNumber(message: ProtoMessage): Map<number, ProtoField> {
  return new Map(message.fields.map((field) => [field.number, field]));
}

/**
 * buf's rules for a message kept in both versions, reported under `path`, where the message sits in the asset ('' for
 * the asset message itself). Fields match by number, as on the wire, so a field deleted and its number reused by
 * another is compared as one field that changed name and type.
 */
export function compareMessage(comparison: Comparison, older: ProtoMessage, newer: ProtoMessage, path: string): void {
  const { report } = comparison;
  const newerFields = fieldsByNumber(newer);
  const reservedNames = new Set(newer.reserved.names);
  for (const field of older.fields) {
    // A map entry's fields are the map's key and value, which belong to the map field's path.
    const fieldPath = older.mapEntry ? path : joinPath(path, field.name);
    const subject = `Field ${field.number} "${field.name}" of ${older.fullName}`;
    const kept = newerFields.get(field.number);
    if (kept) {
      compareField(comparison, { older: field, newer: kept, path: fieldPath, subject });
      continue;
    }
    report.add('FIELD_NO_DELETE', fieldPath, `${subject} was deleted.`, newer.location);
    if (!isNumberReserved(field.number, newer.reserved)) {
      report.add('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', fieldPath, `${subject} was deleted without reserving its number.`, newer.location);
    }
    if (!reservedNames.has(field.name)) {
      report.add('FIELD_NO_DELETE_UNLESS_NAME_RESERVED', fieldPath, `${subject} was deleted without reserving its name.`, newer.location);
    }
  }
  compareRequired(comparison, older, newer, path);
  const newerOneofs = new Set(newer.oneofs.map((oneof) => oneof.name));
  for (const oneof of older.oneofs) {
    if (newerOneofs.has(oneof.name)) continue;
    report.add('ONEOF_NO_DELETE', joinPath(path, oneof.name), `Oneof "${oneof.name}" of ${older.fullName} was deleted.`, newer.location);
  }
  const dropped = droppedReservations(older.reserved, newer.reserved);
  if (dropped.length > 0) {
    report.add('RESERVED_MESSAGE_NO_DELETE', path, `${older.fullName} no longer reserves ${dropped.join(', ')}.`, newer.location);
  }
  const droppedExtensions = droppedRanges(older.extensionRanges, newer.extensionRanges);
  if (droppedExtensions.length > 0) {
    const message = `${older.fullName} no longer leaves ${droppedExtensions.join(', ')} to extensions.`;
    report.add('EXTENSION_MESSAGE_NO_DELETE', path, message, newer.location);
  }
  if (older.jsonFormat === 'ALLOW' && newer.jsonFormat !== 'ALLOW') {
    report.add('MESSAGE_SAME_JSON_FORMAT', path, `${older.fullName} no longer fully supports JSON (json_format ${newer.jsonFormat}).`, newer.location);
  }
}

/**
 * A required field must be sent: a reader that requires one the writer does not know rejects every message. Editions'
 * LEGACY_REQUIRED fields are required alike.
 */
function compareRequired(comparison: Comparison, older: ProtoMessage, newer: ProtoMessage, path: string): void {
  const required = (message: ProtoMessage) => new Map(message.fields.filter((field) => field.cardinality === 'required').map((field) => [field.number, field]));
  const olderRequired = required(older);
  const newerRequired = required(newer);
  for (const field of olderRequired.values()) {
    if (newerRequired.has(field.number)) continue;
    const message = `${older.fullName} no longer requires field ${field.number} "${field.name}"; readers of the older version reject messages without it.`;
    comparison.report.add('MESSAGE_SAME_REQUIRED_FIELDS', joinPath(path, field.name), message, newer.location);
  }
  for (const field of newerRequired.values()) {
    if (olderRequired.has(field.number)) continue;
    const message = `${newer.fullName} now requires field ${field.number} "${field.name}"; messages written with the older version lack it.`;
    comparison.report.add('MESSAGE_SAME_REQUIRED_FIELDS', joinPath(path, field.name), message, field.location);
  }
}

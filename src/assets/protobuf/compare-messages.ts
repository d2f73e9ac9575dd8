import { compareField } from './compare-fields.js';
import type { ProtoMessage } from './model.js';
import type { Comparison } from './report.js';
import { droppedReservations, isNumberReserved } from './reserved.js';
import { joinPath } from './schema.js';

/**
 * buf's rules for a message kept in both versions, reported under `path`, where the message sits in the asset ('' for
 * the asset message itself). Fields match by number, as on the wire, so a field deleted and its number reused by
 * another is compared as one field that changed name and type.
 */
export function compareMessage(comparison: Comparison, older: ProtoMessage, newer: ProtoMessage, path: string): void {
  const { report } = comparison;
  for (const field of older.fields) {
    const fieldPath = joinPath(path, field.name);
    const subject = `Field ${field.number} "${field.name}" of ${older.fullName}`;
    const kept = newer.fields.find((candidate) => candidate.number === field.number);
    if (kept) {
      compareField(comparison, { older: field, newer: kept, path: fieldPath, subject });
      continue;
    }
    report.add('FIELD_NO_DELETE', fieldPath, `${subject} was deleted.`, newer.location);
    if (!isNumberReserved(field.number, newer.reserved)) {
      report.add('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', fieldPath, `${subject} was deleted without reserving its number.`, newer.location);
    }
    if (!newer.reserved.names.includes(field.name)) {
      report.add('FIELD_NO_DELETE_UNLESS_NAME_RESERVED', fieldPath, `${subject} was deleted without reserving its name.`, newer.location);
    }
  }
  compareRequired(comparison, older, newer, path);
  for (const oneof of older.oneofs) {
    if (newer.oneofs.some((candidate) => candidate.name === oneof.name)) continue;
    report.add('ONEOF_NO_DELETE', joinPath(path, oneof.name), `Oneof "${oneof.name}" of ${older.fullName} was deleted.`, newer.location);
  }
  const dropped = droppedReservations(older.reserved, newer.reserved);
  if (dropped.length > 0) {
    report.add('RESERVED_MESSAGE_NO_DELETE', path, `${older.fullName} no longer reserves ${dropped.join(', ')}.`, newer.location);
  }
}

/** A required field must be sent: a reader that requires one the writer does not know rejects every message. */
function compareRequired(comparison: Comparison, older: ProtoMessage, newer: ProtoMessage, path: string): void {
  const required = (message: ProtoMessage) => message.fields.filter((field) => field.cardinality === 'required');
  const olderRequired = required(older);
  const newerRequired = required(newer);
  for (const field of olderRequired) {
    if (newerRequired.some((candidate) => candidate.number === field.number)) continue;
    const message = `${older.fullName} no longer requires field ${field.number} "${field.name}"; readers of the older version reject messages without it.`;
    comparison.report.add('MESSAGE_SAME_REQUIRED_FIELDS', joinPath(path, field.name), message, newer.location);
  }
  for (const field of newerRequired) {
    if (olderRequired.some((candidate) => candidate.number === field.number)) continue;
    const message = `${newer.fullName} now requires field ${field.number} "${field.name}"; messages written with the older version lack it.`;
    comparison.report.add('MESSAGE_SAME_REQUIRED_FIELDS', joinPath(path, field.name), message, field.location);
  }
}

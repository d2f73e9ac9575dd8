import type { ProtoEnum } from './model.js';
import type { Comparison } from './report.js';
import { droppedReservations, isNumberReserved } from './reserved.js';
import { joinPath } from './schema.js';

function namesByNumber(type: ProtoEnum): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const value of type.values) {
    const list = names.get(value.number) ?? [];
    list.push(value.name);
    names.set(value.number, list);
  }
  return names;
}

/**
 * buf's rules for an enum kept in both versions, reported under `path`, the field whose values it gives; a problem
 * with one value is reported under the value's name (`status.STATUS_PAID`), so each value is a finding of its own.
 * Values match by number, as on the wire; an alias (`allow_alias`) gives one number several names.
 */
export function compareEnum(comparison: Comparison, older: ProtoEnum, newer: ProtoEnum, path: string): void {
  const { report } = comparison;
  const newerNames = namesByNumber(newer);
  const newerLocations = new Map(newer.values.map((value) => [value.number, value.location]));
  const reservedNames = new Set(newer.reserved.names);
  for (const [number, names] of namesByNumber(older)) {
    const kept = newerNames.get(number);
    const valuePath = joinPath(path, names[0]!);
    const value = `Enum value ${names.join('/')} (${number}) of ${older.fullName}`;
    if (!kept) {
      report.add('ENUM_VALUE_NO_DELETE', valuePath, `${value} was deleted.`, newer.location);
      if (!isNumberReserved(number, newer.reserved)) {
        report.add('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', valuePath, `${value} was deleted without reserving its number.`, newer.location);
      }
      if (!names.every((name) => reservedNames.has(name))) {
        report.add('ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED', valuePath, `${value} was deleted without reserving its name.`, newer.location);
      }
      continue;
    }
    // A number may gain names (an alias) but not lose one that readers of JSON know it by.
    if (names.some((name) => !kept.includes(name))) {
      report.add('ENUM_VALUE_SAME_NAME', valuePath, `${value} is now named ${kept.join('/')}.`, newerLocations.get(number) ?? newer.location);
    }
  }
  const dropped = droppedReservations(older.reserved, newer.reserved);
  if (dropped.length > 0) {
    report.add('RESERVED_ENUM_NO_DELETE', path, `${older.fullName} no longer reserves ${dropped.join(', ')}.`, newer.location);
  }
  if (older.closed !== newer.closed) {
    const change = older.closed
      ? 'from closed to open: its readers now read numbers they do not know instead of setting them aside as unknown fields'
      : 'from open to closed: its readers now set numbers they do not know aside as unknown fields instead of reading them';
    report.add('ENUM_SAME_TYPE', path, `${older.fullName} changed ${change}.`, newer.location);
  }
  if (older.jsonFormat === 'ALLOW' && newer.jsonFormat !== 'ALLOW') {
    report.add('ENUM_SAME_JSON_FORMAT', path, `${older.fullName} no longer fully supports JSON (json_format ${newer.jsonFormat}).`, newer.location);
  }
}

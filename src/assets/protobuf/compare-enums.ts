import type { ProtoEnum } from './model.js';
import type { Comparison } from './report.js';
import { droppedReservations, isNumberReserved } from './reserved.js';

function namesByNumber(type: ProtoEnum): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const value of type.values) names.set(value.number, [...(names.get(value.number) ?? []), value.name]);
  return names;
}

/**
 * buf's rules for an enum kept in both versions, reported at `path`, the field whose values it gives. Values match
 * by number, as on the wire; an alias (`allow_alias`) gives one number several names.
 */
export function compareEnum(comparison: Comparison, older: ProtoEnum, newer: ProtoEnum, path: string): void {
  const { report } = comparison;
  const newerNames = namesByNumber(newer);
  for (const [number, names] of namesByNumber(older)) {
    const kept = newerNames.get(number);
    const value = `Enum value ${names.join('/')} (${number}) of ${older.fullName}`;
    if (!kept) {
      report.add('ENUM_VALUE_NO_DELETE', path, `${value} was deleted.`, newer.location);
      if (!isNumberReserved(number, newer.reserved)) {
        report.add('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', path, `${value} was deleted without reserving its number.`, newer.location);
      }
      if (!names.every((name) => newer.reserved.names.includes(name))) {
        report.add('ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED', path, `${value} was deleted without reserving its name.`, newer.location);
      }
      continue;
    }
    // A number may gain names (an alias) but not lose one that readers of JSON know it by.
    if (names.some((name) => !kept.includes(name))) {
      const location = newer.values.find((candidate) => candidate.number === number)?.location ?? newer.location;
      report.add('ENUM_VALUE_SAME_NAME', path, `${value} is now named ${kept.join('/')}.`, location);
    }
  }
  const dropped = droppedReservations(older.reserved, newer.reserved);
  if (dropped.length > 0) {
    report.add('RESERVED_ENUM_NO_DELETE', path, `${older.fullName} no longer reserves ${dropped.join(', ')}.`, newer.location);
  }
}

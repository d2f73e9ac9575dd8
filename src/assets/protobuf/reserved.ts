import type { Reserved } from './model.js';

export function isNumberReserved(number: number, reserved: Reserved): boolean {
  return reserved.ranges.some(([from, to]) => from <= number && number <= to);
}

/** What `older` reserved that `newer` no longer does: number ranges (`5`, `9 to 11`) and names. */
export function droppedReservations(older: Reserved, newer: Reserved): string[] {
  const kept = new Set(newer.names);
  const names = older.names.filter((name) => !kept.has(name)).map((name) => `"${name}"`);
  return [...droppedRanges(older.ranges, newer.ranges), ...names];
}

/** The numbers of `older`'s ranges that none of `newer`'s covers, spelled `5` or `9 to 11`. */
export function droppedRanges(older: Reserved['ranges'], newer: Reserved['ranges']): string[] {
  return older.flatMap((range) => uncovered(range, newer)).map(([from, to]) => (from === to ? `${from}` : `${from} to ${to}`));
}

/** The parts of `range` none of `ranges` covers. */
function uncovered(range: readonly [number, number], ranges: Reserved['ranges']): [number, number][] {
  let pieces: [number, number][] = [[range[0], range[1]]];
  for (const [from, to] of ranges) {
    pieces = pieces.flatMap(([start, end]): [number, number][] => {
      if (to < start || end < from) return [[start, end]];
      return [
        ...(start < from ? [[start, from - 1] as [number, number]] : []),
        ...(to < end ? [[to + 1, end] as [number, number]] : []),
      ];
    });
  }
  return pieces;
}

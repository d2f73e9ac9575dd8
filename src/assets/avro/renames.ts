import type { Rename } from '../model.js';
import { recordsWithin } from './fields.js';
import { namesMatch } from './matching.js';
import type { AvroRecord } from './model.js';

/**
 * The renames Avro's aliases prove: a newer field whose `aliases` name an older field of the same record (that the
 * newer record no longer has) is that field renamed. The fields nested under a renamed field move with it, so each
 * of their paths is a rename too.
 */
export function fieldRenames(older: AvroRecord, newer: AvroRecord): Rename[] {
  const renames: Rename[] = [];
  const visit = (before: AvroRecord, after: AvroRecord, prefixes: [string, string], onPath: ReadonlySet<string>) => {
    const kept = new Set(after.fields.map((field) => field.name));
    for (const field of after.fields) {
      const previous =
        before.fields.find((candidate) => candidate.name === field.name) ??
        before.fields.find((candidate) => field.aliases.includes(candidate.name) && !kept.has(candidate.name));
      if (!previous) continue;
      const [from, to] = [joined(prefixes[0], previous.name), joined(prefixes[1], field.name)];
      if (from !== to) renames.push({ from, to, origin: field.location });
      for (const nested of recordsWithin(field.type)) {
        const counterpart = recordsWithin(previous.type).find((candidate) => namesMatch(nested, candidate));
        if (!counterpart || onPath.has(nested.fullName)) continue;
        visit(counterpart, nested, [from, to], new Set([...onPath, nested.fullName]));
      }
    }
  };
  visit(older, newer, ['', ''], new Set([newer.fullName]));
  return renames;
}

function joined(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

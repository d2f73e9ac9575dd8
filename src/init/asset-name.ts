import { writtenTableName } from '../assets/postgres/names.js';
import type { AssetType } from '../contracts/schema.js';

/** One dotted part of a name as a contract writes it: `"Orders"` quoted (dots and doubled quotes inside), or bare. */
const NAME_PART = /"(?:[^"]|"")*"|[^."]+/g;

/** The dotted parts of a name as a contract writes it, quotes taken off: `public."Task.Run"` → `public`, `Task.Run`. */
export function nameParts(name: string): string[] {
  return (name.match(NAME_PART) ?? []).map((part) => (part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part));
}

/**
 * The `asset.name` a contract writes for an asset named on the command line and found. A Postgres table is written
 * as the reader found it, `schema.table` with its case (`public."TaskRun"`): a name that matched only up to case
 * would otherwise be judged with a note on every review. Other names are kept as the user wrote them.
 */
export function contractAssetName(type: AssetType, requested: string, found: string): string {
  if (type !== 'postgres') return requested;
  const dot = found.indexOf('.');
  return writtenTableName(found.slice(0, dot), found.slice(dot + 1));
}

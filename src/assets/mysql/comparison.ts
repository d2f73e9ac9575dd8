import type { AssetComparison, FieldSchema, Rename, SourceLocation } from '../model.js';
import { schemaOf } from './fields.js';
import type { Approximation, AssetState } from '../model.js';
import type { TablesRead, TrackedChange } from './replay.js';
import { sameColumn, type TableSnapshot } from './snapshot.js';

type Locate = (change: TrackedChange) => SourceLocation;

/** The table a name finds: the one with that name, else the only one with it up to case. */
export function resolve(read: TablesRead, name: string): { table: TableSnapshot; loose: boolean } | undefined {
  const exact = read.tables.find((table) => table.name === name);
  if (exact) return { table: exact, loose: false };
  const loose = read.tables.filter((table) => table.name.toLowerCase() === name.toLowerCase());
  return loose.length === 1 ? { table: loose[0]!, loose: true } : undefined;
}

function approximationsOf(read: TablesRead, name: string): Approximation[] {
  return [...(read.approximations[name] ?? []), ...(read.approximations['*'] ?? [])];
}

/** The watched table as it stands in a read: present (with where it may be approximate), absent, or unreadable. */
export function stateOf(read: TablesRead, name: string): AssetState {
  const found = resolve(read, name);
  if (!found) return { status: 'absent' };
  const { table } = found;
  if (table.unreadable) {
    const { message, ...location } = table.unreadable;
    return { status: 'error', error: { kind: 'failed', ...location, message } };
  }
  const schema = schemaOf(table);
  const approximations = approximationsOf(read, table.name);
  return approximations.length > 0 ? { status: 'present', schema, approximations } : { status: 'present', schema };
}

/**
 * The comparison of one watched table: its base state, its head state, and how the head's own statements got
 * there (renames of the table and its columns, where it or a column was removed, the statement that last shaped
 * each column). A table is followed through its renames: a name that still finds a table at the head means
 * consumers still find one there, even one that replaced the old.
 */
export function comparisonOf(input: {
  watched: string;
  base: TablesRead;
  fork: TablesRead;
  final: TablesRead;
  changes: TrackedChange[];
  locate: Locate;
}): AssetComparison {
  const { watched, fork, final, changes, locate } = input;
  const comparison: AssetComparison = {
    base: stateOf(input.base, watched),
    head: stateOf(final, watched),
    fieldRenames: [],
    fieldRemovedAt: {},
  };
  const forkTable = resolve(fork, watched)?.table;
  const headTable = resolve(final, watched)?.table;
  let followed = forkTable?.name;
  if (!headTable && forkTable) {
    const trail = followRenames(forkTable.name, changes);
    const renamed = trail.name === undefined ? undefined : final.tables.find((table) => table.name === trail.name);
    if (renamed && trail.renamedAt) {
      comparison.assetRename = { from: forkTable.name, to: renamed.name, origin: locate(trail.renamedAt) };
      comparison.head = stateOf(final, renamed.name);
      followed = renamed.name;
    } else if (trail.droppedAt) {
      comparison.removedAt = locate(trail.droppedAt);
    }
  }
  if (comparison.head.status === 'present') attributeFields(comparison, forkTable, followed ?? headTable?.name, changes, locate);
  return comparison;
}

/** Where a table's name leads through the head's renames, and where it was renamed or dropped. */
function followRenames(start: string, changes: TrackedChange[]): { name?: string; renamedAt?: TrackedChange; droppedAt?: TrackedChange } {
  let name: string | undefined = start;
  let renamedAt: TrackedChange | undefined;
  for (const change of changes) {
    if (name === undefined) break;
    for (const [from, to] of change.tableRenames) {
      if (from === name) {
        name = to;
        renamedAt = change;
      }
    }
    if (change.tables.some((entry) => entry.name === name && entry.table === null)) return { droppedAt: change };
  }
  return { name, ...(renamedAt ? { renamedAt } : {}) };
}

/** A table's fields by lower-case name: MySQL's column names do not differ by case alone. */
function fieldsByName(table: TableSnapshot): Map<string, FieldSchema> {
  return new Map(schemaOf(table).fields.map((field) => [field.name.toLowerCase(), field]));
}

/** Walks the head's statements in order: each column's origin is the last statement that changed it. */
function attributeFields(
  comparison: AssetComparison,
  forkTable: TableSnapshot | undefined,
  finalName: string | undefined,
  changes: TrackedChange[],
  locate: Locate,
): void {
  if (comparison.head.status !== 'present' || finalName === undefined) return;
  let current: string | undefined = forkTable?.name;
  let previous = forkTable ? fieldsByName(forkTable) : new Map<string, FieldSchema>();
  /** The name each column had at the fork, by its current name (lower case). */
  let originalNames = new Map<string, string>([...previous.values()].map((column) => [column.name.toLowerCase(), column.name]));
  const origins = new Map<string, SourceLocation>();
  const renames = new Map<string, Rename>();
  let tableOrigin: SourceLocation | undefined;

  for (const change of changes) {
    for (const [from, to] of change.tableRenames) if (from === current) current = to;
    const entry = change.tables.find((candidate) => candidate.name === (current ?? finalName));
    if (!entry) continue;
    const location = locate(change);
    if (entry.table === null) {
      // Dropped: a table made again under the name is a new table, whose columns are all new.
      current = undefined;
      previous = new Map();
      originalNames = new Map();
      continue;
    }
    current = entry.name;
    tableOrigin = location;
    for (const rename of change.columnRenames) {
      const [from, to] = [rename.from.toLowerCase(), rename.to.toLowerCase()];
      const stillThere = entry.table.columns.some((column) => sameColumn(column.name, rename.from));
      if (!previous.has(from) || stillThere || !entry.table.columns.some((column) => sameColumn(column.name, rename.to))) continue;
      const original = originalNames.get(from);
      if (original !== undefined) {
        originalNames.set(to, original);
        renames.set(original, { from: original, to: rename.to, origin: location });
      }
      originalNames.delete(from);
      previous.set(to, previous.get(from)!);
      previous.delete(from);
    }
    const next = fieldsByName(entry.table);
    for (const [key, column] of next) {
      const before = previous.get(key);
      if (!before || JSON.stringify(before) !== JSON.stringify(column)) origins.set(key, location);
    }
    for (const key of previous.keys()) {
      if (next.has(key)) continue;
      const original = originalNames.get(key);
      if (original !== undefined) {
        comparison.fieldRemovedAt[original] = location;
        renames.delete(original);
      }
      originalNames.delete(key);
    }
    previous = next;
  }

  for (const rename of renames.values()) {
    const finalColumn = comparison.head.schema.fields.find((field) => sameColumn(field.name, rename.to));
    if (finalColumn && rename.from !== finalColumn.name) comparison.fieldRenames.push({ ...rename, to: finalColumn.name });
  }
  for (const field of comparison.head.schema.fields) {
    const origin = origins.get(field.name.toLowerCase());
    if (origin) field.origin = origin;
  }
  if (tableOrigin) comparison.head.schema.origin = tableOrigin;
}

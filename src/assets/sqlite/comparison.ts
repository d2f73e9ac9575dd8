import type { AssetComparison, AssetState, FieldSchema, Rename, SourceLocation } from '../model.js';
import { fieldsOf } from './fields.js';
import { nameKey } from './names.js';
import type { CatalogSnapshot, RawTable, TrackedChange } from './replay-protocol.js';

type Locate = (change: TrackedChange) => SourceLocation;
type History = { change: TrackedChange; table: RawTable | null }[];
/** A field and the id that follows it through the statements that change its table. */
type Column = { id: number; field: FieldSchema };

/** The watched table as it stands in a snapshot; `file` is where an error about reading it back points. */
export function stateOf(snapshot: CatalogSnapshot, watched: string, file: string): AssetState {
  const id = snapshot.resolved[watched];
  const table = snapshot.tables.find((candidate) => candidate.id === id);
  return table ? tableState(table, file) : { status: 'absent' };
}

/** A table as it stands, or why SQLite cannot read it back; `file` is where an error about reading it points. */
export function tableState(table: RawTable, file: string): AssetState {
  if (table.unreadable !== undefined) {
    return { status: 'error', error: { kind: 'failed', file, message: `SQLite cannot read ${table.name} back: ${table.unreadable}` } };
  }
  return { status: 'present', schema: { name: table.name, kind: table.kind === 'view' ? 'view' : 'table', fields: fieldsOf(table) } };
}

/**
 * Builds the comparison for one watched table from a base snapshot and the head replay: the fork snapshot (where the
 * head's own files begin), the statements after it that changed the tables involved, and the final state.
 */
export function comparisonFromReplay(input: {
  watched: string;
  base: CatalogSnapshot;
  fork: CatalogSnapshot;
  final: CatalogSnapshot;
  changes: TrackedChange[];
  locate: Locate;
  files: { base: string; head: string };
}): AssetComparison {
  const { watched, fork, final, changes, locate, files } = input;
  const comparison: AssetComparison = {
    base: stateOf(input.base, watched, files.base),
    head: stateOf(final, watched, files.head),
    fieldRenames: [],
    fieldRemovedAt: {},
  };
  const forkTable = fork.tables.find((table) => table.id === fork.resolved[watched]);
  let headId = final.resolved[watched] ?? undefined;
  // The name still resolving means consumers still find a table under it, even one that replaced the old one.
  if (headId === undefined && forkTable) {
    const history = historyOf(forkTable.id, changes);
    const renamed = final.tables.find((table) => table.id === forkTable.id);
    if (renamed) {
      headId = renamed.id;
      const renamedAt = history.find((entry) => entry.table && entry.table.name !== forkTable.name)?.change;
      comparison.assetRename = { from: forkTable.name, to: renamed.name, ...(renamedAt ? { origin: locate(renamedAt) } : {}) };
      comparison.head = tableState(renamed, files.head);
    } else {
      const droppedAt = history.find((entry) => entry.table === null)?.change;
      if (droppedAt) comparison.removedAt = locate(droppedAt);
    }
  }
  if (comparison.head.status === 'present' && headId !== undefined) {
    const headHistory = historyOf(headId, changes);
    if (forkTable && forkTable.id !== headId) {
      const replaced = walkFields(forkTable, historyOf(forkTable.id, changes), locate);
      const replacement = walkFields(undefined, headHistory, locate);
      const replacedByName = new Map(replaced.columns.map((column) => [nameKey(column.field.name), column.id]));
      const nameOf = new Map(replacement.columns.map((column) => [column.id, nameKey(column.field.name)]));
      attribute(comparison, replacement, (id) => replaced.fork.get(replacedByName.get(nameOf.get(id) ?? '') ?? -1));
      replacedFields(comparison, replaced, headHistory, locate);
    } else {
      const walk = walkFields(forkTable, headHistory, locate);
      attribute(comparison, walk, (id) => walk.fork.get(id));
      comparison.fieldRenames.push(...walk.renames);
      Object.assign(comparison.fieldRemovedAt, walk.removedAt);
    }
  }
  return comparison;
}

function historyOf(id: number, changes: TrackedChange[]): History {
  return changes.flatMap((change) => change.tables.filter((entry) => entry.id === id).map((entry) => ({ change, table: entry.table })));
}

/**
 * Gives each field an id. One statement either keeps the number of columns (only `RENAME COLUMN` changes a name
 * then, in place: SQLite keeps a column's position) or adds or drops one (positions shift, names stay): so across
 * one statement a column is the one at its position when the count is unchanged, else the one of its name.
 */
function identify(previous: Column[] | undefined, table: RawTable, nextId: () => number): Column[] {
  const fields = fieldsOf(table);
  if (previous && previous.length === fields.length) return fields.map((field, index) => ({ id: previous[index]!.id, field }));
  const byName = new Map((previous ?? []).map((column) => [nameKey(column.field.name), column.id]));
  return fields.map((field) => ({ id: byName.get(nameKey(field.name)) ?? nextId(), field }));
}

/** A statement, by its place in a table's history, and where it is. */
type Step = { step: number; location: SourceLocation };

/** What the statements that changed one table did to its fields, from the fork on. */
interface FieldWalk {
  /** The fields at the fork, by id. */
  fork: Map<number, FieldSchema>;
  /** The fields after the last of the statements. */
  columns: Column[];
  /** The last statement that changed each property of each field, by id. */
  changed: Map<number, Map<string, Step>>;
  tableOrigin?: SourceLocation;
  renames: Rename[];
  /** Where each field of the fork that is gone was dropped, by its name at the fork. */
  removedAt: Record<string, SourceLocation>;
}

/** Walks a table's statements in order, noting the last statement that changed each property of each field. */
function walkFields(forkTable: RawTable | undefined, history: History, locate: Locate): FieldWalk {
  let counter = 0;
  const nextId = (): number => counter++;
  let previous = forkTable && forkTable.unreadable === undefined ? identify(undefined, forkTable, nextId) : [];
  const walk: FieldWalk = { fork: new Map(previous.map((column) => [column.id, column.field])), columns: previous, changed: new Map(), renames: [], removedAt: {} };
  const renames = new Map<number, Rename>();
  for (const [step, { change, table }] of history.entries()) {
    if (!table) continue;
    const location = locate(change);
    walk.tableOrigin = location;
    const current = identify(previous, table, nextId);
    const before = new Map(previous.map((column) => [column.id, column.field]));
    for (const { id, field } of current) {
      const earlier = before.get(id);
      const properties = walk.changed.get(id) ?? new Map<string, Step>();
      for (const property of differences(earlier, field)) properties.set(property, { step, location });
      walk.changed.set(id, properties);
      const original = walk.fork.get(id)?.name;
      if (earlier && original !== undefined && earlier.name !== field.name) renames.set(id, { from: original, to: field.name, origin: location });
    }
    const kept = new Set(current.map((column) => column.id));
    for (const { id, field } of previous) {
      if (!kept.has(id)) walk.removedAt[walk.fork.get(id)?.name ?? field.name] = location;
    }
    previous = current;
  }
  walk.columns = previous;
  walk.renames = [...renames.values()].filter((rename) => rename.from !== rename.to);
  return walk;
}

/** The properties in which two states of a field differ; every property of a field that was not there before. */
function differences(before: FieldSchema | undefined, after: FieldSchema): string[] {
  const properties = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const value = (field: FieldSchema | undefined, property: string) => JSON.stringify((field as Record<string, unknown> | undefined)?.[property]);
  return [...properties].filter((property) => !before || value(before, property) !== value(after, property));
}

/**
 * Sets each head field's origin: of the statements that changed it, the last one to change a property in which it
 * now differs from `forkOf` it (a rebuild that recreates an index after the table is the last statement to touch an
 * indexed column, but its type changed where the table was created); the last one of all when it differs in none.
 */
function attribute(comparison: AssetComparison, walk: FieldWalk, forkOf: (id: number) => FieldSchema | undefined): void {
  if (comparison.head.status !== 'present') return;
  const idByName = new Map(walk.columns.map((column) => [column.field.name, column.id]));
  for (const field of comparison.head.schema.fields) {
    const id = idByName.get(field.name) ?? -1;
    const steps = walk.changed.get(id);
    if (!steps || steps.size === 0) continue;
    const differing = new Set(differences(forkOf(id), field));
    const telling = [...steps].filter(([property]) => differing.has(property)).map(([, step]) => step);
    const candidates = telling.length > 0 ? telling : [...steps.values()];
    field.origin = candidates.reduce((latest, step) => (step.step > latest.step ? step : latest)).location;
  }
  if (walk.tableOrigin) comparison.head.schema.origin = walk.tableOrigin;
}

/**
 * A table rebuilt under its name (`CREATE TABLE new_x ...; INSERT ...; DROP TABLE x; ALTER TABLE new_x RENAME TO x`)
 * is another table, whose columns are the old one's by name: what the old table's own statements did before it was
 * dropped (renames, drops) still counts, and a column the new table does not have was removed where the new table
 * was created.
 */
function replacedFields(comparison: AssetComparison, replaced: FieldWalk, headHistory: History, locate: Locate): void {
  if (comparison.head.status !== 'present') return;
  const kept = new Set(comparison.head.schema.fields.map((field) => nameKey(field.name)));
  const created = headHistory[0] ? locate(headHistory[0].change) : undefined;
  Object.assign(comparison.fieldRemovedAt, replaced.removedAt);
  comparison.fieldRenames.push(...replaced.renames.filter((rename) => kept.has(nameKey(rename.to))));
  for (const { id, field } of replaced.columns) {
    const original = replaced.fork.get(id)?.name ?? field.name;
    if (!kept.has(nameKey(field.name)) && created) comparison.fieldRemovedAt[original] ??= created;
  }
}

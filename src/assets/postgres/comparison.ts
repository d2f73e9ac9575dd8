import type {
  AssetComparison,
  AssetSchema,
  AssetState,
  FieldSchema,
  Rename,
  SourceLocation,
} from '../model.js';
import { checkAllowedValues } from './check-values.js';
import type { CatalogSnapshot, RawTable, TrackedChange } from './replay-protocol.js';

type Locate = (change: TrackedChange) => SourceLocation;

/** A table's fields keyed by attribute number, which a RENAME keeps: that is how a rename is told from drop+add. */
function fieldsByNumber(table: RawTable, normalizeType: (type: string) => string): Map<number, FieldSchema> {
  const primary = new Set(table.indexes.filter((index) => index.primary).flatMap((index) => index.columns));
  const unique = new Set(
    table.indexes
      .filter((index) => index.unique && !index.partial && index.columns.length === 1)
      .map((index) => index.columns[0]!),
  );
  // Postgres does not track whether a view's column can be null: no guarantee about it can be judged.
  const nullabilityKnown = table.kind !== 'v' && table.kind !== 'm';
  const fields = new Map<number, FieldSchema>();
  for (const column of table.columns) {
    const field: FieldSchema = {
      name: column.name,
      type: normalizeType(column.domain?.base ?? column.type),
      nullable: nullabilityKnown && !column.notNull && !column.domain?.notNull,
      primaryKey: primary.has(column.num),
      unique: unique.has(column.num) || (primary.has(column.num) && primary.size === 1),
    };
    if (column.default !== null) field.default = column.default;
    if (column.enumLabels) {
      field.allowedValues = column.enumLabels;
      field.allowedValuesFrom = 'enum';
    } else {
      const values = [
        ...table.checks
          .filter((check) => check.columns?.length === 1 && check.columns[0] === column.num)
          .map((check) => checkAllowedValues(check.definition, column.name)),
        ...(column.domain?.checks ?? []).map((definition) => checkAllowedValues(definition, 'value')),
      ].find((list) => list !== undefined);
      if (values) {
        field.allowedValues = values;
        field.allowedValuesFrom = 'check';
      }
    }
    fields.set(column.num, field);
  }
  return fields;
}

function kindOf(relkind: string): AssetSchema['kind'] {
  return relkind === 'v' || relkind === 'm' ? 'view' : 'table';
}

function toSchema(table: RawTable, fields: Map<number, FieldSchema>): AssetSchema {
  return { name: `${table.schema}.${table.name}`, kind: kindOf(table.kind), fields: [...fields.values()] };
}

/** A table as it stands in a snapshot, before any statement is held responsible for its fields. */
export function schemaOfTable(table: RawTable, normalizeType: (type: string) => string): AssetSchema {
  return toSchema(table, fieldsByNumber(table, normalizeType));
}

/** The watched table as it stands in a snapshot. */
export function stateOf(snapshot: CatalogSnapshot, watched: string, normalizeType: (type: string) => string): AssetState {
  const oid = snapshot.resolved[watched];
  const table = snapshot.tables.find((candidate) => candidate.oid === oid);
  return table ? { status: 'present', schema: schemaOfTable(table, normalizeType) } : { status: 'absent' };
}

/**
 * Builds the comparison for one watched table from a base snapshot and the head replay: the fork snapshot (where
 * head's own files begin), the statements after it that changed tracked tables, and the final state.
 */
export function comparisonFromReplay(input: {
  watched: string;
  base: CatalogSnapshot;
  fork: CatalogSnapshot;
  final: CatalogSnapshot;
  changes: TrackedChange[];
  locate: Locate;
  normalizeType: (type: string) => string;
}): AssetComparison {
  const { watched, fork, final, changes, locate, normalizeType } = input;
  const comparison: AssetComparison = {
    base: stateOf(input.base, watched, normalizeType),
    head: stateOf(final, watched, normalizeType),
    fieldRenames: [],
    fieldRemovedAt: {},
  };
  const forkOid = fork.resolved[watched];
  const forkTable = fork.tables.find((table) => table.oid === forkOid);
  let headOid = final.resolved[watched];
  // The name still resolving means consumers still find a table under it, even one that replaced the old one.
  if (headOid == null && forkTable) {
    const renamedTable = final.tables.find((table) => table.oid === forkTable.oid);
    const history = historyOf(forkTable.oid, changes);
    if (renamedTable) {
      headOid = renamedTable.oid;
      const renamedAt = history.find((entry) => entry.table && entry.table.name !== forkTable.name)?.change;
      comparison.assetRename = {
        from: `${forkTable.schema}.${forkTable.name}`,
        to: `${renamedTable.schema}.${renamedTable.name}`,
        ...(renamedAt ? { origin: locate(renamedAt) } : {}),
      };
      comparison.head = { status: 'present', schema: toSchema(renamedTable, fieldsByNumber(renamedTable, normalizeType)) };
    } else {
      const droppedAt = history.find((entry) => entry.table === null)?.change;
      if (droppedAt) comparison.removedAt = locate(droppedAt);
    }
  }
  const history = headOid == null ? [] : historyOf(headOid, changes);

  if (comparison.head.status === 'present' && headOid != null) {
    attributeFields(comparison, forkTable?.oid === headOid ? forkTable : undefined, history, locate, normalizeType);
  }
  return comparison;
}

function historyOf(oid: number, changes: TrackedChange[]): { change: TrackedChange; table: RawTable | null }[] {
  return changes.flatMap((change) =>
    change.tables.filter((entry) => entry.oid === oid).map((entry) => ({ change, table: entry.table })),
  );
}

/** Walks the head's statements in order: each field's origin is the last statement that changed it. */
function attributeFields(
  comparison: AssetComparison,
  forkTable: RawTable | undefined,
  history: { change: TrackedChange; table: RawTable | null }[],
  locate: Locate,
  normalizeType: (type: string) => string,
): void {
  if (comparison.head.status !== 'present') return;
  const origins = new Map<number, SourceLocation>();
  const names = new Map<number, string>();
  const renames = new Map<number, Rename>();
  let previous = forkTable ? fieldsByNumber(forkTable, normalizeType) : new Map<number, FieldSchema>();
  for (const [number, field] of previous) names.set(number, field.name);
  let tableOrigin: SourceLocation | undefined;

  for (const { change, table } of history) {
    if (!table) continue;
    const location = locate(change);
    tableOrigin = location;
    const current = fieldsByNumber(table, normalizeType);
    for (const [number, field] of current) {
      const before = previous.get(number);
      if (!before || JSON.stringify(before) !== JSON.stringify(field)) origins.set(number, location);
      const original = names.get(number);
      if (before && original !== undefined && before.name !== field.name) {
        renames.set(number, { from: original, to: field.name, origin: location });
      }
    }
    for (const [number, field] of previous) {
      if (!current.has(number)) comparison.fieldRemovedAt[names.get(number) ?? field.name] = location;
    }
    previous = current;
  }

  for (const rename of renames.values()) {
    if (rename.from !== rename.to) comparison.fieldRenames.push(rename);
  }
  const byName = new Map([...previous].map(([number, field]) => [field.name, number]));
  for (const field of comparison.head.schema.fields) {
    const origin = origins.get(byName.get(field.name) ?? -1);
    if (origin) field.origin = origin;
  }
  if (tableOrigin) comparison.head.schema.origin = tableOrigin;
}

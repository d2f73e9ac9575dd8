import type { Statement } from './migrations.js';
import type { TablesRead, TrackedChange } from './replay.js';
import type { TableSnapshot } from './snapshot.js';

/** Statement kinds after which the watched tables are read again: everything that can change a table. */
const CHANGES_TABLES = new Set(['create-table', 'alter-table', 'drop-table', 'rename-table', 'create-index', 'drop-index', 'create-view', 'drop-view', 'call', 'database-defaults']);

export function changesTables(statement: Statement): boolean {
  return CHANGES_TABLES.has(statement.facts.kind);
}

/**
 * The tables a head replay follows: the watched ones, and every name they take on through the head's renames, so
 * that a renamed table is still compared with what it was.
 */
export class Tracker {
  readonly names: Set<string>;
  readonly changes: TrackedChange[] = [];

  constructor(
    watch: readonly string[],
    private last: TablesRead,
  ) {
    this.names = new Set([...watch, ...last.tables.map((table) => table.name)]);
  }

  /** Follows the statement's renames before it is read again. */
  follow(statement: Statement): void {
    for (const [from, to] of statement.facts.tableRenames) if (this.names.has(from)) this.names.add(to);
  }

  /** Records what the statement changed of the tracked tables, given them as they now are. */
  record(read: TablesRead, fileIndex: number, statementIndex: number, statement: Statement): void {
    for (const table of read.tables) this.names.add(table.name);
    const tables = changedTables(this.last, read);
    if (tables.length > 0) {
      const { tableRenames, columnRenames } = statement.facts;
      this.changes.push({ fileIndex, statementIndex, tables, tableRenames, columnRenames });
    }
    this.last = read;
  }
}

function changedTables(before: TablesRead, after: TablesRead): { name: string; table: TableSnapshot | null }[] {
  const byName = new Map(after.tables.map((table) => [table.name, table]));
  const changed: { name: string; table: TableSnapshot | null }[] = [];
  for (const table of before.tables) {
    const now = byName.get(table.name);
    if (!now) changed.push({ name: table.name, table: null });
    else if (JSON.stringify(now) !== JSON.stringify(table)) changed.push({ name: table.name, table: now });
    byName.delete(table.name);
  }
  for (const [name, table] of byName) changed.push({ name, table });
  return changed;
}

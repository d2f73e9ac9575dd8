import type { Database } from 'sql.js';
import { listSchema, readTable, type SchemaEntry } from './catalog.js';
import { nameKey } from './names.js';
import type { CatalogSnapshot, RawTable, TrackedChange, WatchedName } from './replay-protocol.js';

interface Tracked extends SchemaEntry {
  id: number;
}

/**
 * Follows every table and view of one database through the statements run on it, giving each an id that a rename
 * keeps. SQLite has no object ids, so one statement at a time: a table keeps its id while its name does, and a name
 * that disappears while another appears with the same root page was renamed (`ALTER TABLE ... RENAME TO` keeps the
 * b-tree, and no single statement can drop one table and create another). Root pages are only compared across one
 * statement: SQLite reuses a dropped table's page, and auto-vacuum and VACUUM move them.
 */
export class SchemaTracker {
  private entries = new Map<string, Tracked>();
  private nextId = 1;
  private schemaVersion: number;

  constructor(private readonly db: Database) {
    for (const [key, entry] of listSchema(db)) this.entries.set(key, { ...entry, id: this.nextId++ });
    this.schemaVersion = this.readSchemaVersion();
  }

  /** What each watched name resolves to, and those tables plus the ones with the ids given. */
  snapshot(watch: WatchedName[], alsoIds: Iterable<number> = []): CatalogSnapshot {
    const resolved: Record<string, number | null> = {};
    const ids = new Set(alsoIds);
    for (const { name, table } of watch) {
      const id = this.entries.get(nameKey(table))?.id ?? null;
      resolved[name] = id;
      if (id !== null) ids.add(id);
    }
    const tables = [...this.entries.values()].filter((entry) => ids.has(entry.id)).map((entry) => readTable(this.db, entry.name, entry.id));
    return { resolved, tables };
  }

  /** The ids of the tables and views named. */
  idsOf(names: readonly string[]): number[] {
    return names.flatMap((name) => {
      const entry = this.entries.get(nameKey(name));
      return entry ? [entry.id] : [];
    });
  }

  /** The tables the statement just run changed, created or dropped; nothing when the schema did not change. */
  afterStatement(fileIndex: number, statementIndex: number): TrackedChange | undefined {
    const version = this.readSchemaVersion();
    if (version === this.schemaVersion) return undefined;
    this.schemaVersion = version;
    const next = listSchema(this.db);
    const vanished = [...this.entries].filter(([key]) => !next.has(key));
    const tables: { id: number; table: RawTable | null }[] = [];
    const entries = new Map<string, Tracked>();
    for (const [key, entry] of next) {
      const before = this.entries.get(key);
      if (before) {
        entries.set(key, { ...entry, id: before.id });
        if (before.signature !== entry.signature || before.name !== entry.name) tables.push({ id: before.id, table: readTable(this.db, entry.name, before.id) });
        continue;
      }
      const renamed = entry.rootpage > 0 ? vanished.findIndex(([, old]) => old.rootpage === entry.rootpage) : -1;
      const id = renamed >= 0 ? vanished.splice(renamed, 1)[0]![1].id : this.nextId++;
      entries.set(key, { ...entry, id });
      tables.push({ id, table: readTable(this.db, entry.name, id) });
    }
    for (const [, entry] of vanished) tables.push({ id: entry.id, table: null });
    this.entries = entries;
    return tables.length > 0 ? { fileIndex, statementIndex, tables } : undefined;
  }

  private readSchemaVersion(): number {
    return Number(this.db.exec('PRAGMA schema_version')[0]?.values[0]?.[0] ?? 0);
  }
}

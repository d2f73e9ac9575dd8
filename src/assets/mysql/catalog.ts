import type { Approximation } from '../model.js';
import { isWatched, type TablesRead } from './replay.js';
import type { ColumnSnapshot, KeySnapshot, TableSnapshot } from './snapshot.js';
import { DEFAULT_CHARSET } from './type-spelling.js';

/** An index of a folded table: every index is kept, so that dropping one by name can be checked as MySQL does. */
export interface FoldIndex {
  name: string;
  primary: boolean;
  unique: boolean;
  columns: string[];
}

export interface FoldTable {
  name: string;
  kind: 'table' | 'view';
  columns: ColumnSnapshot[];
  indexes: FoldIndex[];
  /** The character set of text columns added without one. */
  charset: string;
  unreadable?: Approximation;
}

/** Every table the folded migrations define so far, with what could not be folded into them. */
export class Catalog {
  readonly tables = new Map<string, FoldTable>();
  /** Statements that could change a table but were not folded, by the table's current name; `*`: any table. */
  readonly approximations = new Map<string, Approximation[]>();
  /** Procedures defined so far, by lower-case name: whether their bodies change tables. */
  readonly procedures = new Map<string, boolean>();
  /** The character set tables get when CREATE TABLE names none: the database's. */
  charset = DEFAULT_CHARSET;

  clone(): Catalog {
    const copy = new Catalog();
    for (const [name, table] of this.tables) copy.tables.set(name, cloneTable(table));
    for (const [name, list] of this.approximations) copy.approximations.set(name, [...list]);
    for (const [name, changes] of this.procedures) copy.procedures.set(name, changes);
    copy.charset = this.charset;
    return copy;
  }

  approximate(names: string[] | undefined, approximation: Approximation): void {
    for (const name of names ?? ['*']) this.approximations.set(name, [...(this.approximations.get(name) ?? []), approximation]);
  }

  /** Moves a table to a new name, with what is known to be approximate about it. */
  rename(from: string, to: string): void {
    const table = this.tables.get(from)!;
    this.tables.delete(from);
    this.tables.set(to, { ...table, name: to });
    const notes = this.approximations.get(from);
    this.approximations.delete(from);
    if (notes) this.approximations.set(to, notes);
  }

  drop(name: string): void {
    this.tables.delete(name);
    this.approximations.delete(name);
  }

  /** The tables a review watches (by name, exactly or up to case) and the other names given. */
  read(watch: readonly string[], tracked: ReadonlySet<string>): TablesRead {
    return this.readWhere((name) => tracked.has(name) || isWatched(name, watch));
  }

  /** Every table and view, for a listing. */
  readAll(): TablesRead {
    return this.readWhere(() => true);
  }

  private readWhere(keep: (name: string) => boolean): TablesRead {
    const tables = [...this.tables.values()].filter((table) => keep(table.name)).map(snapshotOf);
    const approximations: TablesRead['approximations'] = {};
    for (const [name, list] of this.approximations) {
      if (name === '*' || tables.some((table) => table.name === name)) approximations[name] = [...list];
    }
    return { tables, approximations };
  }
}

export function cloneTable(table: FoldTable): FoldTable {
  return {
    ...table,
    columns: table.columns.map((column) => ({ ...column })),
    indexes: table.indexes.map((index) => ({ ...index, columns: [...index.columns] })),
  };
}

export function snapshotOf(table: FoldTable): TableSnapshot {
  const keys: KeySnapshot[] = table.indexes
    .filter((index) => (index.primary || index.unique) && index.columns.length > 0)
    .map((index) => ({ name: index.name, primary: index.primary, columns: [...index.columns] }));
  return {
    name: table.name,
    kind: table.kind,
    columns: table.columns.map((column) => ({ ...column })),
    keys,
    ...(table.unreadable ? { unreadable: table.unreadable } : {}),
  };
}

import type { Approximation } from '../model.js';

/**
 * A table as both ways of reading migrations build it: the server's information_schema read back, or the DDL folded
 * without a server. Everything here is already spelt one way (types by `mysqlType`, defaults by defaults.ts), so two
 * snapshots of one table compare equal exactly when a consumer would see no difference.
 */

export interface ColumnSnapshot {
  name: string;
  /** The canonical spelling of the column's type (type-spelling.ts), with its ENUM members where it has them. */
  type: string;
  nullable: boolean;
  /** The canonical default (defaults.ts); absent for none or DEFAULT NULL. */
  default?: string;
}

/** A primary key or a unique index (other indexes change nothing a contract promises). */
export interface KeySnapshot {
  name: string;
  primary: boolean;
  columns: string[];
}

export interface TableSnapshot {
  name: string;
  kind: 'table' | 'view';
  /** In the table's column order. */
  columns: ColumnSnapshot[];
  keys: KeySnapshot[];
  /** Set when the table exists but its columns cannot be told without a server (a view, a CREATE TABLE ... SELECT). */
  unreadable?: Approximation;
}

/** MySQL compares column names without regard to case: `DROP COLUMN ID` drops `id`. */
export function sameColumn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

import type { FoldIndex, FoldTable } from './catalog.js';
import { columnName, jsonCheckedColumn, nodeOf, textOf } from './column-definition.js';
import type { Node } from './parse.js';
import { sameColumn } from './snapshot.js';
import { mysqlType, TEXT_TYPES } from './type-spelling.js';

/** A fold step that MySQL would refuse, with MySQL's reason. */
export class FoldFailure extends Error {}

const PRIMARY = 'PRIMARY';

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function findColumn(table: FoldTable, name: string): number {
  return table.columns.findIndex((column) => sameColumn(column.name, name));
}

/** MySQL names an unnamed index after its first column, then `_2`, `_3`, ... while that is taken. */
function freeIndexName(table: FoldTable, base: string): string {
  if (!table.indexes.some((index) => sameName(index.name, base))) return base;
  for (let suffix = 2; ; suffix += 1) {
    const name = `${base}_${suffix}`;
    if (!table.indexes.some((index) => sameName(index.name, name))) return name;
  }
}

/** The columns an index definition lists; a part that is an expression (a functional index) names no column. */
function keyColumns(parts: unknown): string[] {
  return (Array.isArray(parts) ? parts : []).map((part) => columnName(part)).filter((name): name is string => name !== undefined);
}

export function addIndex(table: FoldTable, index: { name?: string; primary?: boolean; unique?: boolean; columns: string[] }): void {
  for (const column of index.columns) {
    if (findColumn(table, column) < 0) throw new FoldFailure(`Key column '${column}' doesn't exist in table`);
  }
  if (index.primary) {
    if (table.indexes.some((existing) => existing.primary)) throw new FoldFailure('Multiple primary key defined');
    table.indexes.push({ name: PRIMARY, primary: true, unique: true, columns: index.columns });
    // A primary key's columns are NOT NULL.
    for (const name of index.columns) table.columns[findColumn(table, name)]!.nullable = false;
    return;
  }
  if (index.name !== undefined && table.indexes.some((existing) => sameName(existing.name, index.name!))) {
    throw new FoldFailure(`Duplicate key name '${index.name}'`);
  }
  const name = index.name ?? freeIndexName(table, index.columns[0] ?? 'functional_index');
  table.indexes.push({ name, primary: false, unique: index.unique ?? false, columns: index.columns });
}

/** A text column held to valid JSON by a CHECK constraint is JSON (see jsonCheckedColumn). */
function checkJson(table: FoldTable, definition: Node): void {
  const name = jsonCheckedColumn(definition);
  const index = name === undefined ? -1 : findColumn(table, name);
  const column = table.columns[index];
  if (column && TEXT_TYPES.has(mysqlType(column.type).name)) table.columns[index] = { ...column, type: 'json' };
}

/**
 * A key of CREATE TABLE or ALTER TABLE ADD: PRIMARY KEY, UNIQUE, a plain or FULLTEXT index, or a FOREIGN KEY (which
 * gets an index of its own unless one already starts with its columns). A CHECK constraint changes no key, but can
 * make a text column JSON.
 */
export function addKeyDefinition(table: FoldTable, definition: Node): void {
  const columns = keyColumns(definition.definition);
  const constraintType = textOf(definition.constraint_type)?.toLowerCase() ?? '';
  const name = textOf(definition.index) ?? textOf(definition.constraint);
  if (definition.resource === 'index') {
    addIndex(table, { ...(name ? { name } : {}), columns });
  } else if (constraintType === 'primary key') {
    addIndex(table, { primary: true, columns });
  } else if (constraintType.startsWith('unique')) {
    addIndex(table, { ...(name ? { name } : {}), unique: true, columns });
  } else if (constraintType === 'check') {
    checkJson(table, definition);
  } else if (constraintType === 'foreign key') {
    const covered = table.indexes.some((index) => columns.every((column, position) => index.columns[position] !== undefined && sameColumn(index.columns[position]!, column)));
    if (!covered) addIndex(table, { ...(name ? { name } : {}), columns });
  }
}

export function dropIndex(table: FoldTable, name: string): void {
  const position = table.indexes.findIndex((index) => sameName(index.name, name));
  if (position < 0) throw new FoldFailure(sameName(name, PRIMARY) ? "Can't DROP 'PRIMARY'; check that column/key exists" : `Can't DROP INDEX \`${name}\`; check that it exists`);
  table.indexes.splice(position, 1);
}

/** A column dropped from the table leaves every index it was part of; an index left with no column goes. */
export function dropColumnFromIndexes(table: FoldTable, column: string): void {
  table.indexes = table.indexes
    .map((index): FoldIndex => ({ ...index, columns: index.columns.filter((name) => !sameColumn(name, column)) }))
    .filter((index) => index.columns.length > 0);
}

export function renameColumnInIndexes(table: FoldTable, from: string, to: string): void {
  for (const index of table.indexes) index.columns = index.columns.map((name) => (sameColumn(name, from) ? to : name));
}

/** The name of an index a DROP INDEX or ALTER TABLE DROP names (a string, or a column reference in some grammars). */
export function indexName(value: unknown): string | undefined {
  return textOf(value) ?? columnName(value) ?? textOf(nodeOf(value)?.value);
}

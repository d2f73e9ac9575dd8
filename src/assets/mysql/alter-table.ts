import type { FoldTable } from './catalog.js';
import { columnName, foldColumn, nodeOf, textOf, type FoldedColumn } from './column-definition.js';
import type { Node } from './parse.js';
import { sameColumn } from './snapshot.js';
import {
  addIndex,
  addKeyDefinition,
  dropColumnFromIndexes,
  dropIndex,
  findColumn,
  FoldFailure,
  indexName,
  renameColumnInIndexes,
} from './table-keys.js';
import { canonicalCharset, charsetOfCollation } from './type-spelling.js';

/** What one ALTER TABLE did beyond its table's columns and keys: a new name, and the actions that were not folded. */
export interface AlterOutcome {
  renameTo?: string;
  unfolded: string[];
}

/** Table options that change nothing a contract promises. */
const IGNORED_OPTIONS = new Set([
  'algorithm',
  'lock',
  'engine',
  'comment',
  'auto_increment',
  'row_format',
  'key_block_size',
  'stats_persistent',
  'stats_auto_recalc',
  'stats_sample_pages',
  'avg_row_length',
  'max_rows',
  'min_rows',
  'pack_keys',
  'checksum',
  'delay_key_write',
  'compression',
  'encryption',
  'insert_method',
]);
const CHARSET_OPTIONS = new Set(['default charset', 'charset', 'character set', 'default character set']);
const COLLATE_OPTIONS = new Set(['collate', 'default collate']);

function placeColumn(table: FoldTable, folded: FoldedColumn, action: Node, replacing: number): void {
  const suffix = nodeOf(action.suffix);
  const keyword = textOf(suffix?.keyword)?.toUpperCase();
  if (replacing >= 0 && keyword === undefined) {
    table.columns[replacing] = folded.column;
  } else {
    if (replacing >= 0) table.columns.splice(replacing, 1);
    let position = table.columns.length;
    if (keyword === 'FIRST') position = 0;
    if (keyword === 'AFTER') {
      const after = columnName(suffix?.expr) ?? '';
      const index = findColumn(table, after);
      if (index < 0) throw new FoldFailure(`Unknown column '${after}' in '${table.name}'`);
      position = index + 1;
    }
    table.columns.splice(position, 0, folded.column);
  }
  if (folded.primaryKey) addIndex(table, { primary: true, columns: [folded.column.name] });
  if (folded.unique) addIndex(table, { unique: true, columns: [folded.column.name] });
}

function existingColumn(table: FoldTable, action: Node, field: 'column' | 'old_column'): number {
  const name = columnName(action[field]) ?? '';
  const index = findColumn(table, name);
  if (index < 0) throw new FoldFailure(`Unknown column '${name}' in '${table.name}'`);
  return index;
}

function folded(table: FoldTable, action: Node): FoldedColumn {
  const column = foldColumn(action, table.charset);
  if (!column) throw new FoldFailure('a column definition names no column');
  return column;
}

function columnAction(table: FoldTable, action: Node, verb: string): void {
  if (verb === 'add') {
    const column = folded(table, action);
    if (findColumn(table, column.column.name) >= 0) {
      if (action.if_not_exists) return;
      throw new FoldFailure(`Duplicate column name '${column.column.name}'`);
    }
    placeColumn(table, column, action, -1);
  } else if (verb === 'drop') {
    const name = columnName(action.column) ?? '';
    const index = findColumn(table, name);
    if (index < 0) throw new FoldFailure(`Can't DROP COLUMN \`${name}\`; check that it exists`);
    if (table.columns.length === 1) throw new FoldFailure("You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
    table.columns.splice(index, 1);
    dropColumnFromIndexes(table, name);
  } else if (verb === 'modify') {
    placeColumn(table, folded(table, action), action, existingColumn(table, action, 'column'));
  } else if (verb === 'change' || verb === 'rename') {
    const index = existingColumn(table, action, 'old_column');
    const from = table.columns[index]!.name;
    const to = columnName(action.column) ?? from;
    if (!sameColumn(from, to) && findColumn(table, to) >= 0) throw new FoldFailure(`Duplicate column name '${to}'`);
    renameColumnInIndexes(table, from, to);
    if (verb === 'rename') table.columns[index] = { ...table.columns[index]!, name: to };
    else placeColumn(table, folded(table, action), action, index);
  } else {
    throw new UnfoldedAction(`${verb} COLUMN`);
  }
}

class UnfoldedAction extends Error {}

function dropAction(table: FoldTable, action: Node): void {
  const keyword = textOf(action.keyword)?.toLowerCase();
  if (keyword === 'primary key') return dropIndex(table, 'PRIMARY');
  if (keyword === 'foreign key' || keyword === 'check') return;
  const name = indexName(action.index ?? action.key ?? action.constraint) ?? '';
  if (keyword === 'constraint') {
    // DROP CONSTRAINT drops a key of that name, or else a CHECK or FOREIGN KEY constraint (no key).
    if (table.indexes.some((index) => index.name.toLowerCase() === name.toLowerCase() && index.unique)) dropIndex(table, name);
    return;
  }
  dropIndex(table, name);
}

function tableOption(table: FoldTable, action: Node, resource: string): void {
  const value = textOf(nodeOf(action[resource])?.value) ?? textOf(action[resource]);
  if (CHARSET_OPTIONS.has(resource) && value) table.charset = canonicalCharset(value);
  else if (COLLATE_OPTIONS.has(resource) && value) table.charset = charsetOfCollation(value);
  else if (!IGNORED_OPTIONS.has(resource)) throw new UnfoldedAction(resource.toUpperCase());
}

/**
 * Applies an ALTER TABLE's actions to a copy of the table, in order, as MySQL does: every action applies or none
 * (a FoldFailure). Actions the fold does not know are listed in `unfolded`.
 */
export function alterTable(table: FoldTable, actions: Node[]): AlterOutcome {
  const outcome: AlterOutcome = { unfolded: [] };
  for (const action of actions) {
    const verb = textOf(action.action)?.toLowerCase() ?? '';
    const resource = textOf(action.resource)?.toLowerCase() ?? '';
    try {
      if (resource === 'column') columnAction(table, action, verb);
      else if (verb === 'add' && resource === 'constraint') addKeyDefinition(table, nodeOf(action.create_definitions) ?? {});
      else if (verb === 'add' && resource === 'index') addKeyDefinition(table, action);
      else if (verb === 'drop') dropAction(table, action);
      else if (verb === 'rename' && resource === 'table') outcome.renameTo = textOf(action.table) ?? '';
      else if (verb === '') tableOption(table, action, resource);
      else throw new UnfoldedAction(`${verb.toUpperCase()} ${resource.toUpperCase()}`.trim());
    } catch (error) {
      if (!(error instanceof UnfoldedAction)) throw error;
      outcome.unfolded.push(error.message);
    }
  }
  const primary = table.indexes.find((index) => index.primary);
  for (const name of primary?.columns ?? []) table.columns[findColumn(table, name)]!.nullable = false;
  return outcome;
}

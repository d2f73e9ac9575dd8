import { alterByWords } from './alter-by-words.js';
import { alterTable } from './alter-table.js';
import { cloneTable, type Catalog, type FoldTable } from './catalog.js';
import { columnName, foldColumn, nodeOf, textOf } from './column-definition.js';
import { parserText, positionIn, type Statement } from './migrations.js';
import { parseStatement, type Node } from './parse.js';
import type { Approximation } from '../model.js';
import { addIndex, addKeyDefinition, dropIndex, findColumn, FoldFailure, indexName } from './table-keys.js';
import { isLexError, tokenize } from './tokens.js';
import { canonicalCharset, charsetOfCollation } from './type-spelling.js';

/** A statement folded, or refused as MySQL would refuse it. */
export type FoldResult = { ok: true } | { ok: false; message: string };

const OK: FoldResult = { ok: true };
const SERVER = 'replay the migrations in MySQL (DCR_MYSQL_URL) to read it exactly';

/** The name of a table node (`{ db, table }`), or of the first of a list of them. */
function tableName(value: unknown): string | undefined {
  const node = nodeOf(Array.isArray(value) ? value[0] : value);
  return textOf(node?.table);
}

/** The character set CREATE TABLE's options give (or their collation's), else the database's. */
function tableCharset(options: unknown, fallback: string): string {
  let charset = fallback;
  for (const option of Array.isArray(options) ? (options as Node[]) : []) {
    const keyword = textOf(option.keyword)?.toLowerCase() ?? '';
    const value = textOf(nodeOf(option.value)?.value) ?? textOf(option.value);
    if (!value) continue;
    if (keyword.includes('charset') || keyword.includes('character set')) charset = canonicalCharset(value);
    else if (keyword.includes('collate') && charset === fallback) charset = charsetOfCollation(value);
  }
  return charset;
}

/** CREATE TABLE's columns, then its keys (MySQL checks them against every column, whatever the order written). */
function createdTable(name: string, node: Node, charset: string): FoldTable {
  const table: FoldTable = { name, kind: 'table', columns: [], indexes: [], charset };
  const definitions = Array.isArray(node.create_definitions) ? (node.create_definitions as Node[]) : [];
  const inline: { primary: string[]; unique: string[] } = { primary: [], unique: [] };
  for (const definition of definitions.filter((candidate) => candidate.resource === 'column')) {
    const folded = foldColumn(definition, charset);
    if (!folded) throw new FoldFailure('a column definition names no column');
    if (findColumn(table, folded.column.name) >= 0) throw new FoldFailure(`Duplicate column name '${folded.column.name}'`);
    table.columns.push(folded.column);
    if (folded.primaryKey) inline.primary.push(folded.column.name);
    if (folded.unique) inline.unique.push(folded.column.name);
  }
  if (table.columns.length === 0) throw new FoldFailure('A table must have at least 1 column');
  for (const column of inline.primary) addIndex(table, { primary: true, columns: [column] });
  for (const column of inline.unique) addIndex(table, { unique: true, columns: [column] });
  for (const definition of definitions.filter((candidate) => candidate.resource !== 'column')) addKeyDefinition(table, definition);
  return table;
}

/** Folds parsed statements into the catalog: what each table statement does to the tables, as MySQL would do it. */
class Folder {
  constructor(
    private readonly catalog: Catalog,
    private readonly here: (message: string) => Approximation,
  ) {}

  createTable(node: Node): FoldResult {
    const name = tableName(node.table) ?? '';
    const { catalog } = this;
    if (catalog.tables.has(name)) return node.if_not_exists ? OK : { ok: false, message: `Table '${name}' already exists` };
    const like = tableName(nodeOf(node.like)?.table);
    if (like !== undefined) {
      const source = catalog.tables.get(like);
      if (!source) return { ok: false, message: `Table '${like}' doesn't exist` };
      catalog.tables.set(name, { ...cloneTable(source), name });
      return OK;
    }
    if (node.query_expr || node.as) {
      const message = `CREATE TABLE ... SELECT takes its columns from a query, which is not read without a server; ${SERVER}`;
      catalog.tables.set(name, { name, kind: 'table', columns: [], indexes: [], charset: catalog.charset, unreadable: this.here(message) });
      return OK;
    }
    catalog.tables.set(name, createdTable(name, node, tableCharset(node.table_options, catalog.charset)));
    return OK;
  }

  alterTable(node: Node): FoldResult {
    const name = tableName(node.table) ?? '';
    const { catalog } = this;
    const table = catalog.tables.get(name);
    if (!table) return { ok: false, message: `Table '${name}' doesn't exist` };
    if (table.kind === 'view') return { ok: false, message: `'${name}' is not BASE TABLE` };
    const work = cloneTable(table);
    const outcome = table.unreadable ? { unfolded: [] as string[] } : alterTable(work, Array.isArray(node.expr) ? (node.expr as Node[]) : []);
    if (outcome.renameTo !== undefined && outcome.renameTo !== name && catalog.tables.has(outcome.renameTo)) {
      return { ok: false, message: `Table '${outcome.renameTo}' already exists` };
    }
    if (!table.unreadable) catalog.tables.set(name, work);
    if (outcome.renameTo !== undefined && outcome.renameTo !== name) catalog.rename(name, outcome.renameTo);
    if (outcome.unfolded.length > 0) {
      const actions = outcome.unfolded.join(', ');
      catalog.approximate([outcome.renameTo ?? name], this.here(`this ALTER TABLE's ${actions} is not folded without a server, so the table is read as if it had not run; ${SERVER}`));
    }
    return OK;
  }

  renameTables(node: Node): FoldResult {
    const pairs = Array.isArray(node.table) ? (node.table as unknown[][]) : [];
    const { catalog } = this;
    const planned = new Set(catalog.tables.keys());
    for (const [fromNode, toNode] of pairs) {
      const [from, to] = [tableName(fromNode) ?? '', tableName(toNode) ?? ''];
      if (!planned.has(from)) return { ok: false, message: `Table '${from}' doesn't exist` };
      if (planned.has(to)) return { ok: false, message: `Table '${to}' already exists` };
      planned.delete(from);
      planned.add(to);
    }
    for (const [fromNode, toNode] of pairs) catalog.rename(tableName(fromNode) ?? '', tableName(toNode) ?? '');
    return OK;
  }

  dropTables(node: Node): FoldResult {
    const names = (Array.isArray(node.name) ? (node.name as unknown[]) : []).map((entry) => tableName(entry) ?? '');
    const { catalog } = this;
    const missing = names.filter((name) => !catalog.tables.has(name));
    if (missing.length > 0 && node.prefix !== 'if exists') return { ok: false, message: `Unknown table '${missing.join("', '")}'` };
    for (const name of names) catalog.drop(name);
    return OK;
  }

  createIndex(node: Node): FoldResult {
    const name = tableName(node.table) ?? '';
    const table = this.catalog.tables.get(name);
    if (!table) return { ok: false, message: `Table '${name}' doesn't exist` };
    if (table.unreadable) return OK;
    const columns = (Array.isArray(node.index_columns) ? node.index_columns : []).map(columnName).filter((column): column is string => column !== undefined);
    const work = cloneTable(table);
    const index = textOf(node.index);
    addIndex(work, { ...(index ? { name: index } : {}), unique: textOf(node.index_type)?.toLowerCase() === 'unique', columns });
    this.catalog.tables.set(name, work);
    return OK;
  }

  /** An ALTER TABLE read from its words (alter-by-words.ts). */
  alterByWords(name: string, apply: (table: FoldTable) => void): FoldResult {
    const table = this.catalog.tables.get(name);
    if (!table) return { ok: false, message: `Table '${name}' doesn't exist` };
    if (table.unreadable) return OK;
    const work = cloneTable(table);
    apply(work);
    this.catalog.tables.set(name, work);
    return OK;
  }

  dropIndex(node: Node): FoldResult {
    const name = tableName(node.table) ?? '';
    const table = this.catalog.tables.get(name);
    if (!table) return { ok: false, message: `Table '${name}' doesn't exist` };
    if (table.unreadable) return OK;
    const work = cloneTable(table);
    dropIndex(work, indexName(node.name) ?? '');
    this.catalog.tables.set(name, work);
    return OK;
  }
}

function dispatch(folder: Folder, node: Node): FoldResult | undefined {
  const keyword = textOf(node.keyword)?.toLowerCase();
  switch (node.type) {
    case 'create':
      if (keyword === 'table') return folder.createTable(node);
      return keyword === 'index' ? folder.createIndex(node) : undefined;
    case 'alter':
      return folder.alterTable(node);
    case 'rename':
      return folder.renameTables(node);
    case 'drop':
      if (keyword === 'table') return folder.dropTables(node);
      return keyword === 'index' ? folder.dropIndex(node) : undefined;
    default:
      return undefined;
  }
}

/**
 * Folds one statement into the catalog without a server. Statements that change no table are passed over (see
 * StatementFacts); a table statement the parser cannot read, or reads as something the fold does not know, leaves
 * the tables it names marked as approximate from there (unreadable, for a CREATE TABLE), never silently ignored.
 */
export function foldStatement(catalog: Catalog, statement: Statement, path: string): FoldResult {
  const here = (message: string): Approximation => ({ file: path, line: statement.line, column: statement.column, message });
  const { facts } = statement;
  switch (facts.kind) {
    case 'ignored':
      if (facts.procedure) catalog.procedures.set(facts.procedure.name.toLowerCase(), facts.procedure.changesTables);
      return OK;
    case 'call':
      if (catalog.procedures.get((facts.calls ?? '').toLowerCase()) !== false) {
        catalog.approximate(undefined, here(`CALL runs a procedure that may change tables, which is not followed without a server; ${SERVER}`));
      }
      return OK;
    case 'database-defaults':
      catalog.approximate(undefined, here(`ALTER DATABASE changes the character set of tables created after it, which is not followed without a server; ${SERVER}`));
      return OK;
    case 'not-sql':
      return { ok: false, message: 'no MySQL statement starts this way' };
    case 'create-view':
      for (const name of facts.tables ?? []) {
        const message = `a view's columns are not known without a server; ${SERVER}`;
        catalog.tables.set(name, { name, kind: 'view', columns: [], indexes: [], charset: catalog.charset, unreadable: here(message) });
      }
      if (!facts.tables) catalog.approximate(undefined, here(`this view is not read without a server; ${SERVER}`));
      return OK;
    case 'drop-view':
      for (const name of facts.tables ?? []) if (catalog.tables.get(name)?.kind === 'view') catalog.drop(name);
      return OK;
    default:
      return foldTableStatement(catalog, statement, here);
  }
}

/** An ALTER TABLE the parser cannot read, read from its words when it is made only of actions that can be. */
function byWords(text: string): ReturnType<typeof alterByWords> {
  const tokens = tokenize(text);
  return isLexError(tokens) ? undefined : alterByWords(tokens, text);
}

function foldTableStatement(catalog: Catalog, statement: Statement, here: (message: string) => Approximation): FoldResult {
  const { facts } = statement;
  const text = parserText(statement);
  const parsed = parseStatement(text);
  const folder = new Folder(catalog, here);
  const words = parsed.ok || facts.kind !== 'alter-table' ? undefined : byWords(text);
  let result: FoldResult | undefined;
  let unexpected: string | undefined;
  try {
    if (parsed.ok) result = dispatch(folder, parsed.node);
    else if (words) result = folder.alterByWords(words.table, words.apply);
  } catch (error) {
    if (error instanceof FoldFailure) return { ok: false, message: error.message };
    // A tree of a shape the fold does not expect: the statement is not folded, which the table says.
    unexpected = (error as Error)?.message ?? String(error);
  }
  if (result) return result;
  const reason = unexpected
    ? `the fold could not follow node-sql-parser's reading of it: ${unexpected}`
    : parsed.ok
      ? `node-sql-parser read it as ${String(parsed.node.type).toUpperCase()} ${String(parsed.node.keyword ?? '').toUpperCase()}`.trim()
      : `node-sql-parser could not read it: ${parsed.message}${parsed.line ? ` (at ${positionText(statement, parsed.line, parsed.column ?? 1)})` : ''}`;
  const target = facts.tables?.[0];
  if (facts.kind === 'create-table' && target !== undefined && !catalog.tables.has(target)) {
    const message = `this CREATE TABLE could not be folded (${reason}), so the table's columns are not known without a server; ${SERVER}`;
    catalog.tables.set(target, { name: target, kind: 'table', columns: [], indexes: [], charset: catalog.charset, unreadable: here(message) });
    return OK;
  }
  catalog.approximate(facts.tables, here(`this statement could not be folded (${reason}), so the table is read as if it had not run; ${SERVER}`));
  return OK;
}

/** `line 3, column 5` of the file, for a parser's position inside a statement. */
function positionText(statement: Statement, line: number, column: number): string {
  const lines = statement.sql.split('\n');
  const offset = lines.slice(0, line - 1).reduce((total, text) => total + text.length + 1, 0) + column - 1;
  const position = positionIn(statement, offset);
  return `line ${position.line}, column ${position.column}`;
}

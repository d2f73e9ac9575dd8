import { isName, isSymbol, isWord, nameOf, type Token } from './tokens.js';

/**
 * What a statement can do to tables, told from its words alone (whichever way the migrations are read):
 * - the table statements (`create-table`, ...), which the reader folds or the server runs;
 * - `ignored`: statements that change no table's columns or keys (rows, transactions, session settings, locks,
 *   maintenance, triggers, functions, events, sequences, temporary tables);
 * - `call`: a procedure, which may change tables;
 * - `database-defaults`: `ALTER DATABASE` without a name, which changes the character set of tables created later;
 * - `not-sql`: no statement MySQL knows starts this way.
 */
export type StatementKind =
  | 'create-table'
  | 'alter-table'
  | 'drop-table'
  | 'rename-table'
  | 'create-index'
  | 'drop-index'
  | 'create-view'
  | 'drop-view'
  | 'ignored'
  | 'call'
  | 'database-defaults'
  | 'not-sql';

export interface ColumnRename {
  table: string;
  from: string;
  to: string;
}

export interface StatementFacts {
  kind: StatementKind;
  /** The tables a table statement names, as written without their database; undefined when they cannot be told. */
  tables?: string[];
  /** Tables renamed, in the order the statement renames them. */
  tableRenames: [string, string][];
  columnRenames: ColumnRename[];
  /** `CREATE PROCEDURE`: its name, and whether its body changes tables. */
  procedure?: { name: string; changesTables: boolean };
  /** `CALL`: the procedure called. */
  calls?: string;
}

/** First words of statements that change no table's columns or keys. */
const IGNORED_STATEMENTS = new Set([
  'SELECT',
  'INSERT',
  'REPLACE',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'WITH',
  'VALUES',
  'TABLE',
  'DO',
  'HANDLER',
  'SET',
  'LOCK',
  'UNLOCK',
  'START',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'XA',
  'ANALYZE',
  'OPTIMIZE',
  'CHECK',
  'CHECKSUM',
  'REPAIR',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
  'HELP',
  'SIGNAL',
  'RESIGNAL',
  'GET',
  'DEALLOCATE',
  'CACHE',
  'LOAD',
  'PREPARE',
  'EXECUTE',
  'USE',
  'GRANT',
  'REVOKE',
  'FLUSH',
  'KILL',
  'RESET',
  'PURGE',
  'SHUTDOWN',
  'RESTART',
  'CHANGE',
  'STOP',
  'INSTALL',
  'UNINSTALL',
  'CLONE',
  'BINLOG',
  'IMPORT',
  'BACKUP',
]);

/** Words between CREATE / ALTER / DROP and the kind of object, and the options that take a value after `=`. */
const PREAMBLE_WORDS = new Set(['OR', 'REPLACE', 'TEMPORARY', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'ONLINE', 'OFFLINE', 'IGNORE', 'AGGREGATE', 'UNDO']);
const PREAMBLE_OPTIONS = new Set(['ALGORITHM', 'DEFINER', 'SQL']);
const TABLE_CHANGES = new Set(['TABLE', 'TEMPORARY', 'INDEX', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'VIEW']);

interface Header {
  verb: string;
  object: string | undefined;
  /** Index of the token after the object's word. */
  next: number;
  temporary: boolean;
}

function header(tokens: Token[]): Header {
  const verb = tokens[0]?.kind === 'word' ? tokens[0].value : '';
  let index = 1;
  let temporary = false;
  for (;;) {
    const token = tokens[index];
    if (token?.kind !== 'word') break;
    if (PREAMBLE_WORDS.has(token.value)) {
      temporary ||= token.value === 'TEMPORARY';
      index += 1;
    } else if (PREAMBLE_OPTIONS.has(token.value)) {
      // ALGORITHM = x, DEFINER = user[@host], SQL SECURITY x: three tokens, and the host or CURRENT_USER's ().
      index += 3;
      if (tokens[index]?.kind === 'variable') index += 1;
      if (isSymbol(tokens[index], '(')) index += 2;
    } else {
      break;
    }
  }
  const object = tokens[index]?.kind === 'word' ? tokens[index]!.value : undefined;
  return { verb, object, next: index + 1, temporary };
}

/** A name as written (`orders`, `` `orders` ``, `shop.orders`), without its database; and the index after it. */
function readName(tokens: Token[], index: number): { name: string; next: number } | undefined {
  const first = tokens[index];
  if (!isName(first)) return undefined;
  if (isSymbol(tokens[index + 1], '.') && isName(tokens[index + 2])) return { name: nameOf(tokens[index + 2]!), next: index + 3 };
  return { name: nameOf(first), next: index + 1 };
}

function skipIfExists(tokens: Token[], index: number): number {
  if (isWord(tokens[index], 'IF') && isWord(tokens[index + 1], 'NOT') && isWord(tokens[index + 2], 'EXISTS')) return index + 3;
  if (isWord(tokens[index], 'IF') && isWord(tokens[index + 1], 'EXISTS')) return index + 2;
  return index;
}

/** Comma-separated names (`DROP TABLE a, b`). */
function readNames(tokens: Token[], index: number): string[] {
  const names: string[] = [];
  let position = skipIfExists(tokens, index);
  for (;;) {
    const read = readName(tokens, position);
    if (!read) break;
    names.push(read.name);
    if (!isSymbol(tokens[read.next], ',')) break;
    position = read.next + 1;
  }
  return names;
}

/** The first token after `ON` at the top level of the statement. */
function nameAfterOn(tokens: Token[], from: number): string | undefined {
  const on = tokens.findIndex((token, index) => index >= from && isWord(token, 'ON'));
  return on < 0 ? undefined : readName(tokens, on + 1)?.name;
}

/** The starts of an ALTER TABLE's actions: the token after the table's name and after each top-level comma. */
function actionStarts(tokens: Token[], from: number): number[] {
  const starts = [from];
  let depth = 0;
  for (let index = from; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (isSymbol(token, '(')) depth += 1;
    else if (isSymbol(token, ')')) depth -= 1;
    else if (depth === 0 && isSymbol(token, ',')) starts.push(index + 1);
  }
  return starts;
}

function alterTableFacts(tokens: Token[], next: number): StatementFacts {
  const table = readName(tokens, next);
  if (!table) return { kind: 'alter-table', tableRenames: [], columnRenames: [] };
  const tableRenames: [string, string][] = [];
  const columnRenames: ColumnRename[] = [];
  let current = table.name;
  for (const start of actionStarts(tokens, table.next)) {
    let index = start;
    if (isWord(tokens[index], 'RENAME')) {
      index += 1;
      if (isWord(tokens[index], 'COLUMN')) {
        const from = readName(tokens, index + 1);
        const to = from && isWord(tokens[from.next], 'TO') ? readName(tokens, from.next + 1) : undefined;
        if (from && to) columnRenames.push({ table: current, from: from.name, to: to.name });
        continue;
      }
      if (isWord(tokens[index], 'INDEX', 'KEY')) continue;
      if (isWord(tokens[index], 'TO', 'AS')) index += 1;
      const to = readName(tokens, index);
      if (to) {
        tableRenames.push([current, to.name]);
        current = to.name;
      }
    } else if (isWord(tokens[index], 'CHANGE')) {
      index += 1;
      if (isWord(tokens[index], 'COLUMN')) index += 1;
      index = skipIfExists(tokens, index);
      const from = readName(tokens, index);
      const to = from ? readName(tokens, from.next) : undefined;
      if (from && to && from.name !== to.name) columnRenames.push({ table: current, from: from.name, to: to.name });
    }
  }
  // Column renames name the table as it is called when they happen; every name it had is a table it touches.
  const tables = [table.name, ...tableRenames.map(([, to]) => to)];
  return { kind: 'alter-table', tables, tableRenames, columnRenames };
}

function renameTableFacts(tokens: Token[], next: number): StatementFacts {
  const tableRenames: [string, string][] = [];
  let index = next;
  for (;;) {
    const from = readName(tokens, index);
    const to = from && isWord(tokens[from.next], 'TO') ? readName(tokens, from.next + 1) : undefined;
    if (!from || !to) break;
    tableRenames.push([from.name, to.name]);
    if (!isSymbol(tokens[to.next], ',')) break;
    index = to.next + 1;
  }
  return { kind: 'rename-table', tables: tableRenames.flat(), tableRenames, columnRenames: [] };
}

function procedureFacts(tokens: Token[], next: number): StatementFacts {
  const name = readName(tokens, skipIfExists(tokens, next))?.name ?? '';
  const changesTables = tokens.some(
    (token, index) => isWord(token, 'CREATE', 'ALTER', 'DROP', 'RENAME') && tokens[index + 1]?.kind === 'word' && TABLE_CHANGES.has(tokens[index + 1]!.value),
  );
  return { kind: 'ignored', tableRenames: [], columnRenames: [], procedure: { name, changesTables } };
}

const noRenames = { tableRenames: [], columnRenames: [] };

/** What a statement does to tables, read from its tokens. */
export function factsOf(tokens: Token[]): StatementFacts {
  const { verb, object, next, temporary } = header(tokens);
  if (verb === 'CALL') return { kind: 'call', ...noRenames, calls: readName(tokens, 1)?.name ?? '' };
  if (verb === 'RENAME' && object === 'TABLE') return renameTableFacts(tokens, next);
  if (verb === 'CREATE' || verb === 'ALTER' || verb === 'DROP') {
    if (temporary) return { kind: 'ignored', ...noRenames };
    if (verb === 'CREATE' && object === 'PROCEDURE') return procedureFacts(tokens, next);
    if (verb === 'ALTER' && object === 'TABLE') return alterTableFacts(tokens, next);
    if (object === 'TABLE') {
      const names = readNames(tokens, next);
      const tables = verb === 'DROP' ? names : names.slice(0, 1);
      return { kind: verb === 'DROP' ? 'drop-table' : 'create-table', ...(tables.length > 0 ? { tables } : {}), ...noRenames };
    }
    if (object === 'INDEX' || object === 'KEY') {
      const table = nameAfterOn(tokens, next);
      return { kind: verb === 'DROP' ? 'drop-index' : 'create-index', ...(table ? { tables: [table] } : {}), ...noRenames };
    }
    if (object === 'VIEW') {
      const names = readNames(tokens, next);
      return { kind: verb === 'DROP' ? 'drop-view' : 'create-view', ...(names.length > 0 ? { tables: names } : {}), ...noRenames };
    }
    if (verb === 'ALTER' && (object === 'DATABASE' || object === 'SCHEMA')) return { kind: 'database-defaults', ...noRenames };
    return { kind: object === undefined ? 'not-sql' : 'ignored', ...noRenames };
  }
  if (IGNORED_STATEMENTS.has(verb)) return { kind: 'ignored', ...noRenames };
  return { kind: 'not-sql', ...noRenames };
}

import { startsBodyStatement } from './statements.js';
import { isName, isSymbol, isWord, type Token } from './tokens.js';

/** Why a statement is not replayed, and the token that says so. */
export interface Refusal {
  message: string;
  /** Offset of the token in the statement. */
  offset: number;
}

const OUTSIDE = 'statements that reach outside the migrated database are not replayed';

/** Statements that act on the server, its files, its replication or its other sessions: what each reaches. */
const SERVER_STATEMENTS: Record<string, string> = {
  USE: 'USE switches to another database',
  SHUTDOWN: 'SHUTDOWN stops the server',
  RESTART: 'RESTART restarts the server',
  KILL: 'KILL stops another session',
  FLUSH: 'FLUSH acts on the whole server',
  RESET: 'RESET acts on the whole server',
  PURGE: 'PURGE deletes the server\'s binary logs',
  BINLOG: 'BINLOG replays events into the server',
  CLONE: 'CLONE copies a server',
  INSTALL: 'INSTALL loads code into the server',
  UNINSTALL: 'UNINSTALL removes code from the server',
  GRANT: 'GRANT changes privileges',
  REVOKE: 'REVOKE changes privileges',
  IMPORT: 'IMPORT TABLE reads the server\'s files',
  BACKUP: 'BACKUP acts on the whole server',
};

/** Objects of CREATE / ALTER / DROP that live outside the migrated database. */
const SERVER_OBJECTS: Record<string, string> = {
  DATABASE: 'a database other than the migrated one',
  SCHEMA: 'a database other than the migrated one',
  USER: 'an account of the server',
  ROLE: 'a role of the server',
  SERVER: 'a connection to another server',
  TABLESPACE: 'a tablespace (files of the server)',
  LOGFILE: 'a log file group (files of the server)',
  RESOURCE: 'a resource group of the server',
};

/** Options that name the migrated database's own settings, so `ALTER DATABASE <option>` names no database. */
const DATABASE_OPTIONS = new Set(['DEFAULT', 'CHARACTER', 'CHARSET', 'COLLATE', 'ENCRYPTION', 'READ', 'COMMENT', 'UPGRADE']);

/** Storage engines whose tables are files or connections elsewhere. */
const OUTSIDE_ENGINES = new Set(['FEDERATED', 'FEDERATEDX', 'CONNECT', 'SPIDER', 'S3']);

/** Databases of the server itself, which no migration of an application's tables reads or writes. */
const SYSTEM_DATABASES = new Set(['MYSQL', 'INFORMATION_SCHEMA', 'PERFORMANCE_SCHEMA', 'SYS']);

/** Words after which a name is a table's (or another object's) name, which must not be qualified by a database. */
const OBJECT_NAME_POSITIONS = new Set([
  'FROM',
  'JOIN',
  'INTO',
  'UPDATE',
  'TABLE',
  'TABLES',
  'REFERENCES',
  'VIEW',
  'TRIGGER',
  'PROCEDURE',
  'FUNCTION',
  'EVENT',
  'CALL',
  'EXISTS',
  'TO',
  'RENAME',
  'SEQUENCE',
]);
/** Words that start and end a list of tables (`FROM a, b WHERE ...`, `DROP TABLE a, b`). */
const TABLE_LIST_STARTS = new Set(['FROM', 'UPDATE', 'TABLE', 'TABLES', 'JOIN']);
const TABLE_LIST_ENDS = new Set(['WHERE', 'SET', 'ON', 'USING', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'VALUES', 'SELECT', 'WINDOW', 'UNION', 'FOR']);

/** What the rules need to know about the whole statement, found once. */
interface Context {
  /** The commas that continue a list of tables (`FROM a, b`, `DROP TABLE a, b`), by index. */
  tableListCommas: Set<number>;
  /** CREATE INDEX / DROP INDEX, where `ON` is followed by the table's name. */
  indexStatement: boolean;
}

type Rule = (tokens: Token[], index: number, atStatementStart: boolean, context: Context) => string | undefined;

const word = (token: Token | undefined): string | undefined => (token?.kind === 'word' ? token.value : undefined);

const RULES: Rule[] = [
  (tokens, index, atStart) => {
    const first = word(tokens[index]);
    if (!atStart || first === undefined) return undefined;
    const server = SERVER_STATEMENTS[first];
    if (server) return server;
    const second = word(tokens[index + 1]);
    if (first === 'LOAD' && (second === 'DATA' || second === 'XML')) return `LOAD ${second} reads files`;
    if ((first === 'START' || first === 'STOP') && ['SLAVE', 'REPLICA', 'GROUP_REPLICATION', 'ALL'].includes(second ?? '')) return `${first} ${second} acts on replication`;
    if (first === 'CHANGE' && (second === 'MASTER' || second === 'REPLICATION')) return `CHANGE ${second} acts on replication`;
    if ((first === 'PREPARE' && isName(tokens[index + 1]) && isWord(tokens[index + 2], 'FROM')) || (first === 'EXECUTE' && (second === 'IMMEDIATE' || isName(tokens[index + 1])))) {
      return `${first} runs SQL built while the migration runs, which cannot be checked before it runs`;
    }
    if (first === 'SET') return setRefusal(tokens, index);
    return undefined;
  },
  (tokens, index, atStart) => {
    if (!atStart || !isWord(tokens[index], 'CREATE', 'ALTER', 'DROP', 'RENAME')) return undefined;
    let next = index + 1;
    while (isWord(tokens[next], 'OR', 'REPLACE', 'IF', 'NOT', 'EXISTS', 'TEMPORARY', 'UNDO')) next += 1;
    const object = word(tokens[next]);
    const what = object === undefined ? undefined : SERVER_OBJECTS[object];
    if (!what) return undefined;
    if (isWord(tokens[index], 'ALTER') && (object === 'DATABASE' || object === 'SCHEMA')) {
      const option = tokens[next + 1];
      if (option === undefined || (option.kind === 'word' && DATABASE_OPTIONS.has(option.value))) return undefined;
    }
    return `${tokens[index]!.value} ${object} changes ${what}`;
  },
  (tokens, index) => {
    const token = tokens[index]!;
    if (isWord(token, 'INTO') && isWord(tokens[index + 1], 'OUTFILE', 'DUMPFILE')) return `INTO ${tokens[index + 1]!.value} writes a file`;
    if (isWord(token, 'LOAD_FILE') && isSymbol(tokens[index + 1], '(')) return 'LOAD_FILE reads a file';
    if (isWord(token, 'SONAME')) return 'SONAME loads a library into the server';
    if (isWord(token, 'DATA', 'INDEX') && isWord(tokens[index + 1], 'DIRECTORY')) return `${token.value} DIRECTORY places files on the server`;
    if (isWord(token, 'CONNECTION') && isSymbol(tokens[index + 1], '=')) return 'CONNECTION makes a table of another server';
    if (isWord(token, 'ENGINE')) {
      const engine = isSymbol(tokens[index + 1], '=') ? tokens[index + 2] : tokens[index + 1];
      if (engine?.kind === 'word' && OUTSIDE_ENGINES.has(engine.value)) return `ENGINE=${engine.value} keeps the table in files or on another server`;
    }
    return undefined;
  },
  (tokens, index, _atStart, context) => otherDatabaseRefusal(tokens, index, context),
];

function setRefusal(tokens: Token[], index: number): string | undefined {
  const next = word(tokens[index + 1]);
  if (next === 'PASSWORD' || next === 'ROLE' || (next === 'DEFAULT' && isWord(tokens[index + 2], 'ROLE'))) return `SET ${next} changes accounts`;
  for (let position = index + 1; position < tokens.length && !isSymbol(tokens[position], ';'); position += 1) {
    const token = tokens[position]!;
    const startsAssignment = position === index + 1 || isSymbol(tokens[position - 1], ',');
    if (startsAssignment && isWord(token, 'GLOBAL', 'PERSIST', 'PERSIST_ONLY')) return `SET ${token.value} changes the whole server`;
    if (token.kind === 'variable' && /^@@(global|persist|persist_only)\./.test(token.value)) return `SET ${token.text} changes the whole server`;
  }
  return undefined;
}

/** A name qualified by a database, where a table or routine is named: `other.orders`, `mysql.user`, `a.b.c`. */
function otherDatabaseRefusal(tokens: Token[], index: number, context: Context): string | undefined {
  const token = tokens[index]!;
  if (!isName(token) || !isSymbol(tokens[index + 1], '.') || !isName(tokens[index + 2])) return undefined;
  if (isSymbol(tokens[index - 1], '.')) return undefined;
  const database = token.kind === 'quoted' ? token.value : token.text;
  const qualified = `${database}.${tokens[index + 2]!.kind === 'quoted' ? tokens[index + 2]!.value : tokens[index + 2]!.text}`;
  const threeParts = isSymbol(tokens[index + 3], '.') && isName(tokens[index + 4]);
  const routineCall = isSymbol(tokens[index + 3], '(');
  if (threeParts || routineCall || SYSTEM_DATABASES.has(database.toUpperCase()) || inObjectPosition(tokens, index, context)) {
    return `${qualified} names database ${database}; the migrations are replayed in a database of their own, so name tables without a database`;
  }
  return undefined;
}

function inObjectPosition(tokens: Token[], index: number, context: Context): boolean {
  const previous = tokens[index - 1];
  if (previous?.kind === 'word' && OBJECT_NAME_POSITIONS.has(previous.value)) return true;
  if (isWord(previous, 'ON') && isWord(tokens[index - 2], 'INSERT', 'UPDATE', 'DELETE')) return true;
  if (isWord(previous, 'ON') && context.indexStatement) return true;
  if (isWord(previous, 'LIKE') && isWord(tokens[0], 'CREATE')) return true;
  if (isWord(previous, 'AS') && isWord(tokens[index - 2], 'RENAME')) return true;
  return context.tableListCommas.has(index - 1);
}

/** The commas inside lists of tables, found in one pass: a list starts at a word that names tables and ends at a clause. */
function tableListCommas(tokens: Token[]): Set<number> {
  const commas = new Set<number>();
  let inList = false;
  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'word' && TABLE_LIST_STARTS.has(token.value)) inList = true;
    else if ((token.kind === 'word' && TABLE_LIST_ENDS.has(token.value)) || isSymbol(token, '(') || isSymbol(token, ')') || isSymbol(token, ';')) inList = false;
    else if (inList && isSymbol(token, ',')) commas.add(index);
  }
  return commas;
}

/**
 * The first thing a statement does that reaches outside the migrated database, if it does any. A stored program's
 * statements are checked like statements of their own, since a CALL would run them.
 */
export function refusalOf(tokens: Token[]): Refusal | undefined {
  const context: Context = {
    tableListCommas: tableListCommas(tokens),
    indexStatement: isWord(tokens[0], 'CREATE', 'DROP') && tokens.some((token) => isWord(token, 'INDEX')),
  };
  for (const [index, token] of tokens.entries()) {
    const atStatementStart = startsBodyStatement(tokens[index - 1]);
    for (const rule of RULES) {
      const reason = rule(tokens, index, atStatementStart, context);
      if (reason) return { message: `${reason}: ${OUTSIDE}`, offset: token.start };
    }
  }
  return undefined;
}

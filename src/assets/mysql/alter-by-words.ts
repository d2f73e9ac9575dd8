import type { FoldTable } from './catalog.js';
import { expressionDefault, literalDefault } from './defaults.js';
import { dropColumnFromIndexes, findColumn, FoldFailure } from './table-keys.js';
import { isName, isSymbol, isWord, nameOf, type Token } from './tokens.js';
import { mysqlType } from './type-spelling.js';

/**
 * ALTER TABLE actions node-sql-parser does not read, which are common in migrations and simple enough to read from
 * their words: `ALTER [COLUMN] c SET DEFAULT v`, `ALTER [COLUMN] c DROP DEFAULT`, `RENAME INDEX|KEY a TO b`,
 * MariaDB's `DROP [COLUMN] IF EXISTS c`, and those that change no column or key (`DISABLE KEYS` and `ENABLE KEYS`,
 * which mysqldump writes, `FORCE`, `ORDER BY`). Anything else in the statement and it is not read this way.
 */
type Action = (table: FoldTable) => void;

/** The default a SET DEFAULT gives: a literal, NULL (none), TRUE / FALSE, b'...', or an expression in parentheses. */
function defaultAction(column: string, value: Token[], text: string): Action | undefined {
  const [first, second] = value;
  if (!first) return undefined;
  const valueText = text.slice(first.start, value[value.length - 1]!.end);
  let spell: ((type: string) => string | undefined) | undefined;
  if (value.length === 1 && isWord(first, 'NULL')) spell = () => undefined;
  else if (value.length === 1 && isWord(first, 'TRUE', 'FALSE')) spell = (type) => literalDefault(first.value === 'TRUE' ? '1' : '0', mysqlType(type));
  else if (value.length === 1 && (first.kind === 'string' || first.kind === 'number')) spell = (type) => literalDefault(first.value, mysqlType(type));
  else if (value.length === 2 && isSymbol(first, '-') && second?.kind === 'number') spell = (type) => literalDefault(`-${second.value}`, mysqlType(type));
  else if (value.length === 2 && isWord(first, 'B') && second?.kind === 'string') spell = (type) => literalDefault(`b'${second.value}'`, mysqlType(type));
  else if (isSymbol(first, '(') && isSymbol(value[value.length - 1], ')')) spell = (type) => expressionDefault(valueText, mysqlType(type));
  if (!spell) return undefined;
  const spelt = spell;
  return (table) => {
    const index = findColumn(table, column);
    if (index < 0) throw new FoldFailure(`Unknown column '${column}' in '${table.name}'`);
    const current = table.columns[index]!;
    const { default: _replaced, ...rest } = current;
    const next = spelt(current.type);
    table.columns[index] = next === undefined ? rest : { ...rest, default: next };
  };
}

function dropDefault(column: string): Action {
  return (table) => {
    const index = findColumn(table, column);
    if (index < 0) throw new FoldFailure(`Unknown column '${column}' in '${table.name}'`);
    const { default: _dropped, ...rest } = table.columns[index]!;
    table.columns[index] = rest;
  };
}

function renameIndex(from: string, to: string): Action {
  return (table) => {
    const index = table.indexes.find((candidate) => candidate.name.toLowerCase() === from.toLowerCase());
    if (!index) throw new FoldFailure(`Key '${from}' doesn't exist in table '${table.name}'`);
    index.name = to;
  };
}

function dropColumnIfExists(column: string): Action {
  return (table) => {
    const index = findColumn(table, column);
    if (index < 0) return;
    table.columns.splice(index, 1);
    dropColumnFromIndexes(table, column);
  };
}

const unchanged: Action = () => undefined;

function actionOf(tokens: Token[], text: string): Action | undefined {
  let index = 0;
  if ((isWord(tokens[0], 'DISABLE', 'ENABLE') && isWord(tokens[1], 'KEYS') && tokens.length === 2) || (isWord(tokens[0], 'FORCE') && tokens.length === 1)) return unchanged;
  if (isWord(tokens[0], 'ORDER') && isWord(tokens[1], 'BY')) return unchanged;
  if (isWord(tokens[0], 'ALTER')) {
    index = isWord(tokens[1], 'COLUMN') ? 2 : 1;
    const column = tokens[index];
    if (!isName(column)) return undefined;
    if (isWord(tokens[index + 1], 'DROP') && isWord(tokens[index + 2], 'DEFAULT') && tokens.length === index + 3) return dropDefault(nameOf(column));
    if (isWord(tokens[index + 1], 'SET') && isWord(tokens[index + 2], 'DEFAULT')) return defaultAction(nameOf(column), tokens.slice(index + 3), text);
    return undefined;
  }
  const [verb, object, from, to, target] = tokens;
  if (isWord(verb, 'RENAME') && isWord(object, 'INDEX', 'KEY') && isName(from) && isWord(to, 'TO') && isName(target) && tokens.length === 5) {
    return renameIndex(nameOf(from), nameOf(target));
  }
  if (isWord(tokens[0], 'DROP')) {
    index = isWord(tokens[1], 'COLUMN') ? 2 : 1;
    const column = tokens[index + 2];
    if (isWord(tokens[index], 'IF') && isWord(tokens[index + 1], 'EXISTS') && isName(column) && tokens.length === index + 3) return dropColumnIfExists(nameOf(column));
  }
  return undefined;
}

/** Splits the tokens after the table's name at its top-level commas. */
function actions(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isSymbol(token, '(')) depth += 1;
    if (isSymbol(token, ')')) depth -= 1;
    if (depth === 0 && isSymbol(token, ',')) parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts;
}

/**
 * Reads an ALTER TABLE made only of the actions above: the table's name, and what the actions do (applied in order,
 * all or none). Undefined when the statement is anything else.
 */
export function alterByWords(tokens: Token[], text: string): { table: string; apply: (table: FoldTable) => void } | undefined {
  let index = 1;
  while (isWord(tokens[index], 'ONLINE', 'IGNORE')) index += 1;
  if (!isWord(tokens[0], 'ALTER') || !isWord(tokens[index], 'TABLE') || !isName(tokens[index + 1]) || isSymbol(tokens[index + 2], '.')) return undefined;
  const steps = actions(tokens.slice(index + 2)).map((part) => actionOf(part, text));
  if (steps.length === 0 || steps.some((step) => step === undefined)) return undefined;
  return {
    table: nameOf(tokens[index + 1]!),
    apply: (table) => {
      for (const step of steps) step!(table);
    },
  };
}

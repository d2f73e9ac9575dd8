import { expressionDefault, generatedDefault, literalDefault } from './defaults.js';
import { expressionText, type Node } from './parse.js';
import type { ColumnSnapshot } from './snapshot.js';
import { isLexError, tokenize } from './tokens.js';
import { canonicalCharset, charsetOfCollation, mysqlType, spellingWithMembers, TEXT_TYPES, type MysqlType } from './type-spelling.js';

/** A column definition of CREATE TABLE or ALTER TABLE, folded: the column, and the keys it declares inline. */
export interface FoldedColumn {
  column: ColumnSnapshot;
  primaryKey: boolean;
  unique: boolean;
}

const STRING_LITERALS = new Set(['single_quote_string', 'double_quote_string', 'string', 'natural_string']);
const QUOTES: Record<string, string> = { single_quote_string: "'", double_quote_string: '"' };

export function nodeOf(value: unknown): Node | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A column reference's name (`{ column: 'id' }`, or `{ column: { expr: { value: 'id' } } }` in some grammars). */
export function columnName(reference: unknown): string | undefined {
  const node = nodeOf(reference);
  const column = node?.column;
  if (typeof column === 'string') return column;
  const value = nodeOf(nodeOf(column)?.expr)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** node-sql-parser keeps a string literal's text as written between its quotes: read it as MySQL does. */
function unquoted(literal: Node): string {
  const quote = QUOTES[String(literal.type)] ?? "'";
  const tokens = tokenize(`${quote}${String(literal.value)}${quote}`);
  return !isLexError(tokens) && tokens.length === 1 ? tokens[0]!.value : String(literal.value);
}

/** The type as written: its name, length and scale, ENUM or SET members, UNSIGNED / ZEROFILL. */
function typeText(definition: Node): string {
  const length = definition.length;
  const scale = definition.scale;
  // The MySQL grammar reads INT8 as INT with a length of 8, without parentheses: MySQL reads it as BIGINT.
  const unparenthesized = typeof length === 'number' && definition.parentheses !== true;
  const name = `${String(definition.dataType ?? '')}${unparenthesized ? length : ''}`;
  const sizes = typeof length === 'number' && !unparenthesized ? `(${length}${typeof scale === 'number' ? `,${scale}` : ''})` : '';
  const members = (nodeOf(definition.expr)?.value as Node[] | undefined)
    ?.map((member) => `${QUOTES[String(member.type)] ?? "'"}${String(member.value)}${QUOTES[String(member.type)] ?? "'"}`)
    .join(',');
  const suffix = Array.isArray(definition.suffix) ? definition.suffix.map(String).join(' ') : '';
  return `${name}${members !== undefined ? `(${members})` : sizes} ${suffix}`.trim();
}

function collationOf(definition: Node): string | undefined {
  const collate = nodeOf(nodeOf(definition.collate)?.collate)?.name;
  // The parser attaches `DEFAULT 'x' COLLATE c` to the literal, where MySQL reads it as the column's collation.
  const onDefault = nodeOf(nodeOf(nodeOf(nodeOf(nodeOf(definition.default_val)?.value)?.suffix)?.collate)?.collate)?.name;
  return textOf(collate) ?? textOf(onDefault);
}

/** The column's type, with the character set a text type stores (its own, its collation's, or the table's). */
function columnType(definition: Node, tableCharset: string): MysqlType {
  const written = typeText(nodeOf(definition.definition) ?? {});
  const explicit = textOf(nodeOf(nodeOf(definition.character_set)?.value)?.value);
  const collation = collationOf(definition);
  const charset = explicit ? canonicalCharset(explicit) : collation ? charsetOfCollation(collation) : undefined;
  const base = mysqlType(written);
  if (!TEXT_TYPES.has(base.name) || /\b(character\s+set|charset)\b/i.test(written)) return base;
  return mysqlType(`${written} CHARACTER SET ${charset ?? tableCharset}`);
}

function defaultOf(definition: Node, type: MysqlType): string | undefined {
  const generated = nodeOf(definition.generated);
  if (generated) {
    const expression = nodeOf(generated.expr);
    return expression ? generatedDefault(expressionText(expression), String(generated.storage_type).toLowerCase() === 'stored') : undefined;
  }
  const written = nodeOf(nodeOf(definition.default_val)?.value);
  if (!written || written.type === 'null') return undefined;
  // The grammar hangs ON UPDATE CURRENT_TIMESTAMP on the default, which is the value on insert alone.
  const value = nodeOf(written.over)?.type === 'on update' ? { ...written, over: null } : written;
  // The grammar reads a number in exponent form (`1e3`) as a column's name.
  const numberLike = value.type === 'column_ref' ? columnName(value) : undefined;
  if (numberLike !== undefined && /^[0-9.]+e[+-]?[0-9]+$/i.test(numberLike)) return literalDefault(numberLike, type);
  if (value.parentheses === true) return expressionDefault(`(${expressionText(value)})`, type);
  if (STRING_LITERALS.has(String(value.type))) return literalDefault(unquoted(value), type);
  if (value.type === 'number') return literalDefault(String(value.value), type);
  if (value.type === 'bool') return literalDefault(value.value === true ? '1' : '0', type);
  if (value.type === 'bit_string') return literalDefault(`b'${String(value.value)}'`, type);
  return expressionDefault(expressionText(value), type);
}

/**
 * The column a CHECK constraint holds to valid JSON (`CHECK (json_valid(c))`): MariaDB's JSON type is LONGTEXT with
 * that check, and a text column that only holds JSON is read as JSON, whichever server replays it.
 */
export function jsonCheckedColumn(check: Node | undefined): string | undefined {
  const definition = Array.isArray(check?.definition) ? (check.definition as Node[]) : [];
  const call = definition.length === 1 ? definition[0] : undefined;
  const name = nodeOf(call?.name)?.name;
  const functionName = Array.isArray(name) ? textOf(nodeOf(name[0])?.value) : undefined;
  const args = nodeOf(call?.args)?.value;
  if (call?.type !== 'function' || functionName?.toLowerCase() !== 'json_valid' || !Array.isArray(args) || args.length !== 1) return undefined;
  return nodeOf(args[0])?.type === 'column_ref' ? columnName(args[0]) : undefined;
}

/** Folds one column definition, in a table whose default character set is `tableCharset`. */
export function foldColumn(definition: Node, tableCharset: string): FoldedColumn | undefined {
  const name = columnName(definition.column);
  if (name === undefined) return undefined;
  const written = columnType(definition, tableCharset);
  const checkedJson = TEXT_TYPES.has(written.name) && jsonCheckedColumn(nodeOf(definition.check))?.toLowerCase() === name.toLowerCase();
  const type = checkedJson ? mysqlType('json') : written;
  const primaryKey = definition.primary_key !== undefined && definition.primary_key !== null;
  const notNull = nodeOf(definition.nullable)?.type === 'not null';
  const column: ColumnSnapshot = { name, type: spellingWithMembers(type), nullable: !notNull && !primaryKey };
  const fallback = defaultOf(definition, type);
  if (fallback !== undefined) column.default = fallback;
  return { column, primaryKey, unique: definition.unique !== undefined && definition.unique !== null };
}

import { isLexError, isSymbol, isWord, tokenize, type Token } from './tokens.js';

/** A MySQL column type as MySQL itself reads its spelling. */
export interface MysqlType {
  /** The canonical name: `int`, `decimal`, `varchar`, `enum`, ...; for a spelling MySQL does not know, the spelling. */
  name: string;
  /** Lengths, precision and scale, or fractional seconds, as MySQL stores them (`decimal` always has both). */
  args: number[];
  /** The members of an ENUM or SET. */
  values: string[];
  unsigned: boolean;
  /** The character set of a text type, where it is not the default (utf8mb4). */
  charset?: string;
  /** The canonical spelling: equal for every spelling of one type. */
  spelling: string;
}

/** The character set a column gets when nothing names another: the sandbox creates its databases with it. */
export const DEFAULT_CHARSET = 'utf8mb4';

export const INTEGER_TYPES = ['tinyint', 'smallint', 'mediumint', 'int', 'bigint'] as const;
export const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext']);
export const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);
/** Types whose single argument is a fractional-seconds precision, 0 when none is given. */
const FRACTIONAL_SECONDS_TYPES = new Set(['time', 'datetime', 'timestamp']);

/** Other names MySQL accepts for its types, and what they are. */
const ALIASES: Record<string, string> = {
  integer: 'int',
  int1: 'tinyint',
  int2: 'smallint',
  int3: 'mediumint',
  middleint: 'mediumint',
  int4: 'int',
  int8: 'bigint',
  numeric: 'decimal',
  dec: 'decimal',
  fixed: 'decimal',
  real: 'double',
  float8: 'double',
  float4: 'float',
  'double precision': 'double',
  character: 'char',
  'character varying': 'varchar',
  'char varying': 'varchar',
  varcharacter: 'varchar',
  'long varchar': 'mediumtext',
  'long varbinary': 'mediumblob',
  long: 'mediumtext',
  'long char varying': 'mediumtext',
  nchar: 'char',
  'national char': 'char',
  'national character': 'char',
  nvarchar: 'varchar',
  'national varchar': 'varchar',
  'nchar varchar': 'varchar',
  'national char varying': 'varchar',
  'national character varying': 'varchar',
  'nchar varying': 'varchar',
  geomcollection: 'geometrycollection',
};
/** Spellings that name the national character set, utf8mb3. */
const NATIONAL = /^(?:nchar|nvarchar|national)/;

/** The longest value, in bytes, of the text and binary types without a length. */
export const TEXT_BYTES: Record<string, number> = {
  tinytext: 255,
  text: 65535,
  mediumtext: 16777215,
  longtext: 4294967295,
  tinyblob: 255,
  blob: 65535,
  mediumblob: 16777215,
  longblob: 4294967295,
};

/** The longest character of each character set, in bytes. */
export const CHARSET_BYTES: Record<string, number> = {
  ascii: 1,
  latin1: 1,
  latin2: 1,
  binary: 1,
  utf8mb3: 3,
  utf8mb4: 4,
  ucs2: 2,
  utf16: 4,
  utf16le: 4,
  utf32: 4,
  big5: 2,
  gbk: 2,
  gb2312: 2,
  gb18030: 4,
  sjis: 2,
  cp932: 2,
  ujis: 3,
  eucjpms: 3,
  euckr: 2,
};

/** `utf8` is utf8mb3 in MySQL 8 and MariaDB; a collation names its character set before its first `_`. */
export function canonicalCharset(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'utf8' ? 'utf8mb3' : lower;
}

export function charsetOfCollation(collation: string): string {
  const lower = collation.toLowerCase();
  return canonicalCharset(lower === 'binary' ? 'binary' : (lower.split('_')[0] ?? lower));
}

/** The text or blob type MySQL picks for `TEXT(n)` / `BLOB(n)`: the smallest that holds n characters. */
function sizedText(name: 'text' | 'blob', length: number, charset: string): string {
  const bytes = length * (name === 'text' ? (CHARSET_BYTES[charset] ?? 1) : 1);
  const sizes = name === 'text' ? ['tinytext', 'text', 'mediumtext', 'longtext'] : ['tinyblob', 'blob', 'mediumblob', 'longblob'];
  return sizes.find((size) => bytes <= TEXT_BYTES[size]!) ?? sizes[sizes.length - 1]!;
}

/** The text type that stores binary strings when its character set is `binary`. */
const BINARY_OF_TEXT: Record<string, string> = {
  char: 'binary',
  varchar: 'varbinary',
  tinytext: 'tinyblob',
  text: 'blob',
  mediumtext: 'mediumblob',
  longtext: 'longblob',
};

interface Written {
  words: string[];
  args: (number | string)[];
  attributes: Token[];
}

/** Names of more than one word, such as `double precision` and `national character varying`. */
const MULTI_WORD_NAMES = Object.keys(ALIASES).filter((name) => name.includes(' '));

/** Splits a spelling into its name's words, its parenthesised arguments and the attributes after them. */
function written(tokens: Token[]): Written | undefined {
  if (tokens[0]?.kind !== 'word') return undefined;
  const words = [tokens[0].value.toLowerCase()];
  let index = 1;
  for (;;) {
    const next = tokens[index];
    const longer = next?.kind === 'word' ? `${words.join(' ')} ${next.value.toLowerCase()}` : undefined;
    if (!longer || !MULTI_WORD_NAMES.some((name) => name === longer || name.startsWith(`${longer} `))) break;
    words.push(next!.value.toLowerCase());
    index += 1;
  }
  const args: (number | string)[] = [];
  if (isSymbol(tokens[index], '(')) {
    index += 1;
    for (;;) {
      const token = tokens[index];
      if (token?.kind === 'number') args.push(Number(token.value));
      else if (token?.kind === 'string') args.push(token.value);
      else return undefined;
      index += 1;
      if (isSymbol(tokens[index], ',')) index += 1;
      else if (isSymbol(tokens[index], ')')) break;
      else return undefined;
    }
    index += 1;
  }
  return { words, args, attributes: tokens.slice(index) };
}

interface Attributes {
  unsigned: boolean;
  charset?: string;
}

function readAttributes(tokens: Token[]): Attributes | undefined {
  const attributes: Attributes = { unsigned: false };
  let collationCharset: string | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const nameAfter = (offset: number): string | undefined => {
      const name = tokens[index + offset];
      return name && (name.kind === 'word' || name.kind === 'quoted' || name.kind === 'string') ? name.text.replace(/^[`'"]|[`'"]$/g, '') : undefined;
    };
    if (isWord(token, 'UNSIGNED', 'ZEROFILL')) attributes.unsigned = true;
    else if (isWord(token, 'ASCII')) attributes.charset = 'latin1';
    else if (isWord(token, 'UNICODE')) attributes.charset = 'ucs2';
    else if (isWord(token, 'CHARACTER', 'CHARSET')) {
      const offset = isWord(token, 'CHARACTER') ? 2 : 1;
      if (offset === 2 && !isWord(tokens[index + 1], 'SET')) return undefined;
      const name = nameAfter(offset);
      if (!name) return undefined;
      attributes.charset = canonicalCharset(name);
      index += offset;
    } else if (isWord(token, 'COLLATE')) {
      const name = nameAfter(1);
      if (!name) return undefined;
      collationCharset = charsetOfCollation(name);
      index += 1;
    } else if (!isWord(token, 'SIGNED', 'BINARY', 'BYTE')) {
      return undefined;
    }
  }
  if (!attributes.charset && collationCharset) attributes.charset = collationCharset;
  return attributes;
}

function opaque(spelling: string): MysqlType {
  const name = spelling.trim().replace(/\s+/g, ' ').toLowerCase();
  return { name, args: [], values: [], unsigned: false, spelling: name };
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function canonical(words: string[], args: (number | string)[], attributes: Attributes): MysqlType | undefined {
  const written = words.join(' ');
  let name = ALIASES[written] ?? written;
  const numbers = args.filter((arg): arg is number => typeof arg === 'number');
  const values = args.filter((arg): arg is string => typeof arg === 'string');
  if (values.length > 0 && name !== 'enum' && name !== 'set') return undefined;
  let charset = NATIONAL.test(written) ? 'utf8mb3' : attributes.charset;
  let unsigned = attributes.unsigned;
  let typeArgs: number[] = [];
  if (name === 'bool' || name === 'boolean') return { name: 'tinyint', args: [1], values: [], unsigned: false, spelling: 'tinyint(1)' };
  if (name === 'serial') return { name: 'bigint', args: [], values: [], unsigned: true, spelling: 'bigint unsigned' };
  if (name === 'text' || name === 'blob') {
    if (numbers[0] !== undefined) name = sizedText(name, numbers[0], charset ?? DEFAULT_CHARSET);
  } else if ((INTEGER_TYPES as readonly string[]).includes(name)) {
    // Display widths change nothing a reader gets, except TINYINT(1): drivers and ORMs read it as a boolean.
    typeArgs = name === 'tinyint' && numbers[0] === 1 ? [1] : [];
  } else if (name === 'decimal') {
    typeArgs = [numbers[0] ?? 10, numbers[1] ?? 0];
  } else if (name === 'float' && numbers.length === 1) {
    name = numbers[0]! > 24 ? 'double' : 'float';
  } else if (name === 'float' || name === 'double') {
    typeArgs = numbers.slice(0, 2);
  } else if (name === 'char' || name === 'binary' || name === 'bit') {
    typeArgs = [numbers[0] ?? 1];
  } else if (FRACTIONAL_SECONDS_TYPES.has(name)) {
    typeArgs = numbers[0] ? [numbers[0]] : [];
  } else if (name === 'year') {
    typeArgs = [];
  } else {
    typeArgs = numbers;
  }
  if (charset === 'binary' && BINARY_OF_TEXT[name]) {
    name = BINARY_OF_TEXT[name]!;
    charset = undefined;
  }
  const isText = TEXT_TYPES.has(name);
  if (!isText || charset === DEFAULT_CHARSET) charset = undefined;
  const signedness = ['decimal', 'float', 'double', ...INTEGER_TYPES].includes(name);
  if (!signedness) unsigned = false;
  const argsPart = name === 'enum' || name === 'set' ? `(${values.map(quote).join(',')})` : typeArgs.length > 0 ? `(${typeArgs.join(',')})` : '';
  const spelling = `${name === 'enum' ? 'enum' : `${name}${argsPart}`}${unsigned ? ' unsigned' : ''}${charset ? ` character set ${charset}` : ''}`;
  return { name, args: typeArgs, values, unsigned, ...(charset ? { charset } : {}), spelling };
}

/** The spelling a column's snapshot keeps: the canonical one, with an ENUM's members (its allowed values). */
export function spellingWithMembers(type: MysqlType): string {
  return type.name === 'enum' ? `enum(${type.values.map(quote).join(',')})` : type.spelling;
}

const parsed = new Map<string, MysqlType>();
const MAX_CACHED = 10_000;

/**
 * Reads a type as MySQL does: `INT(11)` is `int`, `INTEGER UNSIGNED ZEROFILL` is `int unsigned`, `BOOL` is
 * `tinyint(1)`, `NUMERIC` is `decimal(10,0)`, `FLOAT(30)` is `double`, `NVARCHAR(10)` is `varchar(10) character set
 * utf8mb3`, `VARCHAR(10) CHARACTER SET binary` is `varbinary(10)`. An ENUM is spelt `enum` (its members are its
 * allowed values); a SET keeps its members. A spelling MySQL would not read is kept, lower-cased, as an opaque name.
 */
export function mysqlType(spelling: string): MysqlType {
  const cached = parsed.get(spelling);
  if (cached) return cached;
  const tokens = tokenize(spelling);
  const parts = isLexError(tokens) ? undefined : written(tokens);
  const attributes = parts ? readAttributes(parts.attributes) : undefined;
  const type = (parts && attributes && canonical(parts.words, parts.args, attributes)) || opaque(spelling);
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(spelling, type);
  return type;
}

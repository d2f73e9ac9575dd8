/**
 * MySQL's lexical structure, as the server reads a statement: `--` comments need a space after them, `#` comments run
 * to the end of the line, `'...'` and `"..."` are strings with backslash escapes and doubled quotes, backticks quote
 * identifiers, and an executable comment (`/*!50001 ...` or MariaDB's `/*M!100100 ...`) is code, not a comment.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'variable' | 'symbol';

export interface Token {
  kind: TokenKind;
  /** Offsets of the token in the text it was read from. */
  start: number;
  end: number;
  /** As written. */
  text: string;
  /** A word upper-cased; an identifier or string without its quotes and escapes; anything else as written. */
  value: string;
}

export interface LexError {
  offset: number;
  message: string;
}

/** An executable comment's opening marker and closing `*\/`, which a parser that does not run them must not see. */
export interface CommentMarker {
  start: number;
  end: number;
  /** The opening marker (`/*!50001`), not the closing `*\/`. */
  opens: boolean;
}

/**
 * Conditional comments for this version or later are read as comments: mysqldump's `/*M!999999\- enable the sandbox
 * mode *\/` is meant for the client, and no server runs it.
 */
const NEVER_RUN_VERSION = 999999;

const WORD_CHARACTER = /[\p{L}\p{N}_$\u0080-\uffff]/u;
const DIGITS = /^[0-9]+$/;
const MULTI_CHARACTER_SYMBOLS = [':=', '<=>', '->>', '->', '<=', '>=', '<>', '!=', '||', '&&', '<<', '>>'];

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && WORD_CHARACTER.test(character);
}

/** Reads tokens one at a time, so a caller can look for a custom delimiter between them. */
export class Lexer {
  private position: number;
  private inExecutableComment = false;
  /** The executable comment markers met so far. */
  readonly markers: CommentMarker[] = [];

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.position = start;
  }

  get offset(): number {
    return this.position;
  }

  /** Whether the executable comment the lexer is in (if any) is still open. */
  get insideExecutableComment(): boolean {
    return this.inExecutableComment;
  }

  startsWith(value: string): boolean {
    return this.text.startsWith(value, this.position);
  }

  /** Case-insensitively, for `DELIMITER`, which the client reads in any case. */
  startsWithWord(word: string): boolean {
    const slice = this.text.slice(this.position, this.position + word.length);
    return slice.toUpperCase() === word && !isWordCharacter(this.text[this.position + word.length]);
  }

  skip(length: number): void {
    this.position += length;
  }

  /** Goes back to an offset already read (to cut a token at a delimiter the client finds inside it). */
  rewind(offset: number): void {
    this.position = offset;
  }

  /** The rest of the current line, consumed (the client reads `DELIMITER x` to the end of its line). */
  restOfLine(): string {
    const end = this.text.indexOf('\n', this.position);
    const line = this.text.slice(this.position, end < 0 ? this.text.length : end);
    this.position = end < 0 ? this.text.length : end + 1;
    return line;
  }

  /** Skips blanks and comments; an unterminated comment is an error. */
  skipTrivia(): LexError | undefined {
    const { text } = this;
    for (;;) {
      const character = text[this.position];
      if (character === undefined) return undefined;
      if (/\s/.test(character)) {
        this.position += 1;
      } else if (this.inExecutableComment && text.startsWith('*/', this.position)) {
        this.markers.push({ start: this.position, end: this.position + 2, opens: false });
        this.position += 2;
        this.inExecutableComment = false;
      } else if (character === '#' || (text.startsWith('--', this.position) && /^[\s]?$/.test(text[this.position + 2] ?? ''))) {
        const end = text.indexOf('\n', this.position);
        this.position = end < 0 ? text.length : end + 1;
      } else if (text.startsWith('/*', this.position)) {
        const error = this.comment();
        if (error) return error;
      } else {
        return undefined;
      }
    }
  }

  private comment(): LexError | undefined {
    const { text } = this;
    const start = this.position;
    const executable = /^\/\*M?!(\d*)/.exec(text.slice(start, start + 12));
    if (executable && !this.inExecutableComment && Number(executable[1] || 0) < NEVER_RUN_VERSION) {
      this.position += executable[0].length;
      this.markers.push({ start, end: this.position, opens: true });
      this.inExecutableComment = true;
      return undefined;
    }
    const end = text.indexOf('*/', start + 2);
    if (end < 0) return { offset: start, message: 'this comment is never closed (*/ is missing)' };
    this.position = end + 2;
    return undefined;
  }

  /** The next token (call skipTrivia first), or an error for a string or identifier that is never closed. */
  next(): Token | LexError {
    const { text } = this;
    const start = this.position;
    const character = text[start]!;
    if (character === "'" || character === '"') return this.quoted(start, character, 'string');
    if (character === '`') return this.quoted(start, '`', 'quoted');
    if (character === '@') return this.variable(start);
    if (/[0-9]/.test(character) || (character === '.' && /[0-9]/.test(text[start + 1] ?? '') && !isWordCharacter(text[start - 1]))) {
      return this.numberOrWord(start);
    }
    if (isWordCharacter(character)) return this.word(start);
    const symbol = MULTI_CHARACTER_SYMBOLS.find((candidate) => text.startsWith(candidate, start)) ?? character;
    this.position += symbol.length;
    return { kind: 'symbol', start, end: this.position, text: symbol, value: symbol };
  }

  private quoted(start: number, quote: string, kind: 'string' | 'quoted'): Token | LexError {
    const { text } = this;
    let value = '';
    let index = start + 1;
    for (;;) {
      const character = text[index];
      if (character === undefined) {
        const what = kind === 'string' ? 'string' : 'quoted identifier';
        return { offset: start, message: `this ${what} is never closed (${quote} is missing)` };
      }
      if (character === quote) {
        if (text[index + 1] === quote) {
          value += quote;
          index += 2;
          continue;
        }
        this.position = index + 1;
        return { kind, start, end: this.position, text: text.slice(start, this.position), value };
      }
      if (character === '\\' && kind === 'string' && index + 1 < text.length) {
        value += unescape(text[index + 1]!);
        index += 2;
        continue;
      }
      value += character;
      index += 1;
    }
  }

  private variable(start: number): Token {
    const { text } = this;
    let index = start + 1;
    if (text[index] === '@') index += 1;
    const quote = text[index];
    if (quote === "'" || quote === '"' || quote === '`') {
      const close = text.indexOf(quote, index + 1);
      index = close < 0 ? text.length : close + 1;
    } else {
      while (isWordCharacter(text[index]) || (text[index] === '.' && isWordCharacter(text[index + 1]))) index += 1;
    }
    this.position = index;
    const written = text.slice(start, index);
    return { kind: 'variable', start, end: index, text: written, value: written.toLowerCase() };
  }

  /** A number, or a word that starts with digits (MySQL allows `1st_column` as an identifier). */
  private numberOrWord(start: number): Token {
    const { text } = this;
    const number = /^(?:0x[0-9a-f]+|0b[01]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)/i.exec(text.slice(start, start + 400))?.[0] ?? '';
    if (!isWordCharacter(text[start + number.length]) || number.includes('.')) {
      this.position = start + number.length;
      return { kind: 'number', start, end: this.position, text: number, value: number };
    }
    return this.word(start);
  }

  private word(start: number): Token {
    const { text } = this;
    let index = start;
    while (isWordCharacter(text[index])) index += 1;
    this.position = index;
    const written = text.slice(start, index);
    return DIGITS.test(written)
      ? { kind: 'number', start, end: index, text: written, value: written }
      : { kind: 'word', start, end: index, text: written, value: written.toUpperCase() };
  }
}

function unescape(character: string): string {
  switch (character) {
    case '0':
      return '\u0000';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
      return '\b';
    case 'Z':
      return '\u001a';
    // `\%` and `\_` keep their backslash: they are LIKE escapes.
    case '%':
    case '_':
      return `\\${character}`;
    default:
      return character;
  }
}

export function isLexError(value: Token | Token[] | LexError | undefined): value is LexError {
  return value !== undefined && !Array.isArray(value) && 'message' in value;
}

/** Every token of a piece of SQL (a type spelling, a default expression), or the first lexical error. */
export function tokenize(text: string): Token[] | LexError {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const trivia = lexer.skipTrivia();
    if (trivia) return trivia;
    if (lexer.offset >= text.length) return tokens;
    const token = lexer.next();
    if (isLexError(token)) return token;
    tokens.push(token);
  }
}

/** Whether a token is the word (upper case) given. */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.value);
}

export function isSymbol(token: Token | undefined, symbol: string): boolean {
  return token?.kind === 'symbol' && token.value === symbol;
}

/** A token that names something: a bare word or a backquoted identifier. */
export function isName(token: Token | undefined): token is Token {
  return token?.kind === 'word' || token?.kind === 'quoted';
}

/** The name a naming token gives, as MySQL stores it: a bare word as written, not upper-cased. */
export function nameOf(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.text;
}

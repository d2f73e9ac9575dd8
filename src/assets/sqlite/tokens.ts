/**
 * SQLite's tokens as its tokenizer (tokenize.c) tells them apart, as far as splitting statements and reading a few
 * fixed forms needs: blanks, comments, string literals, quoted identifiers, words (keywords and identifiers),
 * numbers, and single punctuation characters. A string, quoted identifier or block comment left open runs to the end
 * of the text and is marked `open`: SQLite itself then reports the statement incomplete.
 */
export type TokenKind = 'blank' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'punctuation';

export interface Token {
  kind: TokenKind;
  /** Offsets into the text, in UTF-16 code units. */
  start: number;
  end: number;
  open?: true;
}

/** SQLite's tokenizer reads a byte order mark as a blank, wherever it is. */
const BLANK = /[ \t\n\f\r\uFEFF]/;
/** Characters of an identifier: ASCII letters and digits, `_`, `$`, and every character past ASCII but the byte order mark. */
const ID_CHAR = /[A-Za-z0-9_$\u0080-\uFEFE\uFF00-\uFFFF]/;
const NUMBER = /^(?:0[xX][0-9A-Fa-f]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?)/;
const CLOSING_QUOTES: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

export function isIdentifierCharacter(character: string): boolean {
  return ID_CHAR.test(character);
}

/** The tokens of `text`, in order, covering every character. */
export function* tokenize(text: string): Generator<Token> {
  let index = 0;
  while (index < text.length) {
    const start = index;
    const character = text[index]!;
    if (BLANK.test(character)) {
      while (index < text.length && BLANK.test(text[index]!)) index += 1;
      yield { kind: 'blank', start, end: index };
    } else if (character === '-' && text[index + 1] === '-') {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
      yield { kind: 'comment', start, end: index };
    } else if (character === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? text.length : close + 2;
      yield close < 0 ? { kind: 'comment', start, end: index, open: true } : { kind: 'comment', start, end: index };
    } else if (character in CLOSING_QUOTES) {
      const token = quoted(text, start, CLOSING_QUOTES[character]!);
      index = token.end;
      yield token;
    } else if (/[0-9]/.test(character) || (character === '.' && /[0-9]/.test(text[index + 1] ?? ''))) {
      const match = NUMBER.exec(text.slice(index, index + 400))![0];
      index += match.length;
      // SQLite reads `12abc` as one malformed token: the letters stay with the number.
      while (index < text.length && ID_CHAR.test(text[index]!)) index += 1;
      yield { kind: 'number', start, end: index };
    } else if (ID_CHAR.test(character)) {
      while (index < text.length && ID_CHAR.test(text[index]!)) index += 1;
      yield { kind: 'word', start, end: index };
    } else {
      index += 1;
      yield { kind: 'punctuation', start, end: index };
    }
  }
}

/** A quoted token: a doubled closing quote stands for itself, except inside `[...]`. */
function quoted(text: string, start: number, closing: string): Token {
  const kind: TokenKind = text[start] === "'" ? 'string' : 'quoted';
  let index = start + 1;
  for (;;) {
    const close = text.indexOf(closing, index);
    if (close < 0) return { kind, start, end: text.length, open: true };
    if (closing !== ']' && text[close + 1] === closing) {
      index = close + 2;
      continue;
    }
    return { kind, start, end: close + 1 };
  }
}

/** The name or value a string literal or quoted identifier stands for. */
export function unquote(text: string): string {
  const opening = text[0]!;
  const closing = CLOSING_QUOTES[opening];
  if (!closing) return text;
  const inner = text.slice(1, text.endsWith(closing) && text.length > 1 ? -1 : undefined);
  return closing === ']' ? inner : inner.replaceAll(closing + closing, closing);
}

/** The tokens that carry meaning: no blanks, no comments. */
export function meaningful(text: string): (Token & { text: string })[] {
  const tokens: (Token & { text: string })[] = [];
  for (const token of tokenize(text)) {
    if (token.kind !== 'blank' && token.kind !== 'comment') tokens.push({ ...token, text: text.slice(token.start, token.end) });
  }
  return tokens;
}

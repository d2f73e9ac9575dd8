import { isLexError, isSymbol, isWord, Lexer, type CommentMarker, type Token } from './tokens.js';

/** One statement of a migration file, split as the `mysql` client (and Flyway) split them. */
export interface SplitStatement {
  /** What the server is sent: the statement as written, executable comments included, without its delimiter. */
  sql: string;
  /** Where `sql` starts in the file (1-based). */
  line: number;
  column: number;
  /** The statement's tokens, with offsets into `sql`. */
  tokens: Token[];
  /** Executable comment markers, with offsets into `sql`. */
  markers: CommentMarker[];
}

export type SplitResult = { ok: true; statements: SplitStatement[] } | { ok: false; line: number; column: number; message: string };

/** Words after which a stored program's body starts a new statement, where `IF`, `LOOP`, `REPEAT` and `WHILE` open blocks. */
const BODY_STATEMENT_STARTS = new Set(['BEGIN', 'THEN', 'ELSE', 'DO', 'LOOP', 'REPEAT', 'ROW']);
const BLOCK_STATEMENTS = new Set(['IF', 'LOOP', 'REPEAT', 'WHILE']);
const STORED_PROGRAMS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);

/** 1-based line and column of each offset of a text. */
export function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/**
 * Splits a migration into statements: at the delimiter (`;`, or what a `DELIMITER` line sets, as the `mysql` client
 * and Flyway read it), never inside strings, quoted names or comments, and, with the `;` delimiter, never inside the
 * body of a stored program (`BEGIN ... END`, `IF ... END IF`, ...), which the server reads as one statement. A
 * statement with no code (only comments, or a conditional comment no server runs) is left out.
 */
export function splitStatements(text: string): SplitResult {
  const at = positions(text);
  const lexer = new Lexer(text);
  const statements: SplitStatement[] = [];
  let delimiter = ';';
  let pending: Token[] = [];
  let start = 0;
  const block = new BlockDepth();

  /** Markers before this index belong to statements already finished. */
  let markersTaken = 0;
  const finish = (end: number): void => {
    if (pending.length > 0) {
      const sql = text.slice(start, end).trimEnd();
      const markers: CommentMarker[] = [];
      for (; markersTaken < lexer.markers.length && lexer.markers[markersTaken]!.start < start + sql.length; markersTaken += 1) {
        const marker = lexer.markers[markersTaken]!;
        if (marker.start >= start) markers.push({ ...marker, start: marker.start - start, end: marker.end - start });
      }
      const tokens = pending.map((token) => ({ ...token, start: token.start - start, end: token.end - start }));
      statements.push({ sql, ...at(start), tokens, markers });
    }
    pending = [];
    block.reset();
  };

  for (;;) {
    const trivia = lexer.skipTrivia();
    if (trivia) return { ok: false, ...at(trivia.offset), message: trivia.message };
    if (lexer.offset >= text.length) break;
    if (pending.length === 0 && lexer.startsWithWord('DELIMITER')) {
      const offset = lexer.offset;
      lexer.skip('DELIMITER'.length);
      const chosen = lexer.restOfLine().trim().split(/\s+/)[0] ?? '';
      if (chosen === '') return { ok: false, ...at(offset), message: 'DELIMITER is not followed by a delimiter' };
      delimiter = chosen;
      continue;
    }
    if (delimiter !== ';' && lexer.startsWith(delimiter)) {
      finish(lexer.offset);
      lexer.skip(delimiter.length);
      continue;
    }
    const read = lexer.next();
    if (isLexError(read)) return { ok: false, ...at(read.offset), message: read.message };
    const token = delimiter === ';' ? read : beforeDelimiter(read, delimiter, lexer);
    if (delimiter === ';' && isSymbol(token, ';') && block.depth === 0) {
      finish(token.start);
      continue;
    }
    if (pending.length === 0) {
      const opener = lexer.insideExecutableComment ? lexer.markers.findLast((marker) => marker.opens) : undefined;
      start = opener?.start ?? token.start;
    }
    pending.push(token);
    block.read(pending);
  }
  finish(text.length);
  return { ok: true, statements };
}

/**
 * The client looks for a custom delimiter anywhere outside quotes and comments, even inside a word (`END$$`): a token
 * that contains it is cut there, and the lexer goes back to the delimiter.
 */
function beforeDelimiter(token: Token, delimiter: string, lexer: Lexer): Token {
  if (token.kind === 'string' || token.kind === 'quoted') return token;
  const cut = token.text.indexOf(delimiter);
  if (cut <= 0) return token;
  lexer.rewind(token.start + cut);
  const text = token.text.slice(0, cut);
  return { ...token, end: token.start + cut, text, value: token.kind === 'word' ? text.toUpperCase() : text };
}

/** How deep inside a stored program's blocks the statement read so far is. */
class BlockDepth {
  depth = 0;
  private storedProgram: boolean | undefined;
  private closing = false;

  reset(): void {
    this.depth = 0;
    this.storedProgram = undefined;
    this.closing = false;
  }

  read(tokens: Token[]): void {
    if (this.storedProgram === undefined) {
      this.storedProgram = startsStoredProgram(tokens);
      // MariaDB's anonymous block is known to be one at its second word, after its BEGIN was read.
      if (this.storedProgram && isWord(tokens[0], 'BEGIN')) this.depth = 1;
    }
    if (!this.storedProgram) return;
    const token = tokens[tokens.length - 1]!;
    const previous = tokens[tokens.length - 2];
    if (this.closing) {
      // `END IF`, `END LOOP`, ...: the word after END names the block it closes.
      this.closing = false;
      if (isWord(token, 'IF', 'CASE', 'LOOP', 'REPEAT', 'WHILE')) return;
    }
    if (isWord(token, 'BEGIN', 'CASE')) {
      this.depth += 1;
    } else if (isWord(token, 'END')) {
      this.depth = Math.max(0, this.depth - 1);
      this.closing = true;
    } else if (token.kind === 'word' && BLOCK_STATEMENTS.has(token.value) && startsBodyStatement(previous)) {
      this.depth += 1;
    }
  }
}

/** Whether the token after `previous` starts a statement, at the top or inside a stored program's body. */
export function startsBodyStatement(previous: Token | undefined): boolean {
  return previous === undefined || isSymbol(previous, ';') || isSymbol(previous, ':') || (previous.kind === 'word' && BODY_STATEMENT_STARTS.has(previous.value));
}

/**
 * `CREATE [OR REPLACE] [DEFINER = user] [AGGREGATE] PROCEDURE|FUNCTION|TRIGGER|EVENT`, or MariaDB's `BEGIN NOT ATOMIC`;
 * undefined until enough of the statement is read to tell.
 */
function startsStoredProgram(tokens: Token[]): boolean | undefined {
  const [first, second] = tokens;
  if (isWord(first, 'BEGIN')) return second === undefined ? undefined : isWord(second, 'NOT');
  if (!isWord(first, 'CREATE')) return false;
  let index = 1;
  if (isWord(tokens[index], 'OR')) index += 2;
  if (isWord(tokens[index], 'DEFINER')) {
    index += 2;
    const user = tokens[index];
    if (isWord(user, 'CURRENT_USER')) index += isSymbol(tokens[index + 1], '(') ? 3 : 1;
    else index += tokens[index + 1]?.kind === 'variable' ? 2 : 1;
  }
  if (isWord(tokens[index], 'AGGREGATE')) index += 1;
  const kind = tokens[index];
  if (kind === undefined) return undefined;
  return kind.kind === 'word' && STORED_PROGRAMS.has(kind.value);
}

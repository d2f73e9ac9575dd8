import { classify } from './statement-kinds.js';
import { type Token, tokenize } from './tokens.js';

/** One SQL statement of a migration file, with where it starts. */
export interface Statement {
  /** The statement as written, from its first token through its semicolon. */
  sql: string;
  line: number;
  /** 1-based column of the statement's first character on `line`. */
  column: number;
  /** Why the replay refuses to run it: it would reach past the in-memory database. */
  refused?: string;
}

/** The token classes of sqlite3_complete() (complete.c), and its transitions between states. */
const TOKEN = { semicolon: 0, blank: 1, other: 2, explain: 3, create: 4, temp: 5, trigger: 6, end: 7 } as const;
const TRANSITIONS: readonly (readonly number[])[] = [
  /* 0 INVALID */ [1, 0, 2, 3, 4, 2, 2, 2],
  /* 1 START   */ [1, 1, 2, 3, 4, 2, 2, 2],
  /* 2 NORMAL  */ [1, 2, 2, 2, 2, 2, 2, 2],
  /* 3 EXPLAIN */ [1, 3, 3, 2, 4, 2, 2, 2],
  /* 4 CREATE  */ [1, 4, 2, 2, 2, 4, 5, 2],
  /* 5 TRIGGER */ [6, 5, 5, 5, 5, 5, 5, 5],
  /* 6 SEMI    */ [6, 6, 5, 5, 5, 5, 5, 7],
  /* 7 END     */ [1, 7, 5, 5, 5, 5, 5, 5],
];
const START = 1;
const KEYWORDS: Record<string, number> = {
  create: TOKEN.create,
  temp: TOKEN.temp,
  temporary: TOKEN.temp,
  trigger: TOKEN.trigger,
  end: TOKEN.end,
  explain: TOKEN.explain,
};
/** Drizzle Kit's separator: Drizzle runs the text between two of them as one statement, semicolon or not. */
const BREAKPOINT = /^-->\s*statement-breakpoint\b/;

function tokenClass(token: Token, text: string): number {
  switch (token.kind) {
    case 'blank':
    case 'comment':
      return TOKEN.blank;
    case 'word':
      return KEYWORDS[text.slice(token.start, token.end).toLowerCase()] ?? TOKEN.other;
    case 'punctuation':
      return text[token.start] === ';' ? TOKEN.semicolon : TOKEN.other;
    default:
      return TOKEN.other;
  }
}

/**
 * Splits a migration where SQLite's shell does: sqlite3_complete()'s state machine, so a semicolon inside a string,
 * a comment or a `CREATE TRIGGER ... BEGIN ... END` body does not end the statement, and Drizzle Kit's
 * `--> statement-breakpoint` lines as well. Statements that only control transactions or tune the database file are
 * left out (see statement-kinds.ts); empty ones (blank, comments, lone semicolons) too.
 */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  const lines = lineStarts(text);
  let state = 0;
  let start: number | undefined;
  const finish = (end: number): void => {
    if (start !== undefined) {
      const sql = text.slice(start, end);
      const kind = classify(sql);
      if (kind.kind !== 'skipped') {
        statements.push({ sql, ...positionOf(lines, start), ...(kind.kind === 'refused' ? { refused: kind.reason } : {}) });
      }
    }
    start = undefined;
    state = 0;
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'comment' && BREAKPOINT.test(text.slice(token.start, token.end))) {
      finish(token.start);
      continue;
    }
    const tokenKind = tokenClass(token, text);
    if (start === undefined && tokenKind !== TOKEN.blank && tokenKind !== TOKEN.semicolon) start = token.start;
    state = TRANSITIONS[state]![tokenKind]!;
    if (tokenKind === TOKEN.semicolon && state === START) finish(token.end);
  }
  finish(text.length);
  return statements;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function positionOf(lineStartOffsets: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStartOffsets.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStartOffsets[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStartOffsets[low]! + 1 };
}

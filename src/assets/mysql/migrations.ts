import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { ExtractionError } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import { refusalOf } from './refusals.js';
import { factsOf, type StatementFacts } from './statement-facts.js';
import { positions, splitStatements, type SplitStatement } from './statements.js';
import type { CommentMarker } from './tokens.js';

export { migrationPaths } from '../postgres/migrations.js';

/** One statement of a migration, as both ways of reading it need it. */
export interface Statement {
  sql: string;
  line: number;
  column: number;
  markers: CommentMarker[];
  facts: StatementFacts;
  /** Set when the statement reaches outside the migrated database: it is not run, and fails where it stands. */
  refusal?: { line: number; column: number; message: string };
}

/** One migration file read and split; a file that cannot be read carries where and why. */
export interface MigrationFile {
  path: string;
  /** Identifies what the file does (its path and content). */
  digest: string;
  statements: Statement[];
  error?: { line: number; column: number; message: string };
}

export type LoadedMigrations = { ok: true; files: MigrationFile[] } | { ok: false; error: ExtractionError };

/** `-- +goose Up` / `-- +goose Down` (goose) and `-- migrate:up` / `-- migrate:down` (dbmate). */
const SECTION_MARKERS = [
  { up: /^\s*--\s*\+goose\s+up\b/i, down: /^\s*--\s*\+goose\s+down\b/i },
  { up: /^\s*--\s*migrate:up\b/i, down: /^\s*--\s*migrate:down\b/i },
];

type Prepared = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/**
 * What of a file is replayed, every line kept where it was so that positions still point into the file: a NUL byte
 * or bytes that were not UTF-8 (decoded as U+FFFD by the adapters) refuse the file at their line, and in a goose or
 * dbmate file only the up sections are kept.
 */
function prepare(text: string): Prepared {
  const at = positions(text);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { ok: false, ...at(nul), message: 'the file contains a NUL byte, which no migration tool sends as SQL: it is not replayed' };
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) return { ok: false, ...at(replaced), message: 'the file is not valid UTF-8 (or contains U+FFFD): it is not replayed' };
  const lines = text.split('\n');
  const markers = SECTION_MARKERS.find(({ up }) => lines.some((line) => up.test(line)));
  if (!markers) return { ok: true, text };
  let inUp = false;
  const kept = lines.map((line) => {
    if (markers.up.test(line)) inUp = true;
    else if (markers.down.test(line)) inUp = false;
    else if (inUp) return line;
    return '';
  });
  return { ok: true, text: kept.join('\n') };
}

function statementOf(split: SplitStatement): Statement {
  const { sql, line, column, tokens, markers } = split;
  const statement: Statement = { sql, line, column, markers, facts: factsOf(tokens) };
  const refusal = refusalOf(tokens);
  if (refusal) statement.refusal = { ...positionIn(statement, refusal.offset), message: refusal.message };
  return statement;
}

/** The file position of an offset into a statement's SQL. */
export function positionIn(statement: Pick<Statement, 'sql' | 'line' | 'column'>, offset: number): { line: number; column: number } {
  const before = statement.sql.slice(0, Math.max(0, offset)).split('\n');
  const last = before[before.length - 1] ?? '';
  return before.length === 1 ? { line: statement.line, column: statement.column + last.length } : { line: statement.line + before.length - 1, column: last.length + 1 };
}

/** The statement as a parser that does not run executable comments must read it: their markers blanked. */
export function parserText(statement: Statement): string {
  let text = statement.sql;
  for (const { start, end } of statement.markers) text = `${text.slice(0, start)}${' '.repeat(end - start)}${text.slice(end)}`;
  return text;
}

/** Migration files read and split, kept by path and content: a server sees the same files in review after review. */
export class MigrationFiles {
  private readonly byContent = new LRUCache<string, MigrationFile>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (file) => Math.max(1, file.statements.reduce((bytes, statement) => bytes + statement.sql.length, 0)),
  });

  async load(snapshot: RepoSnapshot, paths: string[], maxBytes: number): Promise<LoadedMigrations> {
    const read = await readSourceFiles(snapshot, paths, maxBytes, 'mysql.maxBytes');
    if (!read.ok) return read;
    return { ok: true, files: read.files.map(({ path, text }) => this.file(path, text)) };
  }

  file(path: string, text: string): MigrationFile {
    const digest = createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
    const known = this.byContent.get(digest);
    if (known) return known;
    const prepared = prepare(text);
    const split = prepared.ok ? splitStatements(prepared.text) : prepared;
    const file: MigrationFile = split.ok
      ? { path, digest, statements: split.statements.map(statementOf) }
      : { path, digest, statements: [], error: { line: split.line, column: split.column, message: split.message } };
    this.byContent.set(digest, file);
    return file;
  }
}

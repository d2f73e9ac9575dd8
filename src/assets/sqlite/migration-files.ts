import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { ExtractionError } from '../model.js';
import { migrationPaths, prepareMigration } from '../postgres/migrations.js';
import { readSourceFiles } from '../source-files.js';
import type { ReplayFile } from './replay-protocol.js';
import { splitStatements } from './statements.js';

export type LoadedMigrations = { ok: true; files: ReplayFile[] } | { ok: false; error: ExtractionError };

/** The size limit of one commit's migrations, and the setting that sets it. */
export interface ByteLimit {
  maxBytes: number;
  setting: string;
}

/**
 * The migration files of a commit, read, checked and split into statements. They are listed and ordered as the
 * Postgres reader lists its own (numbered files, Flyway, Prisma and Drizzle folders; `*.down.sql` and `down.sql` left
 * out; goose and dbmate files keep their up sections). A server reads the same files review after review: each is
 * split once per content.
 */
export class MigrationFiles {
  private readonly byContent = new LRUCache<string, ReplayFile>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (file) => Math.max(1, file.statements.reduce((bytes, statement) => bytes + statement.sql.length, 0)),
  });

  /** The migration paths of a commit, in replay order. */
  paths(snapshot: RepoSnapshot, matches: (path: string) => boolean): Promise<string[]> {
    return migrationPaths(snapshot, matches);
  }

  async load(snapshot: RepoSnapshot, paths: string[], limit: ByteLimit): Promise<LoadedMigrations> {
    const read = await readSourceFiles(snapshot, paths, limit.maxBytes, limit.setting);
    if (!read.ok) return read;
    return { ok: true, files: read.files.map(({ path, text }) => this.file(path, text)) };
  }

  private file(path: string, text: string): ReplayFile {
    const digest = createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
    const known = this.byContent.get(digest);
    if (known) return known;
    const file = prepared(path, digest, text);
    this.byContent.set(digest, file);
    return file;
  }
}

/**
 * A file with a NUL byte is refused at the byte's line: sql.js hands SQLite C strings, which end there, so the rest
 * would silently not run. Invalid UTF-8 and goose or dbmate sections are handled as for Postgres.
 */
function prepared(path: string, digest: string, text: string): ReplayFile {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul).split('\n');
    const error = { line: before.length, column: before[before.length - 1]!.length + 1, message: 'the file contains a NUL byte: SQLite would stop reading there, so it is not replayed' };
    return { path, digest, statements: [], error };
  }
  const migration = prepareMigration(text);
  if (!migration.ok) return { path, digest, statements: [], error: { line: migration.line, column: migration.column, message: migration.message } };
  return { path, digest, statements: splitStatements(migration.text) };
}

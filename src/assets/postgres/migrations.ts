import type { RepoSnapshot } from '../../core/snapshot.js';

const pathOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/**
 * `*.down.sql` (golang-migrate), `down.sql` (Prisma-style folders) and Flyway's `U<version>__*.sql` undo a migration;
 * replay skips them.
 */
function isMigration(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (!name.endsWith('.sql') || name.endsWith('.down.sql') || name === 'down.sql') return false;
  return !/^u\d+(?:[._]\d+)*__/.test(name);
}

/**
 * The migration files of one commit in replay order: path order with numbers compared as numbers, so Flyway's
 * `V2__x.sql` comes before `V10__y.sql`, and timestamped folders and zero-padded names sort as written.
 */
export async function migrationPaths(snapshot: RepoSnapshot, matches: (path: string) => boolean): Promise<string[]> {
  const paths = await snapshot.listFiles();
  return paths.filter((path) => matches(path) && isMigration(path)).sort(pathOrder.compare);
}

export type PreparedMigration = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** `-- +goose Up` / `-- +goose Down` (goose) and `-- migrate:up` / `-- migrate:down` (dbmate). */
const SECTION_MARKERS = [
  { up: /^\s*--\s*\+goose\s+up\b/i, down: /^\s*--\s*\+goose\s+down\b/i },
  { up: /^\s*--\s*migrate:up\b/i, down: /^\s*--\s*migrate:down\b/i },
];

/**
 * What of a migration file is replayed, with every line where it was, so statement lines and error positions still
 * point into the original file:
 * - a file with a NUL byte is refused at the byte's line (the parser would stop reading there and hide the rest);
 * - a file whose bytes were not UTF-8 is refused at the first undecodable sequence (the adapters decode files as
 *   UTF-8, turning such bytes into U+FFFD, which is how they show here);
 * - in a goose or dbmate file only the up sections are kept: every other line is emptied.
 */
export function prepareMigration(text: string): PreparedMigration {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { ok: false, ...lineAndColumn(text, nul), message: 'the file contains a NUL byte: Postgres would stop reading there, so it is not replayed' };
  }
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) {
    return { ok: false, ...lineAndColumn(text, replaced), message: 'the file is not valid UTF-8 (or contains U+FFFD): it is not replayed' };
  }
  const lines = text.split('\n');
  const markers = SECTION_MARKERS.find(({ up }) => lines.some((line) => up.test(line)));
  if (!markers) return { ok: true, text };
  let inUp = false;
  const kept = lines.map((line) => {
    if (markers.up.test(line)) {
      inUp = true;
      return '';
    }
    if (markers.down.test(line)) {
      inUp = false;
      return '';
    }
    return inUp ? line : '';
  });
  return { ok: true, text: kept.join('\n') };
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

import type { RepoSnapshot } from '../../review/ports.js';

const pathOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** `*.down.sql` (golang-migrate) and `down.sql` (Prisma-style folders) undo a migration; replay skips them. */
function isMigration(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name.endsWith('.sql') && !name.endsWith('.down.sql') && name !== 'down.sql';
}

/**
 * The migration files of one commit in replay order: path order with numbers compared as numbers, so Flyway's
 * `V2__x.sql` comes before `V10__y.sql`, and timestamped folders and zero-padded names sort as written.
 */
export async function migrationPaths(snapshot: RepoSnapshot, matches: (path: string) => boolean): Promise<string[]> {
  const paths = await snapshot.listFiles();
  return paths.filter((path) => matches(path) && isMigration(path)).sort(pathOrder.compare);
}

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sandboxDigest } from './sandbox.js';

/**
 * The pre-initialised Postgres data directory every embedded instance starts from, so no process pays PGlite's
 * `initdb` (several seconds) more than once per machine: it is built once, as a tarball, into the OS cache directory,
 * under a name keyed by the PGlite version and the sandbox's setup (sandbox.ts).
 */

const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  try {
    return (require('@electric-sql/pglite/package.json') as { version: string }).version;
  } catch {
    // The package's exports may hide package.json; its location still gives it away.
    const entry = require.resolve('@electric-sql/pglite');
    const root = entry.replace(/[\\/]dist[\\/][^\\/]*$/, '');
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  }
}

/** Where cached files live: `DCR_CACHE_DIR`, else the platform's cache directory. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DCR_CACHE_DIR) return env.DCR_CACHE_DIR;
  const home = homedir() || tmpdir();
  const base =
    process.platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : process.platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : (env.XDG_CACHE_HOME ?? join(home, '.cache'));
  return join(base, 'data-contract-review');
}

export function imagePath(directory = cacheDirectory()): string {
  return join(directory, `pglite-${pgliteVersion()}-${sandboxDigest()}.tar`);
}

export function readImage(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes the image atomically: a reader never sees half a tarball, and two writers race harmlessly. */
export function writeImage(path: string, bytes: Uint8Array): void {
  const directory = dirname(path);
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch {
    // A read-only or full disk only costs the next process an initdb.
    rmSync(partial, { force: true });
  }
}

export function discardImage(path: string): void {
  rmSync(path, { force: true });
}

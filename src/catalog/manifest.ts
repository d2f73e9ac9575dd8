/**
 * The list of files a catalogue was written with, kept in its directory: it marks the directory as one `dcr catalog`
 * may write again, and says which files of the previous catalogue a new one no longer has (a removed contract's page).
 */
export const MANIFEST = '.dcr-catalog.json';

const WRITTEN_BY = 'dcr catalog';

/** What the site names its files with: no absolute path, no `..`, nothing a manifest could point outside with. */
const SITE_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function manifestText(files: Iterable<string>): string {
  return `${JSON.stringify({ writtenBy: WRITTEN_BY, files: [...files].sort() }, null, 2)}\n`;
}

export type ManifestReading = { ok: true; files: string[] } | { ok: false; reason: string };

export function readManifest(text: string): ManifestReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not JSON' };
  }
  const manifest = value as { writtenBy?: unknown; files?: unknown };
  if (typeof value !== 'object' || value === null || manifest.writtenBy !== WRITTEN_BY || !Array.isArray(manifest.files)) {
    return { ok: false, reason: `is not a list of files written by ${WRITTEN_BY}` };
  }
  const unsafe = manifest.files.find((file) => typeof file !== 'string' || !SITE_PATH.test(file) || file === MANIFEST);
  if (unsafe !== undefined) return { ok: false, reason: `names ${JSON.stringify(unsafe)}, which is not a file of a catalogue` };
  return { ok: true, files: manifest.files as string[] };
}

/**
 * The files of the previous catalogue the new one does not write. A file whose name differs from a new one only in
 * case is kept: on a file system that ignores case (macOS, Windows) it is the new file.
 */
export function staleFiles(previous: readonly string[], current: Iterable<string>): string[] {
  const kept = new Set([...current].map((file) => file.toLowerCase()));
  return previous.filter((file) => !kept.has(file.toLowerCase()));
}

import type { RepoSnapshot } from '../core/snapshot.js';
import type { ExtractionError } from './model.js';

export type SourceFilesRead = { ok: true; files: { path: string; text: string }[] } | { ok: false; error: ExtractionError };

/**
 * Reads an asset's source files from one commit, refusing them past `maxBytes` in all. Where the adapter knows the
 * sizes before reading (GitHub's trees do), a change of huge files is refused before any is downloaded.
 */
export async function readSourceFiles(
  snapshot: RepoSnapshot,
  paths: readonly string[],
  maxBytes: number,
  limitSetting: string,
): Promise<SourceFilesRead> {
  const overLimit = (path: string): SourceFilesRead => ({
    ok: false,
    error: { kind: 'limit', file: path, message: `the files up to this one exceed the ${maxBytes}-byte limit (${limitSetting} in the settings)` },
  });
  const known = await firstPathOverLimit(snapshot, paths, maxBytes);
  if (known) return overLimit(known);
  const texts = await Promise.all(paths.map((path) => snapshot.readFile(path)));
  let bytes = 0;
  const files: { path: string; text: string }[] = [];
  for (const [index, path] of paths.entries()) {
    const text = texts[index] ?? '';
    bytes += Buffer.byteLength(text);
    if (bytes > maxBytes) return overLimit(path);
    files.push({ path, text });
  }
  return { ok: true, files };
}

async function firstPathOverLimit(snapshot: RepoSnapshot, paths: readonly string[], maxBytes: number): Promise<string | undefined> {
  if (!snapshot.fileSize) return undefined;
  const sizes = await Promise.all(paths.map((path) => snapshot.fileSize!(path)));
  let total = 0;
  for (const [index, path] of paths.entries()) {
    total += sizes[index] ?? 0;
    if (total > maxBytes) return path;
  }
  return undefined;
}

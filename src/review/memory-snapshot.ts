import type { ChangeSet, RepoSnapshot } from './ports.js';

/** A commit's files by path. */
export type FileMap = Record<string, string>;

/** A commit held in memory: for tests, the benchmark and callers that already have the files. */
export function memorySnapshot(rev: string, files: FileMap): RepoSnapshot {
  return {
    rev,
    listFiles: async () => Object.keys(files),
    readFile: async (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
  };
}

/** A change between two commits held in memory; the changed paths are computed, as git would. */
export function memoryChange(base: FileMap, head: FileMap, revs = { base: 'base', head: 'head' }): ChangeSet {
  const paths = new Set([...Object.keys(base), ...Object.keys(head)]);
  return {
    base: memorySnapshot(revs.base, base),
    head: memorySnapshot(revs.head, head),
    changedFiles: [...paths].filter((path) => base[path] !== head[path]).sort(),
  };
}

import type { ChangeSet, RepoSnapshot } from '../../src/review/ports.js';

export type Files = Record<string, string>;

export function memorySnapshot(rev: string, files: Files): RepoSnapshot {
  return {
    rev,
    listFiles: async () => Object.keys(files),
    readFile: async (path) => files[path],
  };
}

/** A change between two in-memory commits; the changed files are computed, as git would. */
export function memoryChange(base: Files, head: Files): ChangeSet {
  const paths = new Set([...Object.keys(base), ...Object.keys(head)]);
  return {
    base: memorySnapshot('base', base),
    head: memorySnapshot('head', head),
    changedFiles: [...paths].filter((path) => base[path] !== head[path]).sort(),
  };
}

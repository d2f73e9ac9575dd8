import { sourceMatcher } from './glob-match.js';
import type { ChangeSet, FileHistory, RepoSnapshot } from './snapshot.js';

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

/**
 * A change between two commits held in memory; the changed paths are computed, as git would. The target branch is
 * the base itself unless it has moved on (`target`).
 */
export function memoryChange(base: FileMap, head: FileMap, revs = { base: 'base', head: 'head' }, target?: FileMap): ChangeSet {
  const baseSnapshot = memorySnapshot(revs.base, base);
  return {
    target: target ? memorySnapshot('target', target) : baseSnapshot,
    base: baseSnapshot,
    head: memorySnapshot(revs.head, head),
    changedFiles: changedPaths(base, head),
  };
}

function changedPaths(before: FileMap, after: FileMap): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...paths].filter((path) => before[path] !== after[path]).sort();
}

/**
 * The history before a base commit, held in memory: `commits` oldest first, each a whole commit's files, the base
 * coming after the last. A commit counts for a glob when it changed a matching file, as git would say.
 */
export function memoryHistory(commits: readonly FileMap[]): FileHistory {
  return {
    earlierVersions: async (globs, limit) => {
      const matches = sourceMatcher([...globs]);
      const touching = commits
        .map((files, index) => ({ files, rev: `earlier-${index + 1}`, changed: changedPaths(commits[index - 1] ?? {}, files) }))
        .filter(({ changed }) => changed.some(matches))
        .reverse();
      return {
        snapshots: touching.slice(0, limit).map(({ rev, files }) => memorySnapshot(rev, files)),
        complete: touching.length <= limit,
      };
    },
  };
}

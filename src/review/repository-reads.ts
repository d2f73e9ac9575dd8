import type { ChangeSet, FileHistory, RepoSnapshot } from '../core/snapshot.js';

/** Errors thrown by reads of the repository during reviews; weak, so they go when nothing else holds them. */
const readFailures = new WeakSet<object>();

/**
 * Whether an error came from reading the repository (GitHub or git unavailable), not from anything a pull request
 * wrote: such a failure stops the whole review, which says why and is re-run, instead of blaming one contract.
 * Readers that turn their own failures into findings must rethrow these.
 */
export function isRepositoryReadFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && readFailures.has(error);
}

/** The change with every read of the repository watched, so that `isRepositoryReadFailure` knows its failures. */
export function watchRepositoryReads(change: ChangeSet): ChangeSet {
  return {
    ...change,
    base: watchedSnapshot(change.base),
    head: watchedSnapshot(change.head),
    ...(change.history ? { history: watchedHistory(change.history) } : {}),
  };
}

function watch<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    if (typeof error === 'object' && error !== null) readFailures.add(error);
    throw error;
  });
}

function watchedSnapshot(snapshot: RepoSnapshot): RepoSnapshot {
  const { fileSize } = snapshot;
  return {
    rev: snapshot.rev,
    listFiles: () => watch(snapshot.listFiles()),
    readFile: (path) => watch(snapshot.readFile(path)),
    ...(fileSize ? { fileSize: (path: string) => watch(fileSize.call(snapshot, path)) } : {}),
  };
}

function watchedHistory(history: FileHistory): FileHistory {
  return {
    earlierVersions: async (globs, limit) => {
      const listed = await watch(history.earlierVersions(globs, limit));
      return { ...listed, snapshots: listed.snapshots.map(watchedSnapshot) };
    },
  };
}

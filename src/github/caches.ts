import { LRUCache } from 'lru-cache';

/** A commit's files: path to blob SHA and size. */
export type TreeEntries = Map<string, { sha: string; size: number }>;

/**
 * Content-addressed caches shared by every review in the process: a commit SHA names one tree and a blob SHA one
 * content, so an entry is never stale and is safe to share between repositories (only a repository holding that
 * content can name it).
 */
export interface GitHubCaches {
  trees: LRUCache<string, TreeEntries>;
  blobs: LRUCache<string, string>;
}

export function createCaches(options: { blobBytes?: number; treeEntries?: number } = {}): GitHubCaches {
  return {
    trees: new LRUCache<string, TreeEntries>({
      maxSize: options.treeEntries ?? 1_000_000,
      sizeCalculation: (entries) => Math.max(1, entries.size),
    }),
    blobs: new LRUCache<string, string>({
      maxSize: options.blobBytes ?? 256 * 1024 * 1024,
      sizeCalculation: (text) => Math.max(1, text.length),
    }),
  };
}

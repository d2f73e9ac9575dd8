import DataLoader from 'dataloader';
import type { GitHubClient } from './client/installation-octokit.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import type { GitHubCaches, TreeEntries } from './caches.js';

/** GraphQL reads blobs a hundred at a time: one request instead of a hundred. */
const BLOBS_PER_QUERY = 100;
/** Files larger than this are not read from a pull request (the migrations' own budget is usually smaller). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

interface GraphQLBlob {
  text: string | null;
  isBinary: boolean;
  isTruncated: boolean;
}

/**
 * One repository read through GitHub's git database: a commit's file list from one recursive tree request, file
 * contents by blob SHA, batched through GraphQL and cached across reviews.
 */
export class GitHubRepository {
  private readonly blobs: DataLoader<string, string>;
  private readonly treesUnderWay = new Map<string, Promise<TreeEntries>>();

  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
    private readonly caches: GitHubCaches,
  ) {
    this.blobs = new DataLoader((shas) => this.loadBlobs(shas), { maxBatchSize: BLOBS_PER_QUERY });
  }

  snapshot(commitSha: string): RepoSnapshot & { entries(): Promise<TreeEntries> } {
    return {
      rev: commitSha,
      entries: () => this.tree(commitSha),
      listFiles: async () => [...(await this.tree(commitSha)).keys()],
      fileSize: async (path) => (await this.tree(commitSha)).get(path)?.size,
      readFile: async (path) => {
        const entry = (await this.tree(commitSha)).get(path);
        if (!entry) return undefined;
        if (entry.size > MAX_FILE_BYTES) {
          throw new Error(`${path} is ${entry.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a file the review reads`);
        }
        return this.blobs.load(entry.sha);
      },
    };
  }

  /** One request per commit even when many files are read at once: they share the request under way. */
  private tree(commitSha: string): Promise<TreeEntries> {
    const cached = this.caches.trees.get(commitSha);
    if (cached) return Promise.resolve(cached);
    let pending = this.treesUnderWay.get(commitSha);
    if (!pending) {
      pending = this.fetchTree(commitSha).finally(() => this.treesUnderWay.delete(commitSha));
      this.treesUnderWay.set(commitSha, pending);
    }
    return pending;
  }

  private async fetchTree(commitSha: string): Promise<TreeEntries> {
    const { data } = await this.octokit.rest.git.getTree({
      owner: this.owner,
      repo: this.repo,
      tree_sha: commitSha,
      recursive: 'true',
    });
    if (data.truncated) {
      throw new Error(
        `the repository at ${commitSha.slice(0, 7)} has more files than GitHub lists in one tree (over 100,000 entries or 7 MB)`,
      );
    }
    const entries: TreeEntries = new Map();
    for (const item of data.tree) {
      // Symlinks (120000) hold a target path and submodules (160000) a commit: neither is a file to read.
      if (item.type === 'blob' && item.path && item.sha && item.mode !== '120000') {
        entries.set(item.path, { sha: item.sha, size: item.size ?? 0 });
      }
    }
    this.caches.trees.set(commitSha, entries);
    return entries;
  }

  private async loadBlobs(shas: readonly string[]): Promise<string[]> {
    const missing = [...new Set(shas.filter((sha) => !this.caches.blobs.has(sha)))];
    if (missing.length > 0) {
      const texts = await this.queryBlobs(missing);
      for (const [index, sha] of missing.entries()) {
        this.caches.blobs.set(sha, texts[index] ?? (await this.restBlob(sha)));
      }
    }
    return shas.map((sha) => this.caches.blobs.get(sha) ?? '');
  }

  /** Texts by GraphQL; `undefined` where GraphQL gives none (binary, or cut short because large). */
  private async queryBlobs(shas: string[]): Promise<(string | undefined)[]> {
    const variables: Record<string, string> = { owner: this.owner, name: this.repo };
    const declarations = ['$owner: String!', '$name: String!'];
    const fields = shas.map((sha, index) => {
      variables[`o${index}`] = sha;
      declarations.push(`$o${index}: GitObjectID!`);
      return `b${index}: object(oid: $o${index}) { ... on Blob { text isBinary isTruncated } }`;
    });
    const query = `query(${declarations.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    const result = await this.octokit.graphql<{ repository: Record<string, GraphQLBlob | null> }>(query, variables);
    return shas.map((_, index) => {
      const blob = result.repository[`b${index}`];
      return blob && !blob.isTruncated && blob.text !== null ? blob.text : undefined;
    });
  }

  private async restBlob(sha: string): Promise<string> {
    const { data } = await this.octokit.rest.git.getBlob({ owner: this.owner, repo: this.repo, file_sha: sha });
    return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
  }
}

/** Paths whose content differs between two commits' trees: exact, and not capped like GitHub's file lists. */
export function changedPaths(base: TreeEntries, head: TreeEntries): string[] {
  const changed = new Set<string>();
  for (const [path, entry] of head) if (base.get(path)?.sha !== entry.sha) changed.add(path);
  for (const path of base.keys()) if (!head.has(path)) changed.add(path);
  return [...changed].sort();
}

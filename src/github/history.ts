import type { GitHubClient } from './client/installation-octokit.js';
import { coveringPrefixes } from '../core/glob-prefix.js';
import type { FileHistory, RepoSnapshot } from '../core/snapshot.js';
import type { GitHubRepository } from './repository.js';

/** GitHub's largest page of commits. */
const COMMITS_PER_PAGE = 100;

interface ListedCommit {
  sha: string;
  committedAt: number;
}

/**
 * The history behind one commit, from GitHub's commit listing. The listing filters by one path, not by a pattern, so
 * each glob is listed by the directory it lies in: a commit that changed another file there is listed too, which
 * shows a schema version once more but never hides one. Each commit is read as a snapshot of the repository, whose
 * trees and blobs are cached by SHA, so the files a commit did not change cost nothing.
 */
export class GitHubFileHistory implements FileHistory {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repository: GitHubRepository,
    private readonly base: string,
  ) {}

  async earlierVersions(globs: readonly string[], limit: number): Promise<{ snapshots: RepoSnapshot[]; complete: boolean }> {
    if (globs.length === 0) return { snapshots: [], complete: true };
    // The base itself may be listed first, so one more than the limit is needed to see `limit` earlier commits.
    const listings = await Promise.all(coveringPrefixes(globs).map((prefix) => this.listCommits(prefix, limit + 1)));
    const bySha = new Map(listings.flatMap(({ commits }) => commits).map((commit) => [commit.sha, commit]));
    bySha.delete(this.base);
    const earlier = [...bySha.values()].sort((a, b) => b.committedAt - a.committedAt);
    return {
      snapshots: earlier.slice(0, limit).map((commit) => this.repository.snapshot(commit.sha)),
      complete: earlier.length <= limit && listings.every((listing) => !listing.more),
    };
  }

  /** The newest `wanted` commits behind the base that changed something under `path` (`''`: anywhere), and whether GitHub has more. */
  private async listCommits(path: string, wanted: number): Promise<{ commits: ListedCommit[]; more: boolean }> {
    const pages = this.octokit.paginate.iterator(this.octokit.rest.repos.listCommits, {
      owner: this.repository.owner,
      repo: this.repository.repo,
      sha: this.base,
      ...(path === '' ? {} : { path }),
      per_page: Math.min(COMMITS_PER_PAGE, wanted),
    });
    const commits: ListedCommit[] = [];
    for await (const { data, headers } of pages) {
      commits.push(...data.map((commit) => ({ sha: commit.sha, committedAt: Date.parse(commit.commit.committer?.date ?? '') || 0 })));
      if (commits.length >= wanted) return { commits, more: /\brel="next"/.test(headers.link ?? '') };
    }
    return { commits, more: false };
  }
}

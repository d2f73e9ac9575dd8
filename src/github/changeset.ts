import type { GitHubClient } from './client/installation-octokit.js';
import type { ChangeSet } from '../core/snapshot.js';
import { GitHubFileHistory } from './history.js';
import { changedPaths, type GitHubRepository } from './repository.js';
import type { ReviewTarget } from './target.js';

/** GitHub lists at most this many files of a pull request. */
export const PULL_FILES_CAP = 3000;

/**
 * The change a review compares: from the merge base to the head, judged by the contracts at the target branch's
 * commit (the event's `base.sha`, a merge group's `base_sha`). A pull request's
 * files come from its file list, every page; past GitHub's cap, from the two commits' trees, which have no cap.
 * A merge group has no file list, so its trees are compared. Either carries the base commit's history, for the
 * checks against every earlier version of a schema.
 */
export async function gitHubChangeSet(octokit: GitHubClient, repository: GitHubRepository, target: ReviewTarget): Promise<ChangeSet> {
  const head = repository.snapshot(target.headSha);
  if (target.kind === 'merge-group') {
    const base = repository.snapshot(target.baseSha);
    const history = new GitHubFileHistory(octokit, repository, base.rev);
    return { target: base, base, head, history, changedFiles: changedPaths(await base.entries(), await head.entries()) };
  }

  const { owner, repo, number } = target;
  const { data: comparison } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${target.baseSha}...${target.headSha}`,
    per_page: 1,
  });
  const targetCommit = repository.snapshot(target.baseSha);
  const base = repository.snapshot(comparison.merge_base_commit.sha);
  const history = new GitHubFileHistory(octokit, repository, base.rev);
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 });
  if (files.length < PULL_FILES_CAP) {
    const changedFiles = files.flatMap((file) => (file.previous_filename ? [file.filename, file.previous_filename] : [file.filename]));
    return { target: targetCommit, base, head, history, changedFiles: [...new Set(changedFiles)].sort() };
  }
  return {
    target: targetCommit,
    base,
    head,
    history,
    changedFiles: changedPaths(await base.entries(), await head.entries()),
    notes: [
      `This pull request changes ${PULL_FILES_CAP.toLocaleString('en')} files or more, more than GitHub lists; ` +
        'its changed files were worked out from the two commits\' trees instead.',
    ],
  };
}

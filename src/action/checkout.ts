import type { ChangeSet } from '../core/snapshot.js';
import { gitChangeSet } from '../git/changeset.js';
import { GitError, type GitRepo } from '../git/repo.js';
import { runGit } from '../git/run.js';
import type { ReviewTarget } from '../github/target.js';

const FETCH_DEPTH_HINT = 'check the repository out with `actions/checkout` and `fetch-depth: 0`';

/**
 * The change a review compares, read from the workflow's checkout as `dcr check` reads one: from the merge base of
 * the target (the PR's base SHA, a merge group's base) and the head, judged by the contracts at the target.
 * `actions/checkout` fetches a single commit unless told otherwise, so a shallow checkout, or one without the
 * commits, is fetched from `origin` first, with the whole history the checks against earlier versions walk.
 */
export async function checkoutChangeSet(repo: GitRepo, target: ReviewTarget): Promise<ChangeSet> {
  const wanted = [target.baseSha, target.headSha];
  const notes: string[] = [];
  if ((await missing(repo, wanted)).length > 0 || (await repo.isShallow())) {
    const failure = await fetchHistory(repo, wanted);
    const absent = await missing(repo, wanted);
    if (absent.length > 0) {
      const why = failure ?? 'the fetch did not bring it';
      throw new GitError('unknown-revision', `the checkout at ${repo.root} lacks commit ${absent.join(' and ')}, and ${why}: ${FETCH_DEPTH_HINT}`);
    }
    // The commits are there, only their history is short: the review runs, and says which checks it limited.
    if (failure) notes.push(`The checkout is shallow and ${failure}, so earlier versions of schemas may be missing: ${FETCH_DEPTH_HINT}.`);
  }
  const change = await gitChangeSet(repo, target.baseSha, target.headSha);
  return notes.length > 0 ? { ...change, notes } : change;
}

async function missing(repo: GitRepo, shas: readonly string[]): Promise<string[]> {
  const present = await Promise.all(shas.map(async (sha) => (await runGit(repo.root, ['cat-file', '-e', `${sha}^{commit}`])).status === 0));
  return shas.filter((_, index) => !present[index]);
}

/**
 * Fetches the commits from `origin`, where `actions/checkout` left its credentials, unshallowing a shallow clone.
 * Resolves to why it failed, in git's words, or undefined once fetched.
 */
async function fetchHistory(repo: GitRepo, shas: readonly string[]): Promise<string | undefined> {
  const shallow = await repo.isShallow();
  const args = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...(shallow ? ['--unshallow'] : []), 'origin', ...shas];
  const output = await runGit(repo.root, args);
  if (output.status === 0) return undefined;
  const said = output.stderr.trim().split('\n').at(-1) ?? '';
  return `git fetch from origin failed (exit ${output.status}${said ? `: ${said}` : ''})`;
}

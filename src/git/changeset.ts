import type { ChangeSet } from '../core/snapshot.js';
import { GitFileHistory } from './history.js';
import type { GitRepo } from './repo.js';

/**
 * The change a pull request from `headRev` into `baseRev` would make: compared from the merge base, not the base
 * branch's tip, so commits that landed on the base branch meanwhile are not taken for the PR's own; judged by the
 * contracts at the tip of `baseRev`.
 */
export async function gitChangeSet(repo: GitRepo, baseRev: string, headRev: string): Promise<ChangeSet> {
  const head = await repo.resolve(headRev);
  const target = await repo.resolve(baseRev);
  const base = await repo.mergeBase(target, head);
  return {
    target: repo.snapshot(target),
    base: repo.snapshot(base),
    head: repo.snapshot(head),
    changedFiles: await repo.changedFiles(base, head),
    history: new GitFileHistory(repo, base),
  };
}

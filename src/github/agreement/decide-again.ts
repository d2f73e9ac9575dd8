import type { Logger } from 'pino';
import type { GitHubClient } from '../client/installation-octokit.js';
import { completeCheckRun } from '../check-run.js';
import { describeError } from '../errors.js';
import { contractLink, currentPull, type ReviewDependencies, type ReviewOutcome, reportOnPull, reviewOnGitHub } from '../review-on-github.js';
import type { ReviewTarget } from '../target.js';
import { decideWithAgreements } from './decide.js';
import { reviewKey } from './review-store.js';

/**
 * A review was submitted, edited or dismissed, or a label changed, on a head whose check is complete: the check is
 * decided again from the judged review kept for that head, reading nothing the review already read. A head with no
 * judged review kept (another process judged it, before Redis held them) is judged again.
 */
export async function decideAgainOnGitHub(
  octokit: GitHubClient,
  target: Extract<ReviewTarget, { kind: 'pull' }>,
  checkRunId: number,
  dependencies: ReviewDependencies,
  log: Logger,
): Promise<ReviewOutcome> {
  const stored = await dependencies.reviews.get(reviewKey(target, target.headSha));
  if (!stored) {
    log.info({ checkRunId }, 'no judged review kept for this commit: judging it again');
    return reviewOnGitHub(octokit, target, checkRunId, dependencies, log);
  }
  try {
    const current = await currentPull(octokit, target);
    if (current.headSha !== target.headSha) return { kind: 'superseded', currentHead: current.headSha, currentBase: current.baseSha };
    const review = await decideWithAgreements(octokit, target, stored, current.labels, dependencies.reviews);
    // GitHub adds a run's annotations to those it has: the lines the first decision marked stay marked.
    await completeCheckRun(octokit, target, checkRunId, review, contractLink(target, stored.targetRev), { annotate: false });
    const accepted = review.findings.filter((finding) => finding.accepted).length;
    log.info({ checkRunId, conclusion: review.conclusion, accepted, overridden: review.override?.allowed ?? false }, 'check decided again');
    await reportOnPull(octokit, target, review, stored, dependencies, log);
  } catch (error) {
    // The check keeps its last decision, which is complete: the next review or approval decides it again.
    log.error({ err: error, checkRunId, reason: describeError(error) }, 'check could not be decided again');
  }
  return { kind: 'reported' };
}

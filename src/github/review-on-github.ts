import type { Logger } from 'pino';
import type { GitHubClient } from './client/installation-octokit.js';

import { renderMarkdown } from '../render/markdown.js';
import { type Extractors, readSettings, reviewChange } from '../review/run.js';
import type { Review } from '../core/review.js';
import type { ChangeSet } from '../core/snapshot.js';
import { decideWithAgreements, requestMissingReviews } from './agreement/decide.js';
import { reviewKey, type ReviewStore, type StoredReview } from './agreement/review-store.js';
import { createCaches, type GitHubCaches } from './caches.js';
import { gitHubChangeSet } from './changeset.js';
import { completeCheckRun, failCheckRun, supersedeCheckRun } from './check-run.js';
import { syncComment } from './comment.js';
import { describeError } from './errors.js';
import { GitHubRepository } from './repository.js';
import type { ReviewTarget } from './target.js';
import { plural } from '../core/words.js';

export interface ReviewDependencies {
  appId: number;
  /**
   * The login the app's comments are written under, for a token GitHub may not name the app on comments for (the
   * Actions token's `github-actions[bot]`): its comments are found by either.
   */
  botLogin?: string;
  extractors: Extractors;
  /**
   * Reads the commits a review compares. Absent: through GitHub's API (the app); the Action reads the workflow's
   * checkout instead.
   */
  readChange?: (target: ReviewTarget) => Promise<ChangeSet>;
  /** Trees and blobs read through GitHub's API, shared by the reviews of a process; without them a review caches for itself. */
  caches?: GitHubCaches;
  /** Judged reviews, kept to decide again when approvals, labels or a merge come, without judging again. */
  reviews: ReviewStore;
  /** How long reading and judging one change may take before its check is failed (default 10 minutes). */
  reviewTimeoutMs?: number;
}

export const DEFAULT_REVIEW_TIMEOUT_MS = 10 * 60 * 1000;

/** How a review on GitHub ended: reported, or dropped because the pull request moved on to `currentHead`. */
export type ReviewOutcome = { kind: 'reported' } | Superseded;

type Superseded = { kind: 'superseded'; currentHead: string; currentBase: string };

/**
 * What one review did: completed its check with `review` (the comment followed), failed the check for `reason`, or
 * dropped its result because the pull request moved on.
 */
export type ReviewResult = { kind: 'reported'; review: Review } | { kind: 'failed'; reason: string } | Superseded;

/**
 * One review on GitHub, for a check run already claimed: it is always completed, whatever fails on the way; a
 * result for a commit that is no longer the PR's head is dropped; the comment follows the check.
 */
export async function reviewOnGitHub(
  octokit: GitHubClient,
  target: ReviewTarget,
  checkRunId: number,
  dependencies: ReviewDependencies,
  log: Logger,
): Promise<ReviewOutcome> {
  const result = await reviewAndReport(octokit, target, checkRunId, dependencies, log);
  if (result.kind === 'failed') return movedOn(octokit, target);
  return result.kind === 'reported' ? { kind: 'reported' } : result;
}

/**
 * `reviewOnGitHub`, saying what the check was completed with. `annotate: false` for a run that is complete already and
 * decided again: GitHub adds a run's annotations to those it has, so the lines stay marked once.
 */
export async function reviewAndReport(
  octokit: GitHubClient,
  target: ReviewTarget,
  checkRunId: number,
  dependencies: ReviewDependencies,
  log: Logger,
  { annotate = true }: { annotate?: boolean } = {},
): Promise<ReviewResult> {
  let outcome: { review: Review; stored: StoredReview };
  try {
    const timeoutMs = dependencies.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS;
    const judged = await withDeadline(judge(octokit, target, dependencies), timeoutMs);
    const stored: StoredReview = {
      review: judged.review,
      settings: { approvals: judged.settings.approvals, override: judged.settings.override, comment: judged.settings.comment },
      targetRev: judged.change.target.rev,
    };
    let review = judged.review;
    if (target.kind === 'pull') {
      const current = await currentPull(octokit, target);
      if (current.headSha !== target.headSha) {
        await supersedeCheckRun(octokit, target, checkRunId);
        log.info({ currentHead: current.headSha }, 'review dropped: the pull request moved on to a newer commit');
        return { kind: 'superseded', currentHead: current.headSha, currentBase: current.baseSha };
      }
      await dependencies.reviews.set(reviewKey(target, target.headSha), stored);
      review = await decideWithAgreements(octokit, target, stored, current.labels, dependencies.reviews);
    }
    const { annotationsDropped } = await completeCheckRun(octokit, target, checkRunId, review, contractLink(target, stored.targetRev), { annotate });
    if (annotationsDropped > 0) log.warn({ annotationsDropped }, 'GitHub refused some annotations; the check was completed without them');
    log.info({ conclusion: review.conclusion, findings: review.findings.length, errors: review.errors.length }, 'review completed');
    outcome = { review, stored };
  } catch (error) {
    const reason = describeError(error);
    log.error({ err: error, reason }, 'review could not run');
    await failCheckRun(octokit, target, checkRunId, reason).catch((failure: unknown) =>
      log.error({ err: failure, reason: describeError(failure) }, 'review check could not be completed'),
    );
    return { kind: 'failed', reason };
  }
  if (target.kind === 'pull') await reportOnPull(octokit, target, outcome.review, outcome.stored, dependencies, log);
  return { kind: 'reported', review: outcome.review };
}

/**
 * What follows the check on a pull request: the living comment, and the reviews asked of the contacts whose
 * approval is still needed. Neither can fail the check, which is already complete.
 */
export async function reportOnPull(
  octokit: GitHubClient,
  target: Extract<ReviewTarget, { kind: 'pull' }>,
  review: Review,
  stored: StoredReview,
  dependencies: ReviewDependencies,
  log: Logger,
): Promise<void> {
  try {
    const contractUrl = contractLink(target, stored.targetRev);
    const poster = dependencies.botLogin === undefined ? dependencies.appId : { appId: dependencies.appId, login: dependencies.botLogin };
    const result = await syncComment(octokit, target, poster, (hasComment) =>
      commentBody(review, stored.settings.comment, hasComment) ? renderMarkdown(review, { contractUrl, headSha: target.headSha }) : undefined,
    );
    log.info({ comment: result }, 'review comment synchronised');
  } catch (error) {
    log.error({ err: error, reason: describeError(error) }, 'review comment could not be updated');
  }
  await requestMissingReviews(octokit, target, review, stored.settings, dependencies.reviews, log);
}

/** A contract file's page on GitHub, at the commit the contracts were read at. */
export function contractLink(target: ReviewTarget, targetRev: string): (file: string) => string {
  return (file) => `${target.htmlUrl}/blob/${targetRev}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** Reading the change and judging it: the part that waits on GitHub (or the checkout) and on the replay. */
export async function judge(octokit: GitHubClient, target: ReviewTarget, dependencies: ReviewDependencies) {
  const change = dependencies.readChange
    ? await dependencies.readChange(target)
    : await gitHubChangeSet(octokit, new GitHubRepository(octokit, target.owner, target.repo, dependencies.caches ?? createCaches()), target);
  const review = await reviewChange(change, dependencies.extractors);
  return { change, review, settings: await readSettings(change.target) };
}

/**
 * A review that hangs (a GitHub request that never answers) must not leave its check pending: past the deadline the
 * check is failed, and whatever the abandoned work yields later is ignored.
 */
async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the review did not finish within ${plural(Math.max(1, Math.round(timeoutMs / 1000)), 'second')}`)), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Quiet when nothing is wrong: a comment appears when a consumer or a broken contract needs attention, and once it
 * exists it is kept up to date (so a push that fixes everything turns it into an all-clear).
 */
function commentBody(review: Review, policy: StoredReview['settings']['comment'], hasComment: boolean): boolean {
  if (policy === 'never') return false;
  if (hasComment) return true;
  if (policy === 'always') return review.contracts.some((contract) => contract.evaluated);
  return review.errors.length > 0 || review.findings.some((finding) => ['error', 'blocking', 'advisory'].includes(finding.severity));
}

/**
 * After a review that could not run: a pull request that moved on meanwhile still needs its newest head reviewed
 * (its delivery may have been collapsed behind this one).
 */
export async function movedOn(octokit: GitHubClient, target: ReviewTarget): Promise<ReviewOutcome> {
  if (target.kind !== 'pull') return { kind: 'reported' };
  const current = await currentPull(octokit, target).catch(() => undefined);
  if (!current || current.headSha === target.headSha) return { kind: 'reported' };
  return { kind: 'superseded', currentHead: current.headSha, currentBase: current.baseSha };
}

/** The pull request as it is now: its head and base may have moved on since the event; its labels say who overrode. */
export async function currentPull(
  octokit: GitHubClient,
  target: Extract<ReviewTarget, { kind: 'pull' }>,
): Promise<{ headSha: string; baseSha: string; labels: string[] }> {
  const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.number });
  return { headSha: data.head.sha, baseSha: data.base.sha, labels: data.labels.map((label) => label.name) };
}

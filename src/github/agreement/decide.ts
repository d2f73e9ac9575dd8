import type { Logger } from 'pino';
import type { Settings } from '../../config/schema.js';
import type { Review } from '../../core/review.js';
import { approvalsNeeded, newBreakFor, withApprovals } from '../../review/approvals.js';
import type { GitHubClient } from '../client/installation-octokit.js';
import { describeError } from '../errors.js';
import { type Approval, approvalsOf, contactMatcher } from './approvals.js';
import { overrideOf } from './override.js';
import { reviewKey, type ReviewStore, type StoredReview } from './review-store.js';

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

/**
 * The judged review of a pull request's head decided with what people said on it: the approving reviews that accept
 * findings, and the override label. Costs nothing when no finding waits for anyone and the label is absent; otherwise
 * one listing of the reviews, one membership question per team and approver, and two requests for a label.
 */
export async function decideWithAgreements(
  octokit: GitHubClient,
  pull: PullRef,
  judged: StoredReview,
  labels: readonly string[],
  store: ReviewStore,
): Promise<Review> {
  const needs = approvalsNeeded(judged.review);
  const override = await overrideOf(octokit, pull, judged.settings.override.label, labels);
  if (needs.length === 0) return withApprovals(judged.review, new Map(), override);
  const approvals = await approvalsOf(octokit, pull);
  const speaksFor = contactMatcher(octokit);
  // Each approved commit's judged review is fetched once (from Redis, with replicas), whatever the contacts.
  const reviewsOf = new Map<string, Promise<StoredReview | undefined>>();
  const reviewAt = (commit: string) => reviewsOf.get(commit) ?? reviewsOf.set(commit, store.get(reviewKey(pull, commit))).get(commit)!;
  const approvedBy = new Map<string, string>();
  const unreadable = new Map<string, string[]>();
  for (const { contact } of needs) {
    for (const approval of approvals) {
      if (!(await stillCounts(approval, contact, pull, judged, reviewAt))) continue;
      const answer = await speaksFor(contact, approval.login);
      if (answer === 'unknown') unreadable.set(contact, [...(unreadable.get(contact) ?? []), approval.login]);
      if (answer === true) {
        approvedBy.set(contact, approval.login);
        break;
      }
    }
  }
  const decided = withApprovals(judged.review, approvedBy, override);
  const unseen = [...unreadable].filter(([contact]) => !approvedBy.has(contact));
  return unseen.length === 0 ? decided : { ...decided, notes: [...decided.notes, ...unseen.map(([contact, logins]) => teamUnreadable(contact, logins))] };
}

/** An approval that may be a team member's, which the token cannot tell: said on the check rather than ignored. */
function teamUnreadable(contact: string, logins: string[]): string {
  const who = logins.map((login) => `@${login}`).join(', ');
  return (
    `The approval of ${who} was not counted for ${contact}: this token may not read the team's members (it lacks members: read), ` +
    'so no approval can be recognised as the team\'s. Name a person as the contact, or review with a token that may read members.'
  );
}

/**
 * An approval counts for the commit it was given on; with `approvals.acrossPushes`, also for later commits, unless
 * one of them brought a new blocking finding for that contact (an approval whose commit the app never reviewed is
 * not carried over: nothing says what it accepted).
 */
async function stillCounts(
  approval: Approval,
  contact: string,
  pull: PullRef,
  judged: StoredReview,
  reviewAt: (commit: string) => Promise<StoredReview | undefined>,
): Promise<boolean> {
  if (approval.commit === pull.headSha) return true;
  if (!judged.settings.approvals.acrossPushes) return false;
  const then = await reviewAt(approval.commit);
  return then !== undefined && !newBreakFor(contact, then.review, judged.review);
}

/**
 * With `approvals.requestReviews`, asks each contact whose approval the pull request still needs for a review, once
 * per pull request. A team is asked when it belongs to the repository's owner; a request GitHub refuses (the
 * author asked to review their own pull request) is logged and never fails the check.
 */
export async function requestMissingReviews(
  octokit: GitHubClient,
  pull: PullRef,
  review: Review,
  settings: Pick<Settings, 'approvals'>,
  store: ReviewStore,
  log: Logger,
): Promise<void> {
  if (!settings.approvals.requestReviews) return;
  for (const { contact } of approvalsNeeded(review)) {
    const [org, team] = contact.replace(/^@/, '').split('/');
    if (team !== undefined && org!.toLowerCase() !== pull.owner.toLowerCase()) continue;
    const pullKey = `${pull.owner}/${pull.repo}#${pull.number}`;
    if (await store.has(pullKey, `requested ${contact.toLowerCase()}`)) continue;
    try {
      await octokit.rest.pulls.requestReviewers({
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        ...(team === undefined ? { reviewers: [org!] } : { team_reviewers: [team] }),
      });
      // Recorded once asked, so a refused or failed request is tried again on the next decision.
      await store.once(pullKey, `requested ${contact.toLowerCase()}`);
      log.info({ contact }, 'review requested from a contact whose approval the pull request needs');
    } catch (error) {
      log.warn({ err: error, contact, reason: describeError(error) }, 'a review could not be requested');
    }
  }
}

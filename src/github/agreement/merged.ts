import type { Logger } from 'pino';
import type { GitHubClient } from '../client/installation-octokit.js';
import { contractLink, judge, type ReviewDependencies } from '../review-on-github.js';
import type { ReviewTarget } from '../target.js';
import { decideWithAgreements } from './decide.js';
import { mergeNotice, postMergeComment, sendToWebhook } from './notify.js';
import { reviewKey, type StoredReview } from './review-store.js';

/**
 * A pull request was merged: when it landed accepted breaks, an override or contract changes, its consumers are told
 * once, by a last comment that mentions them and, where the server has one, an incoming webhook. A redelivered or
 * repeated event finds the notice sent and sends nothing; a failing webhook is logged and costs nothing else.
 */
export async function notifyMerge(
  octokit: GitHubClient,
  target: Extract<ReviewTarget, { kind: 'pull' }>,
  dependencies: ReviewDependencies & { notifyWebhookUrl?: string },
  log: Logger,
): Promise<void> {
  const { data: pull } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.number });
  if (!pull.merged) return;
  const stored = (await dependencies.reviews.get(reviewKey(target, target.headSha))) ?? (await judgeAgain(octokit, target, dependencies));
  const labels = pull.labels.map((label) => label.name);
  const review = await decideWithAgreements(octokit, target, stored, labels, dependencies.reviews);
  const notice = mergeNotice(review, { number: target.number, url: pull.html_url }, contractLink(target, stored.targetRev));
  if (!notice) {
    log.info('merged: nothing its consumers need to hear about');
    return;
  }
  // The comment is the record that the notice went out: only the delivery that posts it also calls the webhook.
  if (!(await postMergeComment(octokit, target, dependencies.appId, notice))) {
    log.info('merged: the notice was already sent');
    return;
  }
  log.info('merged: consumers told on the pull request');
  if (dependencies.notifyWebhookUrl) await sendToWebhook(dependencies.notifyWebhookUrl, notice, log);
}

async function judgeAgain(octokit: GitHubClient, target: ReviewTarget, dependencies: ReviewDependencies): Promise<StoredReview> {
  const { change, review, settings } = await judge(octokit, target, dependencies);
  return { review, settings: { approvals: settings.approvals, override: settings.override, comment: settings.comment }, targetRev: change.target.rev };
}

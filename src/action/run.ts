import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { type GitRepo, openRepo } from '../git/repo.js';
import { memoryReviewStore } from '../github/agreement/review-store.js';
import { CHECK_NAME, checkTitle, claimCheckRun, failCheckRun, interruptCheckRun } from '../github/check-run.js';
import { limitedOctokit } from '../github/client/installation-octokit.js';
import { memoryLimits } from '../github/client/limits.js';
import { describeError } from '../github/errors.js';
import { contractLink, DEFAULT_REVIEW_TIMEOUT_MS, reviewAndReport, type ReviewResult } from '../github/review-on-github.js';
import type { ReviewTarget } from '../github/target.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { renderMarkdown } from '../render/markdown.js';
import { createEngine, type EngineOptions } from '../review/engine.js';
import type { Extractors } from '../review/extraction.js';
import type { ChangeSet } from '../core/snapshot.js';
import { Cancellation } from './cancellation.js';
import { checkoutChangeSet } from './checkout.js';
import type { ActionSettings } from './environment.js';
import { actionRequest } from './event.js';
import { tokenIdentity } from './identity.js';
import { addToSummary } from './workflow-commands.js';

/** After the review's own deadline, the time still given to GitHub to take the check's completion. */
const COMPLETION_GRACE_MS = 5 * 60 * 1000;

/**
 * One run of the Action: the event's pull request or merge group reviewed from the workflow's checkout, with the
 * app's own check run, comment and agreements, through the workflow's token. Resolves to the step's exit status:
 * 0 when the check carries the verdict (whatever its conclusion) or there was nothing to review, 1 when the review
 * could not run (its check then says why) or nothing could be reported.
 */
export async function runAction(settings: ActionSettings, log: Logger): Promise<number> {
  const payload: unknown = JSON.parse(await readFile(settings.eventPath, 'utf8'));
  const request = actionRequest(settings.eventName, payload, { owner: settings.owner, repo: settings.repo, rerun: settings.runAttempt > 1 });
  if (request.kind === 'ignored') {
    log.info(`Nothing to review: ${request.reason}.`);
    return 0;
  }
  if (settings.job === CHECK_NAME) {
    log.warn(`This job is called "${CHECK_NAME}", as the review's check is: GitHub then shows two checks of that name. Give the job another name.`);
  }
  const { target } = request;
  // Settings that cannot be read (a registry URL, a MySQL URL) stop the step before a check run exists to leave open.
  const engineOptions = { registry: registryFromEnvironment(process.env), ...mysqlServerFromEnvironment(process.env) };
  const cancellation = new Cancellation(log);
  try {
    const deadline = Date.now() + DEFAULT_REVIEW_TIMEOUT_MS + COMPLETION_GRACE_MS;
    const octokit = limitedOctokit({ baseUrl: settings.apiUrl, token: async () => settings.token, limitsKey: 0, limits: memoryLimits(), log, deadline });
    const identity = await tokenIdentity(octokit, settings.appSlug);
    const claim = await claimCheckRun(octokit, target, identity.appId, request.fresh).catch((error: unknown) => {
      throw new Error(`the \`${CHECK_NAME}\` check run could not be created: ${describeError(error)}${checkPermissionHint(error)}`, { cause: error });
    });
    if (claim.kind === 'already-reviewed' && !request.decide) {
      const message = `Commit ${target.headSha.slice(0, 7)} already has a completed \`${CHECK_NAME}\` check; re-run this workflow to review it again.`;
      log.info(message);
      await addToSummary(settings.summaryPath, `${message}\n`);
      return 0;
    }
    await cancellation.guard(() => interruptCheckRun(octokit, target, claim.id, CANCELLED));
    log.info(`Reviewing ${describeTarget(target)} into check run ${claim.id}.`);
    const dependencies = { appId: identity.appId, botLogin: identity.login, reviews: memoryReviewStore() };
    // A run complete already is decided again (an approval, a label): its annotations are on it.
    const result = await reviewFromCheckout(settings.checkout, engineOptions, (extractors, readChange) =>
      reviewAndReport(octokit, target, claim.id, { ...dependencies, extractors, readChange }, log, { annotate: claim.kind === 'claimed' }),
    ).catch(async (error: unknown) => {
      // Whatever stops the review once the run is claimed still completes the check: a required check left pending
      // blocks every merge.
      await failCheckRun(octokit, target, claim.id, describeError(error));
      throw error;
    });
    await addToSummary(settings.summaryPath, summaryOf(result, target));
    return result.kind === 'failed' ? 1 : 0;
  } finally {
    cancellation.release();
  }
}

/** The engine and the workflow's checkout for one review, let go of whatever the review does. */
async function reviewFromCheckout<T>(
  checkout: string,
  options: EngineOptions,
  review: (extractors: Extractors, readChange: (target: ReviewTarget) => Promise<ChangeSet>) => Promise<T>,
): Promise<T> {
  const engine = createEngine(options);
  let repo: GitRepo | undefined;
  try {
    return await review(engine.extractors, async (reviewed) => checkoutChangeSet((repo = await openRepo(checkout)), reviewed));
  } finally {
    await repo?.close();
    await engine.close();
  }
}

const CANCELLED = 'the workflow run was cancelled or timed out';

/** The run's summary page: the review as the check shows it, or what became of it. */
function summaryOf(result: ReviewResult, target: ReviewTarget): string {
  if (result.kind === 'failed') return `## Data contract review\n\nThe review could not run: ${result.reason}\n`;
  if (result.kind === 'superseded') {
    return `## Data contract review\n\nThe pull request moved on to ${result.currentHead.slice(0, 7)} during the review of ${target.headSha.slice(0, 7)}; the workflow run for the newer commit reviews it.\n`;
  }
  const contractUrl = contractLink(target, target.baseSha);
  return `${renderMarkdown(result.review, { withoutMarker: true, contractUrl, headSha: target.headSha })}\n\n\`${CHECK_NAME}\`: **${result.review.conclusion}**, ${checkTitle(result.review)}.\n`;
}

function describeTarget(target: ReviewTarget): string {
  return target.kind === 'pull'
    ? `pull request #${target.number} at ${target.headSha.slice(0, 7)} (base ${target.baseSha.slice(0, 7)})`
    : `merge group ${target.headSha.slice(0, 7)} (base ${target.baseSha.slice(0, 7)})`;
}

/** GitHub refuses the workflow's token what its `permissions` leave out, and gives a fork's pull request a read-only one. */
function checkPermissionHint(error: unknown): string {
  if ((error as { status?: number }).status !== 403) return '';
  return (
    '. The job needs `permissions: checks: write` (and `pull-requests: write` for the comment); ' +
    'a workflow run for a pull request from a fork gets a read-only token whatever the workflow asks for'
  );
}

import type { Logger } from 'pino';
import type { Job, JobContext } from '../queue/queue.js';
import { CHECK_NAME, claimCheckRun, failCheckRun, handBackCheckRun, supersedeCheckRun, unfinishedRuns } from './check-run.js';
import type { GitHubClient, GitHubClients } from './client/installation-octokit.js';
import { decideAgainOnGitHub } from './agreement/decide-again.js';
import { notifyMerge } from './agreement/merged.js';
import { describeError } from './errors.js';
import { DEFAULT_REVIEW_TIMEOUT_MS, movedOn, type ReviewDependencies, type ReviewOutcome, reviewOnGitHub } from './review-on-github.js';
import type { ReviewRequest } from './review-request.js';
import type { LedgerEntry, RunLedger } from './run-ledger.js';
import { parseExternalId, type ReviewTarget } from './target.js';

export interface WorkerDependencies extends ReviewDependencies {
  clients: GitHubClients;
  log: Logger;
  /** Queues a review the worker found missing: the newer head of a pull request that moved on meanwhile. */
  enqueue: (request: ReviewRequest) => Promise<void>;
  underWay: RunsUnderWay;
  ledger: RunLedger;
  /** Where merge notices also go: a Slack-compatible incoming webhook. */
  notifyWebhookUrl?: string;
}

/** The check runs this process is reviewing now, so a process that stops leaves none of them in progress. */
export class RunsUnderWay {
  private readonly runs = new Map<number, { octokit: GitHubClient; target: ReviewTarget }>();

  add(checkRunId: number, octokit: GitHubClient, target: ReviewTarget): void {
    this.runs.set(checkRunId, { octokit, target });
  }

  delete(checkRunId: number): void {
    this.runs.delete(checkRunId);
  }

  get size(): number {
    return this.runs.size;
  }

  /**
   * For a process that stops before its reviews finish: with replicas sharing the queue, each run goes back to
   * waiting for the replica that takes its job over; alone, each is failed with a reason and a re-run to ask for.
   */
  async release(handBack: boolean, log: Logger): Promise<void> {
    await Promise.all(
      [...this.runs].map(async ([checkRunId, { octokit, target }]) => {
        try {
          if (handBack) await handBackCheckRun(octokit, target, checkRunId);
          else await failCheckRun(octokit, target, checkRunId, 'the app stopped before the review finished; re-run this check');
          this.runs.delete(checkRunId);
        } catch (error) {
          log.error({ err: error, checkRunId, reason: describeError(error) }, 'check run left in progress by a stopping process');
        }
      }),
    );
  }
}

/** After the review's own deadline, the time still given to GitHub to take the check's completion. */
const COMPLETION_GRACE_MS = 5 * 60 * 1000;

/**
 * One job from the queue: the pull request or merge group it names, its one check run claimed, the review run and
 * reported. Nothing here is retried as a whole: each GitHub request is, and the check is always completed.
 */
export async function processReview(job: Job<ReviewRequest>, queue: JobContext, dependencies: WorkerDependencies): Promise<void> {
  const request = job.data;
  const { appId, clients } = dependencies;
  let log = dependencies.log.child({ deliveryId: request.deliveryId, event: request.event, repository: `${request.owner}/${request.repo}` });
  const deadline = Date.now() + (dependencies.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS) + COMPLETION_GRACE_MS;
  const octokit = clients.forRepository(request.installationId, request.repo, deadline, log);
  try {
    const target = await resolveTarget(octokit, request, appId);
    if (!target) {
      log.info('nothing to review: the re-run names no pull request or merge group of this app');
      return;
    }
    log = log.child({ ...(target.kind === 'pull' ? { pullRequest: target.number } : { mergeGroup: target.headSha }), commit: target.headSha });
    if (request.purpose === 'notify' && target.kind === 'pull') {
      await notifyMerge(octokit, target, dependencies, log);
      return;
    }
    if (await queue.superseded()) {
      log.info('review skipped: a newer delivery for the same pull request is queued');
      return;
    }
    // Written before the run exists: a process that dies while GitHub creates it leaves a trace the next one follows.
    const claiming: LedgerEntry = { headSha: target.headSha };
    await dependencies.ledger.add(job.key, claiming);
    const claim = await claimCheckRun(octokit, target, appId, request.fresh);
    const running: LedgerEntry = { checkRunId: claim.id, headSha: target.headSha };
    if (claim.kind === 'claimed') await dependencies.ledger.add(job.key, running);
    await dependencies.ledger.remove(job.key, claiming);
    await retireLeftovers(octokit, target, job.key, claim.id, dependencies, log);
    if (claim.kind === 'already-reviewed' && request.purpose === 'decide' && target.kind === 'pull') {
      const outcome = await decideAgainOnGitHub(octokit, target, claim.id, dependencies, log);
      await followUp(request, target, outcome, dependencies);
      return;
    }
    if (claim.kind === 'already-reviewed') {
      log.info({ checkRunId: claim.id }, 'review skipped: this commit already has a completed check');
      // A late delivery of an older head may have overtaken the newest one in the queue.
      await followUp(request, target, await movedOn(octokit, target), dependencies);
      return;
    }
    log.info({ checkRunId: claim.id, reused: claim.reused, queuedMs: Date.now() - request.receivedAt }, 'review started');
    dependencies.underWay.add(claim.id, octokit, target);
    const outcome = await reviewOnGitHub(octokit, target, claim.id, dependencies, log).finally(() => dependencies.underWay.delete(claim.id));
    await dependencies.ledger.remove(job.key, running);
    await followUp(request, target, outcome, dependencies);
  } catch (error) {
    log.error({ err: error, reason: describeError(error) }, 'review could not start');
    if (request.subject.kind !== 'pull') return;
    const target: ReviewTarget = { owner: request.owner, repo: request.repo, htmlUrl: request.htmlUrl, ...request.subject };
    await followUp(request, target, await movedOn(octokit, target), dependencies).catch((failure: unknown) =>
      log.error({ err: failure, reason: describeError(failure) }, 'the newest head could not be queued'),
    );
  }
}

/** Deliveries can arrive out of order: the newest head may have been collapsed behind this older one. */
async function followUp(request: ReviewRequest, target: ReviewTarget, outcome: ReviewOutcome, dependencies: WorkerDependencies): Promise<void> {
  if (outcome.kind !== 'superseded' || target.kind !== 'pull') return;
  await dependencies.enqueue({
    ...request,
    deliveryId: `${request.deliveryId}+${outcome.currentHead.slice(0, 12)}`,
    subject: { kind: 'pull', number: target.number, headSha: outcome.currentHead, baseSha: outcome.currentBase },
    fresh: false,
  });
}

/**
 * Runs of this app that a process which stopped or died left unfinished for this pull request, on any head: the
 * newest head's run was just claimed; the others are completed as superseded, so none stays in progress.
 */
async function retireLeftovers(
  octokit: GitHubClient,
  target: ReviewTarget,
  key: string,
  claimedId: number,
  dependencies: WorkerDependencies,
  log: Logger,
): Promise<void> {
  for (const entry of await dependencies.ledger.list(key)) {
    if (entry.checkRunId === claimedId || (entry.checkRunId === undefined && entry.headSha === target.headSha)) continue;
    try {
      if (entry.headSha !== target.headSha) {
        // A run whose creation was under way when its process stopped: whatever GitHub made of it is found by listing.
        const left = entry.checkRunId === undefined ? await unfinishedRuns(octokit, { ...target, headSha: entry.headSha }, dependencies.appId) : [entry.checkRunId];
        for (const checkRunId of left) await supersedeCheckRun(octokit, target, checkRunId);
      }
      await dependencies.ledger.remove(key, entry);
      log.info({ checkRunId: entry.checkRunId, leftOn: entry.headSha }, 'completed a run a stopped process left in progress');
    } catch (error) {
      log.warn({ err: error, checkRunId: entry.checkRunId, reason: describeError(error) }, 'a run left in progress could not be completed yet');
    }
  }
}

/** What a delivery reviews; a re-run finds its pull request or merge group again from what it carries or stored. */
async function resolveTarget(octokit: GitHubClient, request: ReviewRequest, appId: number): Promise<ReviewTarget | undefined> {
  const { owner, repo, htmlUrl, subject } = request;
  const where = { owner, repo, htmlUrl };
  if (subject.kind === 'pull') return { ...where, ...subject };
  if (subject.kind === 'merge-group') return { kind: 'merge-group', ...where, headSha: subject.headSha, baseSha: subject.baseSha };
  const stored = subject.pull === undefined && subject.mergeGroupBase === undefined ? await storedTarget(octokit, request, appId) : subject;
  if (stored.mergeGroupBase) return { kind: 'merge-group', ...where, headSha: subject.headSha, baseSha: stored.mergeGroupBase };
  if (stored.pull === undefined) return undefined;
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: stored.pull });
  return { kind: 'pull', ...where, number: stored.pull, headSha: subject.headSha, baseSha: data.base.sha };
}

/** Check suites of forks and merge groups carry no pull request: the check run this app created remembers. */
async function storedTarget(octokit: GitHubClient, request: ReviewRequest, appId: number): Promise<ReturnType<typeof parseExternalId>> {
  const { data } = await octokit.rest.checks.listForRef({ owner: request.owner, repo: request.repo, ref: request.subject.headSha, check_name: CHECK_NAME, app_id: appId });
  const ours = data.check_runs.filter((run) => run.app?.id === appId).map((run) => parseExternalId(run.external_id));
  return ours.find((stored) => stored.pull !== undefined || stored.mergeGroupBase !== undefined) ?? {};
}

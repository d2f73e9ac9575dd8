import type { GitHubClient } from './client/installation-octokit.js';
import { countBySeverity } from '../render/findings.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../render/markdown.js';
import type { Finding, Review } from '../core/review.js';
import { externalId, parseExternalId, type ReviewTarget } from './target.js';
import { plural } from '../core/words.js';

/** The check's name is an API: branch protection rules require it by this name. */
export const CHECK_NAME = 'data-contracts';
/** GitHub takes at most 50 annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50;

const ANNOTATION_LEVELS = { error: 'failure', blocking: 'failure', advisory: 'warning', drift: 'notice', info: 'notice' } as const;

type Annotation = {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
};

/** This app's run of the check for a head, as GitHub lists it. */
interface OwnRun {
  id: number;
  status: string;
  conclusion?: string | null;
  external_id: string | null;
}

export type CheckRunClaim = { kind: 'already-reviewed'; id: number } | { kind: 'claimed'; id: number; reused: boolean };

/**
 * The one run of the check a review of this head reports on. An unfinished run of this app for the head (a lost
 * response, a process that died, another delivery) is taken over rather than doubled; a finished one means the head
 * is already reviewed, unless a fresh review was asked for (a re-run, a new base), which gets a run of its own. A run
 * cancelled before its review finished gave no verdict: the head is reviewed again, in a run of its own.
 * Any other unfinished run of this app for the head is retired, so nothing is left in progress.
 */
export async function claimCheckRun(octokit: GitHubClient, target: ReviewTarget, appId: number, fresh: boolean): Promise<CheckRunClaim> {
  const runs = await ownRuns(octokit, target, appId);
  const newest = runs.at(-1);
  let claim: CheckRunClaim;
  if (newest?.status === 'completed' && newest.conclusion !== 'cancelled' && !fresh) claim = { kind: 'already-reviewed', id: newest.id };
  else if (newest && newest.status !== 'completed') claim = { kind: 'claimed', id: newest.id, reused: true };
  else claim = { kind: 'claimed', id: await createRun(octokit, target, appId, newest?.id ?? 0), reused: false };
  for (const run of runs) {
    if (run.id !== claim.id && run.status !== 'completed') await retireCheckRun(octokit, target, run.id);
  }
  if (claim.kind === 'claimed' && claim.reused) await markInProgress(octokit, target, claim.id);
  return claim;
}

/** This app's runs for the target's head that are not completed. */
export async function unfinishedRuns(octokit: GitHubClient, target: ReviewTarget, appId: number): Promise<number[]> {
  return (await ownRuns(octokit, target, appId)).filter((run) => run.status !== 'completed').map((run) => run.id);
}

/** This app's runs for the target's head and pull request (or merge group), oldest first. */
async function ownRuns(octokit: GitHubClient, target: ReviewTarget, appId: number): Promise<OwnRun[]> {
  const runs: OwnRun[] = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    check_name: CHECK_NAME,
    app_id: appId,
    filter: 'all',
    per_page: 100,
  });
  const ours = externalId(target);
  return runs
    .filter((run) => (run as { app?: { id?: number } | null }).app?.id === appId && sameTarget(run.external_id, ours))
    .sort((first, second) => first.id - second.id);
}

function sameTarget(stored: string | null, ours: string): boolean {
  const [a, b] = [parseExternalId(stored), parseExternalId(ours)];
  return a.pull === b.pull && a.mergeGroupBase === b.mergeGroupBase;
}

/**
 * GitHub may create the run and lose the answer: before creating again, look whether a run newer than `since` is
 * there already.
 */
async function createRun(octokit: GitHubClient, target: ReviewTarget, appId: number, since: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data } = await octokit.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        name: CHECK_NAME,
        head_sha: target.headSha,
        status: 'in_progress',
        external_id: externalId(target),
        started_at: new Date().toISOString(),
        output: IN_PROGRESS_OUTPUT,
      });
      if (data.app && data.app.id !== appId) await refuseOtherApp(octokit, target, data.id, data.app, appId);
      return data.id;
    } catch (error) {
      if (error instanceof OtherAppError) throw error;
      const status = (error as { status?: number }).status;
      if ((status !== undefined && status < 500) || attempt >= CREATE_ATTEMPTS) throw error;
      const created = (await ownRuns(octokit, target, appId)).find((run) => run.id > since && run.status !== 'completed');
      if (created) return created.id;
    }
  }
}

/** The token acts as another app than the one the review finds its runs and comments by. */
export class OtherAppError extends Error {
  override readonly name = 'OtherAppError';
}

/**
 * A run created by another app than the one the review looks for (a GitHub Action given its own app's token without
 * that app's slug) would never be found again: every run would add a check run and a comment. Completed, and refused.
 */
async function refuseOtherApp(octokit: GitHubClient, target: ReviewTarget, runId: number, app: { id: number; slug?: string }, appId: number): Promise<never> {
  const reason = `the token acts as the GitHub App "${app.slug ?? app.id}" (id ${app.id}), not the app with id ${appId} the review was told of: set \`app-slug: ${app.slug ?? '<its slug>'}\``;
  await failCheckRun(octokit, target, runId, reason);
  throw new OtherAppError(reason);
}

const CREATE_ATTEMPTS = 4;
const IN_PROGRESS_OUTPUT = { title: 'Reviewing data contracts…', summary: 'The review has started.' };

async function markInProgress(octokit: GitHubClient, target: ReviewTarget, checkRunId: number): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'in_progress',
    output: IN_PROGRESS_OUTPUT,
  });
}

/** A second unfinished run of this app for one head: completed, so no run is left in progress. */
async function retireCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number): Promise<void> {
  await cancelCheckRun(octokit, target, checkRunId, {
    title: 'Replaced by another run of this check',
    summary: 'Another run of `data-contracts` reports on this commit.',
  });
}

async function cancelCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number, output: { title: string; summary: string }): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: 'cancelled',
    completed_at: new Date().toISOString(),
    output,
  });
}

/**
 * Completes the check with the review: conclusion, title with the counts, summary, annotations 50 per request.
 * The first request completes the check, so annotations GitHub refuses never cost the review's conclusion.
 */
export async function completeCheckRun(
  octokit: GitHubClient,
  target: ReviewTarget,
  checkRunId: number,
  review: Review,
  contractUrl: (file: string) => string,
  { annotate = true }: { annotate?: boolean } = {},
): Promise<{ annotationsDropped: number }> {
  const title = checkTitle(review);
  const summary = renderMarkdown(review, { withoutMarker: true, contractUrl, headSha: target.headSha, maxLength: GITHUB_COMMENT_LIMIT });
  const [first = [], ...rest] = annotate ? chunk(review.findings.flatMap(annotationOf), ANNOTATIONS_PER_REQUEST) : [];
  const update = (fields: Record<string, unknown>, annotations: Annotation[]) =>
    octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: checkRunId,
      ...fields,
      output: { title, summary, annotations },
    });
  const completion = { status: 'completed', conclusion: review.conclusion, completed_at: new Date().toISOString() };
  try {
    await update(completion, first);
  } catch (error) {
    if (first.length === 0 || !isRefusal(error)) throw error;
    await update(completion, []);
    return { annotationsDropped: first.length + rest.flat().length };
  }
  for (const [index, batch] of rest.entries()) {
    try {
      await update({}, batch);
    } catch {
      return { annotationsDropped: rest.slice(index).flat().length };
    }
  }
  return { annotationsDropped: 0 };
}

/** GitHub refusing the request's content (4xx other than authentication), as opposed to failing to answer. */
function isRefusal(error: unknown): boolean {
  const status = (error as { status?: number }).status ?? 0;
  return status >= 400 && status < 500 && status !== 401 && status !== 403;
}

/** A review that could not run still completes its check: a required check left pending blocks every merge. */
export async function failCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number, reason: string): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: 'failure',
    completed_at: new Date().toISOString(),
    output: {
      title: truncate(`The review could not run: ${reason}`, 200),
      summary: truncate(
        `The data contract review of \`${target.headSha.slice(0, 7)}\` could not finish, so it cannot say whether ` +
          `the change is safe.\n\n**Why:** ${reason}\n\nOnce the cause is fixed (or if it was a passing GitHub ` +
          'error), use **Re-run** on this check.',
        GITHUB_COMMENT_LIMIT,
      ),
    },
  });
}

/**
 * The review was stopped before it finished (a cancelled workflow run): no verdict, so the next event on the pull
 * request reviews the head again.
 */
export async function interruptCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number, reason: string): Promise<void> {
  await cancelCheckRun(octokit, target, checkRunId, {
    title: truncate(`Not reviewed: ${reason}`, 200),
    summary:
      `The data contract review of \`${target.headSha.slice(0, 7)}\` was stopped before it finished (${reason}), so it ` +
      'cannot say whether the change is safe. The next push, label or review on the pull request reviews it again; or re-run the workflow.',
  });
}

/** A newer push made this review stale: its result describes a commit that is no longer the PR's head. */
export async function supersedeCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number): Promise<void> {
  await cancelCheckRun(octokit, target, checkRunId, {
    title: 'Superseded by a newer commit',
    summary: 'The pull request moved on while this commit was reviewed.',
  });
}

export function checkTitle(review: Review): string {
  const counts = countBySeverity(review.findings);
  // Contracts the pull request edits count too: they are judged as changes to agreements.
  const judged = new Set([...review.contracts.filter((contract) => contract.evaluated).map((contract) => contract.id), ...review.findings.map((finding) => finding.contract)]);
  const contracts = plural(judged.size, 'contract');
  const parts = [
    counts.error > 0 && plural(counts.error, 'error'),
    counts.blocking > 0 && `${counts.blocking} blocking`,
    counts.accepted > 0 && `${counts.accepted} accepted`,
    counts.advisory > 0 && `${counts.advisory} advisory`,
    review.errors.length > 0 && plural(review.errors.length, 'contract error'),
  ].filter((part): part is string => Boolean(part));
  const overridden = review.override?.allowed ? `Overridden by @${review.override.by}: ` : '';
  // Where the findings are: a contract checked without any is not counted in.
  const withFindings = new Set(review.findings.filter((finding) => finding.severity !== 'info' && finding.severity !== 'drift').map((finding) => finding.contract));
  if (parts.length > 0) return `${overridden}${parts.join(', ')}${withFindings.size > 0 ? ` in ${plural(withFindings.size, 'contract')}` : ''}`;
  if (judged.size === 0) return 'No contracted asset changed';
  return `All clear: ${contracts} checked`;
}

function annotationOf(finding: Finding): Annotation[] {
  if (!finding.file || finding.severity === 'info') return [];
  // An accepted break no longer fails anything: it stays visible on its line, as a notice.
  const level = finding.accepted ? 'notice' : ANNOTATION_LEVELS[finding.severity];
  const contacts = finding.consumers.map((consumer) => `${consumer.name} (${consumer.contact})`).join(', ');
  return [
    {
      path: finding.file,
      start_line: finding.line ?? 1,
      end_line: finding.line ?? 1,
      annotation_level: level,
      title: truncate(`${finding.accepted ? 'accepted' : finding.severity}: ${finding.rule}${finding.field ? ` (${finding.field})` : ''} · contract ${finding.contract}`, 255),
      // GitHub's limit is 64 KB in bytes; a quarter of it in characters is safe whatever the script.
      message: truncate(contacts ? `${finding.message}\nContact: ${contacts}` : finding.message, 16 * 1024),
    },
  ];
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A review handed to another replica as this process stops: the run waits for it, not in progress. */
export async function handBackCheckRun(octokit: GitHubClient, target: ReviewTarget, checkRunId: number): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'queued',
    output: { title: 'Waiting for another worker', summary: 'The process reviewing this commit stopped; another one takes the review over.' },
  });
}

import type { ProbotOctokit } from 'probot';
import { countBySeverity, plural } from '../render/findings.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../render/markdown.js';
import type { Finding, Review } from '../review/types.js';
import { externalId, type ReviewTarget } from './target.js';

type Octokit = InstanceType<typeof ProbotOctokit>;

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

export async function startCheckRun(octokit: Octokit, target: ReviewTarget): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_NAME,
    head_sha: target.headSha,
    status: 'in_progress',
    external_id: externalId(target),
    started_at: new Date().toISOString(),
    output: { title: 'Reviewing data contracts…', summary: 'The review has started.' },
  });
  return data.id;
}

/** Completes the check with the review: conclusion, title with the counts, summary, annotations 50 at a time. */
export async function completeCheckRun(
  octokit: Octokit,
  target: ReviewTarget,
  checkRunId: number,
  review: Review,
  contractUrl: (file: string) => string,
): Promise<void> {
  const title = checkTitle(review);
  const summary = renderMarkdown(review, { withoutMarker: true, contractUrl, headSha: target.headSha, maxLength: GITHUB_COMMENT_LIMIT });
  const annotations = review.findings.flatMap(annotationOf);
  const batches = chunk(annotations, ANNOTATIONS_PER_REQUEST);
  const base = { owner: target.owner, repo: target.repo, check_run_id: checkRunId };
  for (const [index, batch] of (batches.length > 0 ? batches : [[]]).entries()) {
    const last = index === Math.max(batches.length, 1) - 1;
    await octokit.rest.checks.update({
      ...base,
      ...(last ? { status: 'completed', conclusion: review.conclusion, completed_at: new Date().toISOString() } : {}),
      output: { title, summary, annotations: batch },
    });
  }
}

/** A review that could not run still completes its check: a required check left pending blocks every merge. */
export async function failCheckRun(octokit: Octokit, target: ReviewTarget, checkRunId: number, reason: string): Promise<void> {
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

/** A newer push made this review stale: its result describes a commit that is no longer the PR's head. */
export async function supersedeCheckRun(octokit: Octokit, target: ReviewTarget, checkRunId: number): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: 'cancelled',
    completed_at: new Date().toISOString(),
    output: { title: 'Superseded by a newer commit', summary: 'The pull request moved on while this commit was reviewed.' },
  });
}

export function checkTitle(review: Review): string {
  const counts = countBySeverity(review.findings);
  const contracts = plural(review.contracts.filter((contract) => contract.evaluated).length, 'contract');
  const parts = [
    counts.error > 0 && plural(counts.error, 'error'),
    counts.blocking > 0 && `${counts.blocking} blocking`,
    counts.advisory > 0 && `${counts.advisory} advisory`,
    review.errors.length > 0 && plural(review.errors.length, 'contract error'),
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return `${parts.join(', ')} in ${contracts}`;
  if (!review.contracts.some((contract) => contract.evaluated)) return 'No contracted asset changed';
  return `All clear: ${contracts} checked`;
}

function annotationOf(finding: Finding): Annotation[] {
  if (!finding.file || finding.severity === 'info') return [];
  const level = ANNOTATION_LEVELS[finding.severity];
  const contacts = finding.consumers.map((consumer) => `${consumer.name} (${consumer.contact})`).join(', ');
  return [
    {
      path: finding.file,
      start_line: finding.line ?? 1,
      end_line: finding.line ?? 1,
      annotation_level: level,
      title: truncate(`${finding.severity}: ${finding.rule}${finding.field ? ` (${finding.field})` : ''} · contract ${finding.contract}`, 255),
      message: truncate(contacts ? `${finding.message}\nContact: ${contacts}` : finding.message, 64 * 1024),
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

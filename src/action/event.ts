import type { ReviewTarget } from '../github/target.js';

/**
 * What one workflow run asks of the review. `fresh`: review even if the head already has a completed check (a re-run
 * of the workflow, a pull request moved to another base). `decide`: what people said changed (an approval, a
 * label), so a head already reviewed is judged again into its check rather than skipped.
 */
export type ActionRequest =
  | { kind: 'review'; target: ReviewTarget; fresh: boolean; decide: boolean }
  | { kind: 'ignored'; reason: string };

const REVIEWED_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);
const DECIDING_REVIEW_ACTIONS = new Set(['submitted', 'edited', 'dismissed']);

const SUPPORTED_EVENTS =
  '`pull_request` or `pull_request_target` (opened, synchronize, reopened, ready_for_review, edited; ' +
  'labeled and unlabeled decide again), `pull_request_review` (submitted, edited, dismissed) and `merge_group` ' +
  '(checks_requested)';

interface Where {
  owner: string;
  repo: string;
  /** A re-run of the workflow: its first attempt may have reviewed this head already. */
  rerun: boolean;
}

/** The event as the runner wrote it to `GITHUB_EVENT_PATH`: the webhook payload GitHub sent for it. */
export function actionRequest(eventName: string, payload: unknown, where: Where): ActionRequest {
  const event = record(payload, 'the event payload');
  const action = typeof event.action === 'string' ? event.action : '';
  const htmlUrl = repositoryUrl(event);
  if (eventName === 'merge_group') {
    if (action !== 'checks_requested') return ignored(eventName, action);
    const group = record(event.merge_group, 'merge_group');
    const target: ReviewTarget = { kind: 'merge-group', owner: where.owner, repo: where.repo, htmlUrl, headSha: sha(group, 'head_sha'), baseSha: sha(group, 'base_sha') };
    return { kind: 'review', target, fresh: where.rerun, decide: false };
  }
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target' && eventName !== 'pull_request_review') return ignored(eventName, action);
  const pull = record(event.pull_request, 'pull_request');
  const number = pull.number;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new EventError('pull_request.number is missing from the event payload');
  const target: ReviewTarget = {
    kind: 'pull',
    owner: where.owner,
    repo: where.repo,
    number,
    htmlUrl,
    headSha: sha(record(pull.head, 'pull_request.head'), 'sha'),
    baseSha: sha(record(pull.base, 'pull_request.base'), 'sha'),
  };
  const review = (fresh: boolean, decide: boolean): ActionRequest => ({ kind: 'review', target, fresh: fresh || where.rerun, decide });
  if (eventName === 'pull_request_review') return DECIDING_REVIEW_ACTIONS.has(action) ? review(false, true) : ignored(eventName, action);
  if (REVIEWED_ACTIONS.has(action)) return review(false, false);
  // An edit without a new base changes nothing reviewed, but the head may have no verdict yet: the run for its push
  // cancelled (the workflow's concurrency) or never started. Claiming costs one request when the verdict is there.
  if (action === 'edited') return review(Boolean((event.changes as { base?: unknown } | undefined)?.base), false);
  if ((action === 'labeled' || action === 'unlabeled') && pull.state === 'open') return review(false, true);
  return ignored(eventName, action);
}

export class EventError extends Error {
  override readonly name = 'EventError';
}

function ignored(eventName: string, action: string): ActionRequest {
  return { kind: 'ignored', reason: `\`${eventName}${action ? `.${action}` : ''}\` is not an event this review runs on; it runs on ${SUPPORTED_EVENTS}` };
}

function repositoryUrl(event: Record<string, unknown>): string {
  const url = (event.repository as { html_url?: unknown } | undefined)?.html_url;
  if (typeof url !== 'string') throw new EventError('repository.html_url is missing from the event payload');
  return url.replace(/\/+$/, '');
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EventError(`${name} is missing from the event payload`);
  return value as Record<string, unknown>;
}

function sha(holder: Record<string, unknown>, field: string): string {
  const value = holder[field];
  if (typeof value !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value)) throw new EventError(`${field} in the event payload is not a commit SHA`);
  return value;
}

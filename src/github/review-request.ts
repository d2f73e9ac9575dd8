import type { Job } from '../queue/queue.js';

/** What a webhook delivery asks to be reviewed, as far as its payload says: the queue's job. */
export interface ReviewRequest {
  deliveryId: string;
  /** `pull_request.synchronize`, `merge_group.checks_requested`, ... */
  event: string;
  installationId: number;
  owner: string;
  repo: string;
  htmlUrl: string;
  subject:
    | { kind: 'pull'; number: number; headSha: string; baseSha: string }
    | { kind: 'merge-group'; headSha: string; baseSha: string }
    /** A re-run: what it reviews is found from the pull request, or from the check run this app stored. */
    | { kind: 'rerun'; headSha: string; pull?: number; mergeGroupBase?: string };
  /** Review even when the head already has a finished run (a re-run, a pull request moved to another base). */
  fresh: boolean;
  /**
   * `decide`: what people said changed (a review submitted or dismissed, a label): the head's check is decided again
   * from its judged review, and judged only if it has none yet. `notify`: the pull request was merged; its consumers
   * are told. Absent: a review.
   */
  purpose?: 'decide' | 'notify';
  /** When the delivery arrived (epoch ms), for the time from push to check. */
  receivedAt: number;
}

/** Work for one pull request is one key: a burst of pushes collapses to the newest, and never runs twice at once. */
export function reviewJob(request: ReviewRequest): Job<ReviewRequest> {
  const { owner, repo, subject } = request;
  const pull = subject.kind === 'merge-group' ? undefined : subject.kind === 'pull' ? subject.number : subject.pull;
  const key = pull === undefined ? `${owner}/${repo}@${subject.headSha}` : `${owner}/${repo}#${pull}`;
  // A merge's notice must not be collapsed into a later job for the pull request: it has its own key.
  if (request.purpose === 'notify') return { key: `${key}:merged`, id: request.deliveryId, data: request };
  return { key, id: request.deliveryId, data: request };
}

import type { ApplicationFunction } from 'probot';
import { CHECK_NAME } from './check-run.js';
import type { ReviewRequest } from './review-request.js';
import { parseExternalId } from './target.js';

export interface AppOptions {
  appId: number;
  /** Hands a review to the queue; resolves once it is stored. */
  enqueue: (request: ReviewRequest) => Promise<void>;
}

const PULL_REQUEST_ACTIONS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

interface Repository {
  name: string;
  owner: { login: string };
  html_url: string;
}

/**
 * The Probot entry: turns events into review requests for the queue, nothing more. It makes no GitHub request, so a
 * delivery is answered in milliseconds; a delivery without an installation cannot be acted on and is ignored.
 */
export function dataContractsApp(options: AppOptions): ApplicationFunction {
  return (app) => {
    const enqueue = async (
      context: { id: string; name: string; payload: { installation?: { id: number }; action?: string } },
      repository: Repository,
      subject: ReviewRequest['subject'],
      fresh: boolean,
      purpose?: ReviewRequest['purpose'],
    ): Promise<void> => {
      const installationId = context.payload.installation?.id;
      if (installationId === undefined) {
        app.log.warn({ deliveryId: context.id, event: context.name }, 'delivery ignored: it names no installation');
        return;
      }
      await options.enqueue({
        deliveryId: context.id,
        event: `${context.name}.${context.payload.action ?? ''}`,
        installationId,
        owner: repository.owner.login,
        repo: repository.name,
        htmlUrl: repository.html_url,
        subject,
        fresh,
        ...(purpose ? { purpose } : {}),
        receivedAt: Date.now(),
      });
    };

    app.on([...PULL_REQUEST_ACTIONS], (context) => {
      const { pull_request: pull, repository } = context.payload;
      return enqueue(context, repository, { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, false);
    });
    app.on('pull_request.edited', (context) => {
      const { pull_request: pull, repository, changes } = context.payload;
      if (!changes.base) return undefined;
      return enqueue(context, repository, { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, true);
    });
    // What people say on a pull request decides its check again: approvals accept findings, a label overrides.
    app.on(['pull_request_review.submitted', 'pull_request_review.edited', 'pull_request_review.dismissed'], (context) => {
      const { pull_request: pull, repository } = context.payload;
      return enqueue(context, repository, { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, false, 'decide');
    });
    app.on(['pull_request.labeled', 'pull_request.unlabeled'], (context) => {
      const { pull_request: pull, repository } = context.payload;
      if (pull.state !== 'open') return undefined;
      return enqueue(context, repository, { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, false, 'decide');
    });
    app.on('pull_request.closed', (context) => {
      const { pull_request: pull, repository } = context.payload;
      if (!pull.merged) return undefined;
      return enqueue(context, repository, { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, false, 'notify');
    });
    app.on('merge_group.checks_requested', (context) => {
      const { merge_group: group, repository } = context.payload;
      if (!repository) return undefined;
      return enqueue(context, repository, { kind: 'merge-group', headSha: group.head_sha, baseSha: group.base_sha }, false);
    });
    app.on('check_run.rerequested', (context) => {
      const { check_run: run, repository } = context.payload;
      if (run.name !== CHECK_NAME || run.app?.id !== options.appId) return undefined;
      const stored = parseExternalId(run.external_id);
      const pull = run.pull_requests[0]?.number ?? stored.pull;
      return enqueue(context, repository, { kind: 'rerun', headSha: run.head_sha, ...stored, ...(pull === undefined ? {} : { pull }) }, true);
    });
    app.on('check_suite.rerequested', (context) => {
      const { check_suite: suite, repository } = context.payload;
      const pull = suite.pull_requests[0]?.number;
      return enqueue(context, repository, { kind: 'rerun', headSha: suite.head_sha, ...(pull === undefined ? {} : { pull }) }, true);
    });
  };
}

import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import type { PullReview, PullState } from '../../support/fake-github/context.js';
import {
  type PullRequestPayloadOptions,
  type PullRequestReference,
  checkRunRerequestedPayload,
  checkSuiteRerequestedPayload,
  mergeGroupPayload,
  pullRequestPayload,
  pullRequestReviewPayload,
} from '../../support/fake-github/webhooks.js';
import { APP_ID } from './app.js';
import { SHOP } from './shop.js';

/** A delivery to the shop, as `probot.receive` takes it. */
export type Delivery = Parameters<Probot['receive']>[0];

type PullRequestAction = Parameters<typeof pullRequestPayload>[0];

/** A pull request event on the shop: `fork` puts the head in a fork, `changes` are an `edited` delivery's. */
export function pullRequestEvent(
  action: PullRequestAction,
  pull: PullRequestReference & Pick<PullRequestPayloadOptions, 'fork' | 'changes'>,
): Delivery {
  return delivery('pull_request', pullRequestPayload(action, { ...SHOP, ...pull }));
}

/** A review submitted or dismissed on the pull request as the stand-in has it now. */
export function reviewEvent(action: 'submitted' | 'dismissed', pull: PullState, review: PullReview, sender?: string): Delivery {
  return delivery(
    'pull_request_review',
    pullRequestReviewPayload(action, { ...SHOP, ...pull, review, ...(sender === undefined ? {} : { sender }) }),
  );
}

/** `label` added to or removed from the pull request by `actor`; `pull` already shows the change. */
export function labelEvent(action: 'labeled' | 'unlabeled', pull: PullState, label: string, actor: string): Delivery {
  return delivery('pull_request', pullRequestPayload(action, { ...SHOP, ...pull, label, sender: actor }));
}

/** `closed` for the pull request as the stand-in has it: merged once `mergePull` merged it. */
export function closedEvent(pull: PullState): Delivery {
  return delivery('pull_request', pullRequestPayload('closed', { ...SHOP, ...pull }));
}

/** "Re-run" on one check run of the app `appId`; GitHub lists no fork's pull request in it. */
export function checkRunRerequestedEvent(run: {
  checkRunId: number;
  name: string;
  appId: number;
  headSha: string;
  externalId: string;
}): Delivery {
  return delivery('check_run', checkRunRerequestedPayload({ ...SHOP, headBranch: 'feature', ...run }));
}

/** "Re-run all checks" of this app on a commit; GitHub lists no fork's pull request in it. */
export function checkSuiteRerequestedEvent(headSha: string): Delivery {
  return delivery('check_suite', checkSuiteRerequestedPayload({ ...SHOP, appId: APP_ID, headSha, headBranch: 'feature' }));
}

/** The merge queue's check of pull request 7 on `main`. */
export function mergeGroupEvent(group: { baseSha: string; headSha: string }): Delivery {
  return delivery(
    'merge_group',
    mergeGroupPayload({ ...SHOP, ...group, headRef: `gh-readonly-queue/main/pr-7-${group.baseSha}`, baseRef: 'main' }),
  );
}

function delivery(name: Delivery['name'], payload: object): Delivery {
  return { id: randomUUID(), name, payload } as Delivery;
}

import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import {
  type PullRequestPayloadOptions,
  type PullRequestReference,
  checkRunRerequestedPayload,
  checkSuiteRerequestedPayload,
  mergeGroupPayload,
  pullRequestPayload,
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

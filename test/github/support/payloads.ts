import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { Probot } from 'probot';
import type { RepositoryRef } from './nock-github.js';

/** A delivery as `probot.receive` takes it. */
export type Delivery = Parameters<Probot['receive']>[0];

export interface Installed extends RepositoryRef {
  installationId: number;
}

type EventName = 'pull_request' | 'check_run' | 'check_suite' | 'merge_group';
type Example<Name extends EventName> = WebhookDefinition<Name>['examples'][number];

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** A pull request event, from GitHub's example of that action moved to the repository, commits and number given. */
export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review',
  repository: Installed,
  pull: { number: number; base: string; head: string; fromFork?: boolean },
): Delivery {
  const payload = example('pull_request', action, repository);
  payload.number = pull.number;
  payload.pull_request.number = pull.number;
  Object.assign(payload.pull_request.base, { ref: 'main', sha: pull.base, repo: payload.repository });
  const headRepository = pull.fromFork
    ? {
        ...payload.repository,
        id: repository.id + 1,
        fork: true,
        full_name: `contributor/${repository.name}`,
        html_url: `https://github.com/contributor/${repository.name}`,
        owner: { ...payload.repository.owner, login: 'contributor' },
      }
    : payload.repository;
  Object.assign(payload.pull_request.head, { ref: `pr-${pull.number}`, sha: pull.head, repo: headRepository });
  if ('after' in payload) payload.after = pull.head;
  return delivery('pull_request', payload);
}

/**
 * `edited`: the examples hold none from an installation, so a `synchronize` delivery is re-labelled, with the
 * `changes` GitHub sends (`base` present when the pull request was retargeted).
 */
export function pullRequestEditedEvent(
  repository: Installed,
  pull: { number: number; base: string; head: string },
  changes: Record<string, unknown>,
): Delivery {
  const edited = pullRequestEvent('synchronize', repository, pull);
  return { ...edited, payload: { ...(edited.payload as object), action: 'edited', changes } } as Delivery;
}

/** "Re-run" on one check run; a fork's pull request is not listed in `pull_requests`, so none is. */
export function checkRunRerequestedEvent(
  repository: Installed,
  run: { id: number; name: string; appId: number; headSha: string; externalId: string },
): Delivery {
  const payload = example('check_run', 'rerequested', repository);
  Object.assign(payload.check_run, { id: run.id, name: run.name, head_sha: run.headSha, external_id: run.externalId, pull_requests: [] });
  payload.check_run.app.id = run.appId;
  Object.assign(payload.check_run.check_suite, { head_sha: run.headSha, after: run.headSha, pull_requests: [] });
  return delivery('check_run', payload);
}

/** "Re-run all checks" on a commit; GitHub lists no pull request for a fork's head. */
export function checkSuiteRerequestedEvent(repository: Installed, suite: { appId: number; headSha: string }): Delivery {
  const payload = example('check_suite', 'rerequested', repository);
  Object.assign(payload.check_suite, { head_sha: suite.headSha, after: suite.headSha, pull_requests: [] });
  payload.check_suite.app.id = suite.appId;
  payload.check_suite.head_commit.id = suite.headSha;
  return delivery('check_suite', payload);
}

export function mergeGroupEvent(repository: Installed, group: { base: string; head: string }): Delivery {
  const payload = example('merge_group', 'checks_requested', repository);
  Object.assign(payload.merge_group, {
    head_sha: group.head,
    base_sha: group.base,
    head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${group.base}`,
    base_ref: 'refs/heads/main',
  });
  payload.merge_group.head_commit.id = group.head;
  return delivery('merge_group', payload);
}

/** A deep copy of the package's example of `name.action` sent to an installation, moved to `repository`. */
function example<Name extends EventName>(name: Name, action: string, repository: Installed): Example<Name> & { repository: object } {
  const definition = definitions.find((candidate) => candidate.name === name) as WebhookDefinition<Name> | undefined;
  const found = definition?.examples.find((candidate) => 'action' in candidate && candidate.action === action && 'installation' in candidate);
  if (!found || !('repository' in found) || !found.repository) throw new Error(`@octokit/webhooks-examples has no ${name}.${action} example`);
  const payload = structuredClone(found);
  const fullName = `${repository.owner}/${repository.name}`;
  Object.assign(payload.repository, {
    id: repository.id,
    name: repository.name,
    full_name: fullName,
    owner: { ...payload.repository.owner, login: repository.owner },
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
  });
  Object.assign((payload as { installation: object }).installation, { id: repository.installationId });
  return payload;
}

function delivery(name: EventName, payload: object): Delivery {
  return { id: randomUUID(), name, payload } as Delivery;
}

import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { CheckRunPullRequest, Repository } from '@octokit/webhooks-types';
import type { Context } from 'probot';

/** Every example payload GitHub's Octokit team collected, by event. */
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** The owner of the fork a `fork: true` pull request comes from. */
export const FORK_OWNER = 'fork-contributor';

type BuiltEvent = 'pull_request' | 'check_run' | 'check_suite' | 'merge_group';
/** The payload type Probot hands its handlers. */
type ProbotPayload<Event extends BuiltEvent> = Context<Event>['payload'];
type Example<Event extends BuiltEvent> = WebhookDefinition<Event>['examples'][number];

export interface DeliveryTarget {
  owner: string;
  repo: string;
  installationId: number;
}

/** A pull request as a check run or check suite lists it. */
export interface PullRequestReference {
  number: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
}

export interface PullRequestPayloadOptions extends DeliveryTarget, PullRequestReference {
  /** The head branch lives in `FORK_OWNER`'s fork. */
  fork?: boolean;
  /** The `changes` of an `edited` delivery: `{ base: { ref: { from }, sha: { from } } }` for a retargeted base. */
  changes?: Record<string, unknown>;
}

export interface CheckSuitePayloadOptions extends DeliveryTarget {
  appId: number;
  headSha: string;
  headBranch: string;
  /** Open pull requests from this repository whose head is `headSha`; GitHub lists none from forks. */
  pullRequests?: PullRequestReference[];
}

export interface CheckRunPayloadOptions extends CheckSuitePayloadOptions {
  checkRunId: number;
  name: string;
  externalId?: string;
}

export interface MergeGroupPayloadOptions extends DeliveryTarget {
  headSha: string;
  /** Branch names without `refs/heads/`: the queue's temporary branch and the branch it merges into. */
  headRef: string;
  baseSha: string;
  baseRef: string;
}

/** A delivery as GitHub sends it: the exact body, signed with the webhook secret. */
export function signedDelivery(
  secret: string,
  name: string,
  payload: unknown,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  return {
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  };
}

export function pullRequestPayload(
  action: ProbotPayload<'pull_request'>['action'],
  options: PullRequestPayloadOptions,
): ProbotPayload<'pull_request'> {
  const payload = example('pull_request', action, options, options.number);
  const pull = payload.pull_request;
  payload.number = options.number;
  pull.number = options.number;
  Object.assign(pull.base, {
    ref: options.baseRef,
    sha: options.baseSha,
    label: `${options.owner}:${options.baseRef}`,
  });
  retarget(pull.base.repo, options.owner, options.repo);
  const headOwner = options.fork ? FORK_OWNER : options.owner;
  Object.assign(pull.head, { ref: options.headRef, sha: options.headSha, label: `${headOwner}:${options.headRef}` });
  pull.head.repo = retarget(structuredClone(pull.base.repo), headOwner, options.repo);
  if (options.fork) {
    pull.head.repo.fork = true;
    pull.head.repo.id += 1;
    pull.head.user.login = FORK_OWNER;
    pull.user.login = FORK_OWNER;
  }
  if ('after' in payload) payload.after = options.headSha;
  return withAction<'pull_request'>({ ...payload, ...(options.changes ? { changes: options.changes } : {}) }, action);
}

export function checkSuiteRerequestedPayload(options: CheckSuitePayloadOptions): ProbotPayload<'check_suite'> {
  const payload = example('check_suite', 'rerequested', options);
  Object.assign(payload.check_suite, {
    head_sha: options.headSha,
    after: options.headSha,
    head_branch: options.headBranch,
  });
  payload.check_suite.app.id = options.appId;
  payload.check_suite.head_commit.id = options.headSha;
  payload.check_suite.pull_requests = (options.pullRequests ?? []).map((pull) =>
    pullRequestReference(payload.repository, pull),
  );
  return withAction<'check_suite'>(payload, 'rerequested');
}

export function checkRunRerequestedPayload(options: CheckRunPayloadOptions): ProbotPayload<'check_run'> {
  const payload = example('check_run', 'rerequested', options);
  const run = payload.check_run;
  const pullRequests = (options.pullRequests ?? []).map((pull) => pullRequestReference(payload.repository, pull));
  Object.assign(run, {
    id: options.checkRunId,
    name: options.name,
    head_sha: options.headSha,
    external_id: options.externalId ?? '',
  });
  run.app.id = options.appId;
  run.pull_requests = pullRequests;
  Object.assign(run.check_suite, {
    head_sha: options.headSha,
    after: options.headSha,
    head_branch: options.headBranch,
  });
  run.check_suite.app.id = options.appId;
  run.check_suite.pull_requests = pullRequests;
  return withAction<'check_run'>(payload, 'rerequested');
}

export function mergeGroupPayload(options: MergeGroupPayloadOptions): ProbotPayload<'merge_group'> {
  const payload = example('merge_group', 'checks_requested', options);
  Object.assign(payload.merge_group, {
    head_sha: options.headSha,
    head_ref: `refs/heads/${options.headRef}`,
    base_sha: options.baseSha,
    base_ref: `refs/heads/${options.baseRef}`,
  });
  payload.merge_group.head_commit.id = options.headSha;
  return withAction<'merge_group'>(payload, 'checks_requested');
}

/**
 * A deep copy of the package's example of `event` for `action` (one with an installation when there is one; the
 * event's first example otherwise), moved to the target repository and installation. Every mention of the example
 * repository's `owner/name` is rewritten, and with `pullNumber` every pull request and issue URL, so URLs match too.
 */
function example<Event extends BuiltEvent>(
  event: Event,
  action: string,
  target: DeliveryTarget,
  pullNumber?: number,
): Example<Event> & { installation: { id: number } } {
  const examples = definitions.find((definition) => definition.name === event)?.examples ?? [];
  const sameAction = examples.filter((candidate) => 'action' in candidate && candidate.action === action);
  const chosen = sameAction.find((candidate) => 'installation' in candidate) ?? sameAction[0] ?? examples[0];
  if (!chosen || !('repository' in chosen) || !chosen.repository) {
    throw new Error(`@octokit/webhooks-examples has no ${event} example with a repository`);
  }
  let json = JSON.stringify(chosen).replaceAll(chosen.repository.full_name, `${target.owner}/${target.repo}`);
  if (pullNumber !== undefined && 'number' in chosen) {
    json = json.replace(new RegExp(`/(pulls|pull|issues)/${chosen.number}(?!\\d)`, 'g'), `/$1/${pullNumber}`);
  }
  const payload = JSON.parse(json) as Example<Event> & {
    repository: Repository;
    installation: { id: number; node_id: string };
  };
  retarget(payload.repository, target.owner, target.repo);
  payload.installation = {
    id: target.installationId,
    node_id: payload.installation?.node_id ?? 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==',
  };
  return payload;
}

function retarget<T extends Pick<Repository, 'name' | 'full_name' | 'owner'>>(
  repository: T,
  owner: string,
  repo: string,
): T {
  repository.name = repo;
  repository.full_name = `${owner}/${repo}`;
  repository.owner.login = owner;
  return repository;
}

function pullRequestReference(repository: Repository, pull: PullRequestReference): CheckRunPullRequest {
  const repo = { id: repository.id, url: repository.url, name: repository.name };
  return {
    url: `${repository.url}/pulls/${pull.number}`,
    id: pull.number, // the fake has no pull request ids: the number stands in
    number: pull.number,
    head: { ref: pull.headRef, sha: pull.headSha, repo },
    base: { ref: pull.baseRef, sha: pull.baseSha, repo },
  };
}

/** The example's JSON with the requested action, as the type Probot gives its handlers. */
function withAction<Event extends BuiltEvent>(payload: object, action: string): ProbotPayload<Event> {
  return { ...payload, action } as unknown as ProbotPayload<Event>;
}

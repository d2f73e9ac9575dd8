import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { CheckRunPullRequest, PullRequest, Repository, SimplePullRequest } from '@octokit/webhooks-types';
import type { Context } from 'probot';
import { type MergeRecord, type PullReview, labelJson, timestamp, userJson } from './context.js';

/** Every example payload GitHub's Octokit team collected, by event. */
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** The owner of the fork a `fork: true` pull request comes from. */
export const FORK_OWNER = 'fork-contributor';

type BuiltEvent = 'pull_request' | 'pull_request_review' | 'check_run' | 'check_suite' | 'merge_group';
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

/**
 * A pull request as a delivery shows it. Beyond the branches, the fields are the stand-in's `PullState`'s, so a
 * delivery built from `github.pulls.get(n)` shows the pull request as the API does.
 */
export interface PullRequestPayloadOptions extends DeliveryTarget, PullRequestReference {
  /** The head branch lives in `FORK_OWNER`'s fork. */
  fork?: boolean;
  /** The `changes` of an `edited` delivery: `{ base: { ref: { from }, sha: { from } } }` for a retargeted base. */
  changes?: Record<string, unknown>;
  /** Who opened it: the example's author, or `FORK_OWNER` for a fork, when absent. */
  author?: string;
  state?: 'open' | 'closed';
  /** The labels it carries once the event happened; none when absent. */
  labels?: readonly string[];
  requestedReviewers?: readonly string[];
  requestedTeams?: readonly string[];
  merged?: MergeRecord;
  /** `labeled` and `unlabeled`: the label added or removed. */
  label?: string;
  /** Who caused the event; the merger of a merged pull request, or the example's sender, when absent. */
  sender?: string;
}

/** A review as the stand-in keeps it; its state goes out in lower case, as webhooks spell it. */
export interface PullRequestReviewPayloadOptions extends PullRequestPayloadOptions {
  review: Pick<PullReview, 'id' | 'login' | 'state' | 'commitId' | 'body' | 'submittedAt'>;
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
  payload.number = options.number;
  placePull(payload.pull_request, options);
  if (options.merged) {
    Object.assign(payload.pull_request, {
      merged: true,
      merged_by: person(payload.sender, options.merged.by),
      merge_commit_sha: options.merged.commitSha,
    });
  }
  if (action === 'labeled' || action === 'unlabeled') {
    if (options.label === undefined) throw new Error(`a ${action} delivery names the label`);
    Object.assign(payload, { label: labelJson(EXAMPLE_API_URL, options.owner, options.repo, options.label) });
  }
  const sender = options.sender ?? options.merged?.by;
  if (sender !== undefined) payload.sender = person(payload.sender, sender);
  if ('after' in payload) payload.after = options.headSha;
  return withAction<'pull_request'>({ ...payload, ...(options.changes ? { changes: options.changes } : {}) }, action);
}

/** A review submitted or dismissed; the reviewer is the sender unless `sender` (who dismissed it) says otherwise. */
export function pullRequestReviewPayload(
  action: 'submitted' | 'dismissed',
  options: PullRequestReviewPayloadOptions,
): ProbotPayload<'pull_request_review'> {
  const payload = example('pull_request_review', action, options, options.number);
  placePull(payload.pull_request, options);
  const { review } = options;
  const htmlUrl = `${payload.pull_request.html_url}#pullrequestreview-${review.id}`;
  Object.assign(payload.review, {
    id: review.id,
    user: person(payload.review.user, review.login),
    body: review.body === '' ? null : review.body,
    commit_id: review.commitId,
    submitted_at: review.submittedAt,
    state: review.state.toLowerCase(),
    html_url: htmlUrl,
    pull_request_url: payload.pull_request.url,
    _links: { html: { href: htmlUrl }, pull_request: { href: payload.pull_request.url } },
  });
  payload.sender = person(payload.sender, options.sender ?? review.login);
  return withAction<'pull_request_review'>(payload, action);
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

/** Where the examples' URLs point: the payloads keep github.com's, whichever stand-in they are sent to. */
const EXAMPLE_API_URL = 'https://api.github.com';

/** Moves an example's pull request to the options' number, branches, author, labels, reviewers and state. */
function placePull(pull: PullRequest | SimplePullRequest, options: PullRequestPayloadOptions): void {
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
  }
  const author = options.author ?? (options.fork ? FORK_OWNER : undefined);
  if (author !== undefined) pull.user = person(pull.user, author);
  Object.assign(pull, {
    labels: (options.labels ?? []).map((name) => labelJson(EXAMPLE_API_URL, options.owner, options.repo, name)),
    requested_reviewers: (options.requestedReviewers ?? []).map((login) => person(pull.user, login)),
    requested_teams: (options.requestedTeams ?? []).map((slug) => ({ slug, name: slug })),
    ...(options.state ? { state: options.state } : {}),
    ...(options.merged ? { merged_at: timestamp(options.merged.at), closed_at: timestamp(options.merged.at) } : {}),
  });
}

/** The example's user `template` made into `login`: every URL naming the example's user names `login` instead. */
function person<T extends { login: string }>(template: T, login: string): T {
  const json = JSON.stringify(template).replace(new RegExp(`(?<=/)${template.login}(?=[/"])`, 'g'), login);
  return { ...(JSON.parse(json) as T), ...userJson(login) };
}

/**
 * A deep copy of the package's example of `event` for `action` (one with an installation when there is one; the
 * event's first example otherwise), moved to the target repository, organisation and installation. Every mention of
 * the example repository's `owner/name` is rewritten, and with `pullNumber` every pull request and issue URL, so
 * URLs match too.
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
  const organization = 'organization' in chosen ? chosen.organization?.login : undefined;
  if (organization) json = json.replaceAll(`/orgs/${organization}`, `/orgs/${target.owner}`);
  if (pullNumber !== undefined) {
    // Some examples' pull request URLs name another repository and number than the example does.
    json = json.replace(
      /(github\.com\/(?:repos\/)?)[^/"]+\/[^/"]+\/(pulls|pull|issues)\/\d+(?!\d)/g,
      `$1${target.owner}/${target.repo}/$2/${pullNumber}`,
    );
  }
  const payload = JSON.parse(json) as Example<Event> & {
    repository: Repository;
    installation: { id: number; node_id: string };
    organization?: { login: string };
  };
  retarget(payload.repository, target.owner, target.repo);
  if (payload.organization) payload.organization.login = target.owner;
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

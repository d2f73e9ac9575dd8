import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApplicationFunction, Context, ProbotOctokit } from 'probot';
import { CHECK_NAME, startCheckRun } from './check-run.js';
import { type ReviewDependencies, reviewOnGitHub } from './review-on-github.js';
import { keyedSerializer, type ReviewsInFlight } from './serialize.js';
import { describeError } from './errors.js';
import { parseExternalId, type ReviewTarget } from './target.js';

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface AppOptions extends ReviewDependencies {
  /** Whether the engine is warm; the readiness endpoint answers 503 until it is. */
  isReady: () => boolean;
  /** Where reviews under way are tracked, so the server lets them finish before it stops. */
  inFlight?: ReviewsInFlight;
}

const PULL_REQUEST_ACTIONS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** The Probot entry: wires events to the review and the review's output to GitHub, nothing more. */
export function dataContractsApp(options: AppOptions): ApplicationFunction {
  return (app, { addHandler }) => {
    const serializer = keyedSerializer();
    /**
     * Every line a review logs names the delivery, repository, pull request and commit. The check run is created
     * at once, outside the queue of reviews for the same pull request, so each push shows its check immediately.
     */
    const review = async (context: Context, resolve: () => Promise<ReviewTarget | undefined> | ReviewTarget | undefined): Promise<void> => {
      const repository = (context.payload as { repository?: { full_name?: string } }).repository?.full_name;
      let log = context.log.child({ deliveryId: context.id, event: context.name, repository }) as unknown as Logger;
      try {
        const target = await resolve();
        if (!target) return;
        const key = target.kind === 'pull' ? `${target.owner}/${target.repo}#${target.number}` : `${target.owner}/${target.repo}@${target.headSha}`;
        log = log.child({ ...(target.kind === 'pull' ? { pullRequest: target.number } : { mergeGroup: target.headSha }), commit: target.headSha });
        const checkRunId = await startCheckRun(context.octokit, target);
        log.info({ checkRunId }, 'review started');
        const waited = serializer.isBusy(key);
        const running = serializer.run(key, () => reviewOnGitHub(context.octokit, target, checkRunId, options, log, waited));
        await (options.inFlight ? options.inFlight.track(running) : running);
      } catch (error) {
        log.error({ err: error, reason: describeError(error) }, 'review could not start');
      }
    };

    app.on([...PULL_REQUEST_ACTIONS], (context) => review(context, () => pullTarget(context.payload)));
    app.on('pull_request.edited', (context) =>
      review(context, () => (context.payload.changes.base ? pullTarget(context.payload) : undefined)),
    );
    app.on('merge_group.checks_requested', (context) => {
      const { merge_group: group, repository } = context.payload;
      if (!repository) return undefined;
      return review(context, () => ({
        kind: 'merge-group',
        owner: repository.owner.login,
        repo: repository.name,
        headSha: group.head_sha,
        baseSha: group.base_sha,
        htmlUrl: repository.html_url,
      }));
    });
    app.on('check_run.rerequested', async (context) => {
      const { check_run: run, repository } = context.payload;
      if (run.name !== CHECK_NAME || run.app?.id !== options.appId) return;
      const repo = { owner: repository.owner.login, repo: repository.name, htmlUrl: repository.html_url };
      const stored = parseExternalId(run.external_id);
      const pull = run.pull_requests[0]?.number;
      await review(context, () => rerunTarget(context.octokit, repo, run.head_sha, pull === undefined ? stored : { pull, ...stored }));
    });
    app.on('check_suite.rerequested', async (context) => {
      const { check_suite: suite, repository } = context.payload;
      const repo = { owner: repository.owner.login, repo: repository.name, htmlUrl: repository.html_url };
      const pull = suite.pull_requests[0]?.number;
      await review(context, async () => {
        const stored = pull === undefined ? await ownCheckRun(context.octokit, repo, suite.head_sha, options.appId) : { pull };
        return rerunTarget(context.octokit, repo, suite.head_sha, stored);
      });
    });

    addHandler((request: IncomingMessage, response: ServerResponse) => {
      const path = request.url?.split('?')[0];
      if (request.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) return false;
      const ready = path === '/healthz' || options.isReady();
      response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
      return true;
    });
  };
}

interface PullPayload {
  pull_request: { number: number; head: { sha: string }; base: { sha: string } };
  repository: { name: string; owner: { login: string }; html_url: string };
}

function pullTarget(payload: PullPayload): ReviewTarget {
  return {
    kind: 'pull',
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: payload.pull_request.number,
    headSha: payload.pull_request.head.sha,
    baseSha: payload.pull_request.base.sha,
    htmlUrl: payload.repository.html_url,
  };
}

type RepoRef = { owner: string; repo: string; htmlUrl: string };
type StoredTarget = ReturnType<typeof parseExternalId>;

/** What a re-run reviews: the merge group or pull request its first run recorded, at the re-run commit. */
async function rerunTarget(octokit: Octokit, repo: RepoRef, headSha: string, stored: StoredTarget): Promise<ReviewTarget | undefined> {
  if (stored.mergeGroupBase) return { kind: 'merge-group', ...repo, headSha, baseSha: stored.mergeGroupBase };
  if (stored.pull === undefined) return undefined;
  const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: stored.pull });
  return { kind: 'pull', ...repo, number: stored.pull, headSha, baseSha: data.base.sha };
}

/** Check suites of forks and merge groups carry no pull request: the check run this app created remembers. */
async function ownCheckRun(octokit: Octokit, repo: RepoRef, headSha: string, appId: number): Promise<StoredTarget> {
  const { data } = await octokit.rest.checks.listForRef({ owner: repo.owner, repo: repo.repo, ref: headSha, check_name: CHECK_NAME });
  const ours = data.check_runs.filter((run) => run.app?.id === appId).map((run) => parseExternalId(run.external_id));
  return ours.find((stored) => stored.pull !== undefined || stored.mergeGroupBase !== undefined) ?? {};
}

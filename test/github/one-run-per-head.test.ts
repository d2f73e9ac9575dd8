import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { syncComment } from '../../src/github/comment.js';
import { memoryRunLedger } from '../../src/github/run-ledger.js';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import type { CheckRunStatus } from '../support/fake-github/context.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type CheckRunRequest, bodiesOf } from '../support/fake-github/requests.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp } from './support/app.js';
import { pullRequestEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, DROP_AMOUNT, SHOP, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';
const CHECK_RUNS = new RegExp(`^${REPO}/check-runs$`);

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;
let HEAD: string;

beforeAll(async () => {
  replayer = testReplayer();
  repository = await writeRepository({
    main: { files: BASE_FILES },
    older: { parent: 'main', files: BASE_FILES },
    head: { parent: 'older', files: { ...BASE_FILES, ...DROP_AMOUNT } },
    newer: { parent: 'head', files: BASE_FILES },
  });
  HEAD = repository.sha('head');
});
beforeEach(async () => {
  github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'head' });
});
afterEach(() => {
  github.stop();
  expect(github.unserved).toEqual([]);
});
afterAll(async () => {
  await repository.remove();
  await replayer.close();
});

/** A run of this app for the head that a process which died never completed. */
const leftInProgress = (status: CheckRunStatus, headSha = HEAD) =>
  github.addCheckRun({ name: 'data-contracts', head_sha: headSha, external_id: '{"pull":7}', status });

/** A delivery of the push of HEAD; a new delivery id each time unless `id` is given. */
const event = (id?: string) => ({
  ...pullRequestEvent('synchronize', { ...github.pulls.get(7)!, headSha: HEAD }),
  ...(id ? { id } : {}),
});

describe('one check run per head, whatever GitHub and the deliveries do', () => {
  it('finds the run GitHub created when the answer to the create was lost, and makes no second one', async () => {
    github.loseNextResponse('POST', CHECK_RUNS);

    await (await loadApp(replayer)).receive(event());

    expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toHaveLength(1);
    expect(github.checkRuns).toEqual([expect.objectContaining({ head_sha: HEAD, status: 'completed', conclusion: 'failure' })]);
  });

  it('waits out a secondary rate limit on the create as retry-after says, then creates the run once', async () => {
    github.failNext('POST', CHECK_RUNS, 403, 1, { 'retry-after': '1' });

    const started = Date.now();
    await (await loadApp(replayer)).receive(event());

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(github.checkRuns).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  });

  it('takes over a run a dead process left in progress, and completes it', async () => {
    const left = leftInProgress('in_progress');

    await (await loadApp(replayer)).receive(event());

    expect(github.checkRuns).toEqual([expect.objectContaining({ id: left.id, status: 'completed', conclusion: 'failure' })]);
    expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toEqual([]);
  });

  it('reviews a delivery once, and a head that already has a completed run not again', async () => {
    const app = await loadApp(replayer);
    await app.receive(event('delivery-1'));
    const afterFirst = github.requests.length;

    await app.receive(event('delivery-1'));
    await app.receive(event('delivery-2'));

    expect(github.checkRuns).toHaveLength(1);
    // The second delivery of the same head costs a listing of the head's runs and a look at the pull request's head.
    expect(github.requests.slice(afterFirst).map(({ method, path }) => `${method} ${path.split('?')[0]}`)).toEqual([
      `GET ${REPO}/commits/${HEAD}/check-runs`,
      `GET ${REPO}/pulls/7`,
    ]);
  });

  it('reviews the newest head when a late delivery of an older, reviewed head overtook it in the queue', async () => {
    const NEWER = repository.sha('newer');
    const app = await loadApp(replayer);
    await app.receive(event());
    github.setPullHead(7, NEWER);

    await app.receive(event());

    expect(github.checkRuns.map(({ head_sha, status }) => ({ head_sha, status }))).toEqual([
      { head_sha: HEAD, status: 'completed' },
      { head_sha: NEWER, status: 'completed' },
    ]);
  });

  it('retires a second unfinished run of its own for the head, so none stays in progress', async () => {
    const older = leftInProgress('in_progress');
    const newer = leftInProgress('queued');

    await (await loadApp(replayer)).receive(event());

    // The newest is taken over; the older one is retired.
    expect(github.checkRuns.map(({ id, status, conclusion }) => ({ id, status, conclusion }))).toEqual([
      { id: older.id, status: 'completed', conclusion: 'cancelled' },
      { id: newer.id, status: 'completed', conclusion: 'failure' },
    ]);
    expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toEqual([]);
  });

  it('completes a run a dead process left on an older head of the pull request', async () => {
    const OLDER = repository.sha('older');
    const left = leftInProgress('in_progress', OLDER);
    // What the dead process had recorded where every process looks.
    const ledger = memoryRunLedger();
    await ledger.add('acme/shop#7', { checkRunId: left.id, headSha: OLDER });

    await (await loadApp(replayer, { ledger })).receive(event());

    expect(github.checkRuns.map(({ id, head_sha, status, conclusion }) => ({ id, head_sha, status, conclusion }))).toEqual([
      { id: left.id, head_sha: OLDER, status: 'completed', conclusion: 'cancelled' },
      expect.objectContaining({ head_sha: HEAD, status: 'completed', conclusion: 'failure' }),
    ]);
    expect(await ledger.list('acme/shop#7')).toEqual([]);
  });

  it('ignores a delivery that names no installation, making no request', async () => {
    const app = await loadApp(replayer);
    const { payload, ...rest } = event();
    const { installation: _installation, ...withoutInstallation } = payload as Record<string, unknown>;

    await app.receive({ ...rest, payload: withoutInstallation } as Parameters<typeof app.receive>[0]);

    expect(app.queued).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});

describe('one comment per pull request', () => {
  it('finds the comment GitHub created when the answer was lost: no error, and no second one', async () => {
    github.loseNextResponse('POST', new RegExp(`^${REPO}/issues/7/comments$`));
    const octokit = new Octokit({ auth: github.issueInstallationToken().token });

    const result = await syncComment(octokit, { owner: SHOP.owner, repo: SHOP.repo, number: 7 }, APP_ID, () => `${COMMENT_MARKER}\nbody`);

    expect(result).toBe('created');
    expect(github.comments).toHaveLength(1);
  });
});

describe('a comment GitHub failed to create', () => {
  it('is created on a second attempt when the first one created nothing', async () => {
    github.failNext('POST', new RegExp(`^${REPO}/issues/7/comments$`), 502);

    await (await loadApp(replayer)).receive(event());

    expect(bodiesOf(github.requests, 'POST', `${REPO}/issues/7/comments`)).toHaveLength(2);
    expect(github.comments).toHaveLength(1);
  });
});

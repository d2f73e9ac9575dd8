import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { CHECK_NAME } from '../../src/github/check-run.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type CheckRunRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { FORK_OWNER } from '../support/fake-github/webhooks.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp, type TestApp } from './support/app.js';
import { checkRunRerequestedEvent, checkSuiteRerequestedEvent, mergeGroupEvent, pullRequestEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, DROP_AMOUNT, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;
let probot: TestApp;
let BASE: string;
let BREAKING: string;

beforeAll(async () => {
  replayer = testReplayer();
  repository = await writeRepository({
    main: { files: BASE_FILES },
    breaking: { parent: 'main', files: { ...BASE_FILES, ...DROP_AMOUNT } },
  });
  [BASE, BREAKING] = [repository.sha('main'), repository.sha('breaking')];
});
beforeEach(async () => {
  github = serveShop(repository);
  probot = await loadApp(replayer);
});
afterEach(() => {
  github.stop();
  expect(github.unserved).toEqual([]);
});
afterAll(async () => {
  await repository.remove();
  await replayer.close();
});

it('re-runs its own check on the head, finding the pull request in the external id, and ignores another app\'s', async () => {
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'breaking' });
  const rerun = { checkRunId: 555, name: CHECK_NAME, headSha: BREAKING, externalId: '{"pull":7}' };

  await probot.receive(checkRunRerequestedEvent({ ...rerun, appId: 2 }));
  expect(github.requests).toEqual([]);

  await probot.receive(checkRunRerequestedEvent({ ...rerun, appId: APP_ID }));
  expect(github.requests.map(requestLine)).toContain(`GET ${REPO}/pulls/7`);
  expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toEqual([
    expect.objectContaining({ name: CHECK_NAME, head_sha: BREAKING, status: 'in_progress', external_id: '{"pull":7}' }),
  ]);
  expect(github.checkRuns).toEqual([expect.objectContaining({ head_sha: BREAKING, status: 'completed', conclusion: 'failure' })]);
  expect(github.comments).toHaveLength(1);
});

it('reviews a merge group from its base to its head from the trees, with a check on the head and no comment', async () => {
  await probot.receive(mergeGroupEvent({ baseSha: BASE, headSha: BREAKING }));

  const lines = github.requests.map(requestLine);
  expect(lines).toEqual(
    expect.arrayContaining([`GET ${REPO}/git/trees/${BASE}?recursive=true`, `GET ${REPO}/git/trees/${BREAKING}?recursive=true`]),
  );
  expect(lines.filter((line) => line.includes('/pulls') || line.includes('/issues') || line.includes('/compare'))).toEqual([]);
  const [checkRun] = github.checkRuns;
  expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toEqual([
    expect.objectContaining({ name: CHECK_NAME, head_sha: BREAKING, external_id: JSON.stringify({ mergeGroupBase: BASE }) }),
  ]);
  expect(checkRun).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
  expect(checkRun!.output.annotations).toEqual([expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2 })]);
});

it('re-runs a fork\'s pull request, which the check suite does not list, through the check run it created', async () => {
  const pull = await github.openPull({ number: 7, baseRef: 'main', headRef: 'breaking', headRepoFullName: `${FORK_OWNER}/shop` });
  // Another app's check of the same name on the same commit, listed first, points elsewhere.
  github.addCheckRun({ head_sha: BREAKING, name: CHECK_NAME, app_id: 2, external_id: '{"pull":99}' });
  await probot.receive(pullRequestEvent('opened', { ...pull, fork: true }));
  github.takeRequests();

  await probot.receive(checkSuiteRerequestedEvent(BREAKING));

  const lines = github.requests.map(requestLine);
  expect(lines.slice(0, 4)).toEqual([
    `GET ${REPO}/commits/${BREAKING}/check-runs?check_name=${CHECK_NAME}&app_id=${APP_ID}`,
    `GET ${REPO}/pulls/7`,
    `GET ${REPO}/commits/${BREAKING}/check-runs?check_name=${CHECK_NAME}&app_id=${APP_ID}&filter=all&per_page=100`,
    `POST ${REPO}/check-runs`,
  ]);
  expect(github.checkRuns.at(-1)).toMatchObject({ head_sha: BREAKING, external_id: '{"pull":7}', status: 'completed', conclusion: 'failure' });
  // The same commit gives the same comment: it is left as it is.
  expect(lines.filter((line) => /^(POST|PATCH|DELETE) .*\/issues\//.test(line))).toEqual([]);
  expect(github.comments).toHaveLength(1);
});

it('re-runs a merge group\'s check suite through the check run it created, from the same base', async () => {
  await probot.receive(mergeGroupEvent({ baseSha: BASE, headSha: BREAKING }));
  github.takeRequests();

  await probot.receive(checkSuiteRerequestedEvent(BREAKING));

  const lines = github.requests.map(requestLine);
  expect(lines[0]).toBe(`GET ${REPO}/commits/${BREAKING}/check-runs?check_name=${CHECK_NAME}&app_id=${APP_ID}`);
  expect(lines.filter((line) => line.includes('/pulls') || line.includes('/issues'))).toEqual([]);
  expect(bodiesOf<CheckRunRequest>(github.requests, 'POST', `${REPO}/check-runs`)).toEqual([
    expect.objectContaining({ head_sha: BREAKING, external_id: JSON.stringify({ mergeGroupBase: BASE }) }),
  ]);
  expect(github.checkRuns.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp } from './support/app.js';
import { bodiesOf, type CheckRun, type CheckRunBody, commitSha, NockGitHub, requestLine } from './support/nock-github.js';
import { pullRequestEvent } from './support/payloads.js';
import { BASE_FILES, DROP_AMOUNT, SHOP } from './support/shop.js';

const BASE = commitSha('main');
const REPO = '/repos/acme/shop';

let replayer: Replayer;
let github: NockGitHub;

beforeAll(() => {
  replayer = testReplayer();
});
afterEach(() => {
  github.stop();
  expect(github.unexpected).toEqual([]);
});
afterAll(() => replayer.close());

/** Opens pull request 7 from `head` and returns the check run it got. */
async function review(head: string): Promise<CheckRun> {
  github.setPull(7, { base: BASE, head });
  const probot = await loadApp(replayer);
  await probot.receive(pullRequestEvent('opened', SHOP, { number: 7, base: BASE, head }));
  expect(github.checkRuns).toHaveLength(1);
  return github.checkRuns[0]!;
}

/** Serves a head that adds `count` generated files under `a/` (listed before `db/`) and drops the contracted column. */
function serveGeneratedFiles(count: number): string {
  const head = commitSha(`${count} generated files and a breaking migration`);
  const generated = Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`a/file-${String(index).padStart(4, '0')}.ts`, 'export {};\n']),
  );
  github = new NockGitHub(SHOP, { [BASE]: BASE_FILES, [head]: { ...BASE_FILES, ...generated, ...DROP_AMOUNT } }, APP_ID).start();
  return head;
}

describe('the changed files', () => {
  it('are read from every page: a migration on the second page of 150 files is reviewed', async () => {
    const checkRun = await review(serveGeneratedFiles(149));

    expect(github.requests.map(requestLine).filter((line) => line.includes('/files'))).toEqual([
      `GET ${REPO}/pulls/7/files?per_page=100`,
      `GET /repositories/${SHOP.id}/pulls/7/files?per_page=100&page=2`,
    ]);
    expect(checkRun).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(checkRun.output.annotations).toEqual([expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2 })]);
  });

  it('come from the trees past GitHub\'s 3,000-file cap, and the check says so', async () => {
    const checkRun = await review(serveGeneratedFiles(3199));

    expect(github.requests.filter((request) => request.path.includes('/files'))).toHaveLength(30);
    expect(checkRun).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(checkRun.output.summary).toContain('changes 3,000 files or more, more than GitHub lists');
    expect(checkRun.output.annotations).toEqual([expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2 })]);
  });
});

describe('a review that cannot run', () => {
  const HEAD = commitSha('drops orders.amount');

  it.each([
    ['a GraphQL blob query', 'POST', /^\/graphql$/, 'POST /graphql'],
    ['the head\'s tree', 'GET', new RegExp(`/git/trees/${HEAD}$`), `GET ${REPO}/git/trees/${HEAD}`],
  ])('still completes the check as a failure that says why when %s keeps answering 500', async (_, method, path, request) => {
    github = new NockGitHub(SHOP, { [BASE]: BASE_FILES, [HEAD]: { ...BASE_FILES, ...DROP_AMOUNT } }, APP_ID).start();
    // A read is tried five times before the review gives up.
    github.failNext(method, path, 500, 5);

    await review(HEAD);

    const [checkRun] = github.checkRuns;
    const [completion] = bodiesOf<CheckRunBody>(github.requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`);
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completion!.output!.title).toMatch(new RegExp(`^The review could not run: GitHub answered 500 to ${request}`));
    expect(completion!.output!.summary).toContain('**Re-run**');
    expect(github.requests.filter((recorded) => recorded.path.includes('/issues/'))).toEqual([]);
  });

  it('is not stopped by a 500 that passes: the read is tried again', async () => {
    github = new NockGitHub(SHOP, { [BASE]: BASE_FILES, [HEAD]: { ...BASE_FILES, ...DROP_AMOUNT } }, APP_ID).start();
    github.failNext('GET', new RegExp(`/git/trees/${HEAD}$`), 502, 2);

    await review(HEAD);

    expect(github.checkRuns).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: '1 blocking in 1 contract' }) })]);
    expect(github.requests.filter((recorded) => recorded.path.includes(`/git/trees/${HEAD}?`))).toHaveLength(3);
  });
});

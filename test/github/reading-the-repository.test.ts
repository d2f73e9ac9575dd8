import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { CheckRun } from '../support/fake-github/context.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type CheckRunRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { testReplayer } from '../support/replayer.js';
import { loadApp } from './support/app.js';
import { pullRequestEvent } from './support/events.js';
import { type Commits, type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, DROP_AMOUNT, SHOP_ID, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;

beforeAll(() => {
  replayer = testReplayer();
});
afterEach(async () => {
  github.stop();
  await repository.remove();
  expect(github.unserved).toEqual([]);
});
afterAll(() => replayer.close());

/** Serves `commits`, `main` their base, with pull request 7 from the commit named `head`. */
async function serve(commits: Commits, head: string): Promise<void> {
  repository = await writeRepository(commits);
  github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: head });
}

/** Opens pull request 7 and returns the check run it got. */
async function review(): Promise<CheckRun> {
  const probot = await loadApp(replayer);
  await probot.receive(pullRequestEvent('opened', github.pulls.get(7)!));
  expect(github.checkRuns).toHaveLength(1);
  return github.checkRuns[0]!;
}

/** Serves a head that adds `count` generated files under `a/` (listed before `db/`) and drops the contracted column. */
async function serveGeneratedFiles(count: number): Promise<void> {
  const generated = Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`a/file-${String(index).padStart(4, '0')}.ts`, 'export {};\n']),
  );
  await serve({ main: { files: BASE_FILES }, head: { parent: 'main', files: { ...BASE_FILES, ...generated, ...DROP_AMOUNT } } }, 'head');
}

describe('the changed files', () => {
  it('are read from every page: a migration on the second page of 150 files is reviewed', async () => {
    await serveGeneratedFiles(149);
    const checkRun = await review();

    expect(github.requests.map(requestLine).filter((line) => line.includes('/files'))).toEqual([
      `GET ${REPO}/pulls/7/files?per_page=100`,
      `GET /repositories/${SHOP_ID}/pulls/7/files?per_page=100&page=2`,
    ]);
    expect(checkRun).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(checkRun.output.annotations).toEqual([expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2 })]);
  });

  it('come from the trees past GitHub\'s 3,000-file cap, and the check says so', async () => {
    await serveGeneratedFiles(3199);
    const checkRun = await review();

    expect(github.requests.filter((request) => request.path.includes('/files'))).toHaveLength(30);
    expect(checkRun).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(checkRun.output.summary).toContain('changes 3,000 files or more, more than GitHub lists');
    expect(checkRun.output.annotations).toEqual([expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2 })]);
  });
});

describe('a review that cannot run', () => {
  const breaking: Commits = { main: { files: BASE_FILES }, head: { parent: 'main', files: { ...BASE_FILES, ...DROP_AMOUNT } } };

  it.each([
    ['a GraphQL blob query', 'POST', () => '/graphql'],
    ['the head\'s tree', 'GET', (head: string) => `${REPO}/git/trees/${head}`],
  ])('still completes the check as a failure that says why when %s keeps answering 500', async (_, method, pathOf) => {
    await serve(breaking, 'head');
    const path = pathOf(repository.sha('head'));
    // A read is tried five times before the review gives up.
    github.failNext(method, new RegExp(`^${path}(\\?|$)`), 500, 5);

    await review();

    const [checkRun] = github.checkRuns;
    const [completion] = bodiesOf<CheckRunRequest>(github.requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`);
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completion!.output!.title).toMatch(new RegExp(`^The review could not run: GitHub answered 500 to ${method} ${path}`));
    expect(completion!.output!.summary).toContain('**Re-run**');
    expect(github.requests.filter((recorded) => recorded.path.includes('/issues/'))).toEqual([]);
  });

  it('is not stopped by a 500 that passes: the read is tried again', async () => {
    await serve(breaking, 'head');
    const tree = `${REPO}/git/trees/${repository.sha('head')}?`;
    github.failNext('GET', new RegExp(`^${tree.replace('?', '\\?')}`), 502, 2);

    await review();

    expect(github.checkRuns).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: '1 blocking in 1 contract' }) })]);
    expect(github.requests.filter((recorded) => recorded.path.startsWith(tree))).toHaveLength(3);
  });
});

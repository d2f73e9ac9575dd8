import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { PostgresExtractor } from '../../src/assets/postgres/extractor.js';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp } from './support/app.js';
import { bodiesOf, type CheckRunBody, type Commits, commitSha, NockGitHub, type RecordedRequest, requestLine } from './support/nock-github.js';
import { pullRequestEditedEvent, pullRequestEvent } from './support/payloads.js';
import { BASE_FILES, DROP_AMOUNT, SHOP } from './support/shop.js';

const BASE = commitSha('main');
const REPO = '/repos/acme/shop';

let replayer: Replayer;
let github: NockGitHub;

beforeAll(() => {
  replayer = testReplayer();
});
afterEach(() => {
  jest.restoreAllMocks();
  github.stop();
  expect(github.unexpected).toEqual([]);
});
afterAll(() => replayer.close());

function serve(commits: Commits, pull: { head: string }): NockGitHub {
  github = new NockGitHub(SHOP, commits, APP_ID).start();
  github.setPull(7, { base: BASE, ...pull });
  return github;
}

/** Delivers `synchronize` for `head` and returns the requests GitHub received. */
async function pushed(head: string): Promise<RecordedRequest[]> {
  const probot = await loadApp(replayer);
  await probot.receive(pullRequestEvent('synchronize', SHOP, { number: 7, base: BASE, head }));
  return github.requests;
}

describe('a pull request that touches no contracted asset', () => {
  const CODE_ONLY = commitSha('code only');
  const commits = { [BASE]: BASE_FILES, [CODE_ONLY]: { ...BASE_FILES, 'src/app.ts': 'export const x = 1;\n' } };

  it('gets a green check at once, no replay, and no comment', async () => {
    serve(commits, { head: CODE_ONLY });
    const replays = jest.spyOn(replayer, 'replay');

    const requests = await pushed(CODE_ONLY);

    expect(replays).not.toHaveBeenCalled();
    const [checkRun] = github.checkRuns;
    expect(checkRun).toMatchObject({
      head_sha: CODE_ONLY,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'No contracted asset changed' },
    });
    // Only the contract is read from the base, and the comments are listed to find an earlier one (see below).
    expect(requests.map(requestLine)).toEqual([
      'POST /app/installations/31/access_tokens',
      `GET ${REPO}/commits/${CODE_ONLY}/check-runs?check_name=data-contracts&app_id=${APP_ID}&filter=all&per_page=100`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/compare/${BASE}...${CODE_ONLY}?per_page=1`,
      `GET ${REPO}/pulls/7/files?per_page=100`,
      `GET ${REPO}/git/trees/${BASE}?recursive=true`,
      'POST /graphql',
      `GET ${REPO}/pulls/7`,
      `PATCH ${REPO}/check-runs/${checkRun!.id}`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
    ]);
    expect(github.comments).toEqual([]);
  });

  it('still turns an earlier comment into an all-clear, as when a push reverts the breaking migration', async () => {
    serve(commits, { head: CODE_ONLY });
    const earlier = github.addComment(7, `${COMMENT_MARKER}\n## Data contracts: ❌ 1 blocking finding`, { appId: APP_ID });

    const requests = await pushed(CODE_ONLY);

    const [edit] = bodiesOf<{ body: string }>(requests, 'PATCH', `${REPO}/issues/comments/${earlier.id}`);
    expect(edit!.body).toContain('✅ all clear');
    expect(github.comments).toHaveLength(1);
  });
});

it('drops a result whose commit is no longer the head, and reviews the head the pull request moved on to', async () => {
  const OLD = commitSha('drops amount');
  const NEW = commitSha('drops amount, then more');
  const commits = { [BASE]: BASE_FILES, [OLD]: { ...BASE_FILES, ...DROP_AMOUNT }, [NEW]: { ...BASE_FILES, ...DROP_AMOUNT, 'src/app.ts': '' } };
  serve(commits, { head: NEW });

  const requests = await pushed(OLD);

  const [checkRun] = github.checkRuns;
  expect(bodiesOf<CheckRunBody>(requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`)).toEqual([
    expect.objectContaining({
      status: 'completed',
      conclusion: 'cancelled',
      output: expect.objectContaining({ title: 'Superseded by a newer commit' }),
    }),
  ]);
  // The delivery for the newer head may have come first and been collapsed: the review of the newest head follows.
  expect(github.checkRuns.map(({ head_sha, status }) => ({ head_sha, status }))).toEqual([
    { head_sha: OLD, status: 'completed' },
    { head_sha: NEW, status: 'completed' },
  ]);
  const comments = bodiesOf<{ body: string }>(requests, 'POST', `${REPO}/issues/7/comments`);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body).toContain(`Commit \`${NEW.slice(0, 7)}\``);
});

it('sends more than 50 annotations 50 per request, completing the check with the first', async () => {
  const columns = Array.from({ length: 120 }, (_, index) => `c${index + 1}`);
  const contract = [
    'id: wide',
    'asset: { type: postgres, name: public.wide, source: "db/migrations/*.sql" }',
    'fields:',
    ...columns.map((column) => `  - name: ${column}`),
    'consumers:',
    '  - { name: Warehouse, contact: "@acme/data", enforcement: blocking }',
    '',
  ].join('\n');
  const base = {
    'contracts/wide.yaml': contract,
    'db/migrations/V1__wide.sql': `CREATE TABLE wide (${columns.map((column) => `${column} int`).join(', ')});\n`,
  };
  const DROP_ALL = commitSha('drops every column');
  const drops = columns.map((column) => `ALTER TABLE wide DROP COLUMN ${column};\n`).join('');
  serve({ [BASE]: base, [DROP_ALL]: { ...base, 'db/migrations/V2__drop.sql': drops } }, { head: DROP_ALL });

  const requests = await pushed(DROP_ALL);

  const [checkRun] = github.checkRuns;
  const updates = bodiesOf<CheckRunBody>(requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`);
  expect(updates.map((update) => [update.output?.annotations?.length, update.status, update.conclusion])).toEqual([
    [50, 'completed', 'failure'],
    [50, undefined, undefined],
    [20, undefined, undefined],
  ]);
  expect(updates.every((update) => update.output?.title === '120 blocking in 1 contract')).toBe(true);
  expect(checkRun!.output.annotations.map((annotation) => annotation.start_line)).toEqual(columns.map((_, index) => index + 1));
});

describe('which pull request events start a review', () => {
  const BREAKING = commitSha('drops orders.amount');
  const commits = { [BASE]: BASE_FILES, [BREAKING]: { ...BASE_FILES, ...DROP_AMOUNT } };

  it.each(['reopened', 'ready_for_review'] as const)('reviews on %s', async (action) => {
    serve(commits, { head: BREAKING });
    const probot = await loadApp(replayer);
    await probot.receive(pullRequestEvent(action, SHOP, { number: 7, base: BASE, head: BREAKING }));
    expect(github.checkRuns).toEqual([expect.objectContaining({ head_sha: BREAKING, status: 'completed', conclusion: 'failure' })]);
  });

  it('reviews an edit that retargets the base, and ignores an edit of the title', async () => {
    serve(commits, { head: BREAKING });
    const probot = await loadApp(replayer);
    await probot.receive(pullRequestEditedEvent(SHOP, { number: 7, base: BASE, head: BREAKING }, { title: { from: 'Old title' } }));
    expect(github.requests.filter((request) => request.method !== 'POST' || !request.path.includes('access_tokens'))).toEqual([]);

    await probot.receive(
      pullRequestEditedEvent(SHOP, { number: 7, base: BASE, head: BREAKING }, { base: { ref: { from: 'develop' }, sha: { from: BASE } } }),
    );
    expect(github.checkRuns).toEqual([expect.objectContaining({ head_sha: BREAKING, status: 'completed', conclusion: 'failure' })]);
  });
});

describe('when GitHub refuses part of the output', () => {
  const BREAKING = commitSha('drops orders.amount');
  const commits = { [BASE]: BASE_FILES, [BREAKING]: { ...BASE_FILES, ...DROP_AMOUNT } };

  it('still completes the check with the review\'s conclusion when the annotations are refused', async () => {
    serve(commits, { head: BREAKING });
    github.failNext('PATCH', /\/check-runs\/\d+$/, 422);
    const requests = await pushed(BREAKING);
    const updates = bodiesOf<CheckRunBody>(requests, 'PATCH', `${REPO}/check-runs/${github.checkRuns[0]!.id}`);
    expect(updates.map((update) => [update.output?.annotations?.length, update.conclusion])).toEqual([
      [1, 'failure'],
      [0, 'failure'],
    ]);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
  });

  it('completes the check even when the comment cannot be posted', async () => {
    serve(commits, { head: BREAKING });
    github.failNext('POST', /\/issues\/7\/comments$/, 403);
    await pushed(BREAKING);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.comments).toEqual([]);
  });
});

describe('a review that hangs', () => {
  const BREAKING = commitSha('drops orders.amount');

  it('fails its check at the deadline rather than leaving it in progress', async () => {
    serve({ [BASE]: BASE_FILES, [BREAKING]: { ...BASE_FILES, ...DROP_AMOUNT } }, { head: BREAKING });
    const hanging = { compare: () => new Promise<never>(() => undefined) } as unknown as PostgresExtractor;
    const probot = await loadApp(replayer, { extractors: { ...testExtractors(replayer), postgres: hanging }, reviewTimeoutMs: 500 });

    await probot.receive(pullRequestEvent('synchronize', SHOP, { number: 7, base: BASE, head: BREAKING }));

    expect(github.checkRuns[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'The review could not run: the review did not finish within 1 second' },
    });
    expect(github.comments).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { PostgresExtractor } from '../../src/assets/postgres/extractor.js';
import { postgresReader } from '../../src/assets/postgres/reader.js';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import { testExtractors } from '../support/extractors.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type CheckRunRequest, type RecordedRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp } from './support/app.js';
import { pullRequestEvent } from './support/events.js';
import { type Commits, type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, DROP_AMOUNT, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

const BREAKING: Commits = { main: { files: BASE_FILES }, breaking: { parent: 'main', files: { ...BASE_FILES, ...DROP_AMOUNT } } };

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;

beforeAll(() => {
  replayer = testReplayer();
});
afterEach(async () => {
  jest.restoreAllMocks();
  github.stop();
  await repository.remove();
  expect(github.unserved).toEqual([]);
});
afterAll(() => replayer.close());

/** Serves `commits` with pull request 7 from the commit named `head` into `main`. */
async function serve(commits: Commits, head: string): Promise<void> {
  repository = await writeRepository(commits);
  github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: head });
}

/** Delivers `synchronize` for the commit named `head` and returns the requests GitHub received. */
async function pushed(head: string): Promise<RecordedRequest[]> {
  const probot = await loadApp(replayer);
  await probot.receive(pullRequestEvent('synchronize', { ...github.pulls.get(7)!, headRef: head, headSha: repository.sha(head) }));
  return github.requests;
}

describe('a pull request that touches no contracted asset', () => {
  const commits: Commits = {
    main: { files: BASE_FILES },
    'code-only': { parent: 'main', files: { ...BASE_FILES, 'src/app.ts': 'export const x = 1;\n' } },
  };

  it('gets a green check at once, no replay, and no comment', async () => {
    await serve(commits, 'code-only');
    const [BASE, CODE_ONLY] = [repository.sha('main'), repository.sha('code-only')];
    const replays = jest.spyOn(replayer, 'replay');

    const requests = await pushed('code-only');

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
    await serve(commits, 'code-only');
    const earlier = github.addComment(7, `${COMMENT_MARKER}\n## Data contracts: ❌ 1 blocking finding`, 'app');

    const requests = await pushed('code-only');

    const [edit] = bodiesOf<{ body: string }>(requests, 'PATCH', `${REPO}/issues/comments/${earlier.id}`);
    expect(edit!.body).toContain('✅ all clear');
    expect(github.comments).toHaveLength(1);
  });
});

it('drops a result whose commit is no longer the head, and reviews the head the pull request moved on to', async () => {
  const dropsAmount = { ...BASE_FILES, ...DROP_AMOUNT };
  await serve(
    {
      main: { files: BASE_FILES },
      old: { parent: 'main', files: dropsAmount },
      new: { parent: 'old', files: { ...dropsAmount, 'src/app.ts': '' } },
    },
    'new',
  );
  const [OLD, NEW] = [repository.sha('old'), repository.sha('new')];

  const requests = await pushed('old');

  const [checkRun] = github.checkRuns;
  expect(bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`)).toEqual([
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
  const drops = columns.map((column) => `ALTER TABLE wide DROP COLUMN ${column};\n`).join('');
  await serve({ main: { files: base }, 'drops-all': { parent: 'main', files: { ...base, 'db/migrations/V2__drop.sql': drops } } }, 'drops-all');

  const requests = await pushed('drops-all');

  const [checkRun] = github.checkRuns;
  const updates = bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`);
  expect(updates.map((update) => [update.output?.annotations?.length, update.status, update.conclusion])).toEqual([
    [50, 'completed', 'failure'],
    [50, undefined, undefined],
    [20, undefined, undefined],
  ]);
  expect(updates.every((update) => update.output?.title === '120 blocking in 1 contract')).toBe(true);
  expect(checkRun!.output.annotations.map((annotation) => annotation.start_line)).toEqual(columns.map((_, index) => index + 1));
});

describe('which pull request events start a review', () => {
  it.each(['reopened', 'ready_for_review'] as const)('reviews on %s', async (action) => {
    await serve(BREAKING, 'breaking');
    const probot = await loadApp(replayer);
    await probot.receive(pullRequestEvent(action, github.pulls.get(7)!));
    expect(github.checkRuns).toEqual([
      expect.objectContaining({ head_sha: repository.sha('breaking'), status: 'completed', conclusion: 'failure' }),
    ]);
  });

  it('reviews an edit that retargets the base, and ignores an edit of the title', async () => {
    await serve(BREAKING, 'breaking');
    const pull = github.pulls.get(7)!;
    const probot = await loadApp(replayer);
    await probot.receive(pullRequestEvent('edited', { ...pull, changes: { title: { from: 'Old title' } } }));
    expect(github.requests.filter((request) => request.method !== 'POST' || !request.path.includes('access_tokens'))).toEqual([]);

    await probot.receive(pullRequestEvent('edited', { ...pull, changes: { base: { ref: { from: 'develop' }, sha: { from: pull.baseSha } } } }));
    expect(github.checkRuns).toEqual([
      expect.objectContaining({ head_sha: pull.headSha, status: 'completed', conclusion: 'failure' }),
    ]);
  });
});

describe('when GitHub refuses part of the output', () => {
  it('still completes the check with the review\'s conclusion when the annotations are refused', async () => {
    await serve(BREAKING, 'breaking');
    github.failNext('PATCH', /\/check-runs\/\d+$/, 422);
    const requests = await pushed('breaking');
    const updates = bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${github.checkRuns[0]!.id}`);
    expect(updates.map((update) => [update.output?.annotations?.length, update.conclusion])).toEqual([
      [1, 'failure'],
      [0, 'failure'],
    ]);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
  });

  it('completes the check even when the comment cannot be posted', async () => {
    await serve(BREAKING, 'breaking');
    github.failNext('POST', /\/issues\/7\/comments$/, 403);
    await pushed('breaking');
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.comments).toEqual([]);
  });
});

describe('a review that hangs', () => {
  it('fails its check at the deadline rather than leaving it in progress', async () => {
    await serve(BREAKING, 'breaking');
    const hanging = { compare: () => new Promise<never>(() => undefined) } as unknown as PostgresExtractor;
    const readers = testExtractors(replayer).map((reader) => (reader.assetTypes.includes('postgres') ? postgresReader(hanging) : reader));
    const probot = await loadApp(replayer, { extractors: readers, reviewTimeoutMs: 500 });

    await probot.receive(pullRequestEvent('synchronize', github.pulls.get(7)!));

    expect(github.checkRuns[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'The review could not run: the review did not finish within 1 second' },
    });
    expect(github.comments).toEqual([]);
  });
});

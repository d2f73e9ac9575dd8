import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import type { Comment } from '../support/fake-github/context.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type CheckRunRequest, type RecordedRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { ORDERS_CONTRACT } from '../support/orders-contract.js';
import { testReplayer } from '../support/replayer.js';
import { APP_ID, loadApp, type TestApp } from './support/app.js';
import { pullRequestEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, DROP_AMOUNT, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

/** One pull request over three pushes, reviewed by one running app (its caches and token carry over). */
describe('a pull request that breaks a contract, then fixes it', () => {
  let replayer: Replayer;
  let repository: TestRepository;
  let probot: TestApp;
  let github: NockGitHub;
  let ourComment: Comment;
  let BASE: string;
  /** `main` after another pull request merged: the contract there names another contact. */
  let MAIN_MOVED: string;
  let BREAKING: string;
  let STILL_BREAKING: string;
  let FIXED: string;

  beforeAll(async () => {
    replayer = testReplayer();
    repository = await writeRepository({
      main: { files: BASE_FILES },
      'main-moved': {
        parent: 'main',
        files: { ...BASE_FILES, 'contracts/orders.yaml': ORDERS_CONTRACT.replace('@acme/analytics', '@acme/finance') },
      },
      breaking: { parent: 'main', files: { ...BASE_FILES, ...DROP_AMOUNT } },
      'still-breaking': { parent: 'breaking', files: { ...BASE_FILES, ...DROP_AMOUNT, 'src/app.ts': 'export const version = 2;\n' } },
      fixed: {
        parent: 'still-breaking',
        files: { ...BASE_FILES, 'db/migrations/V2__add_currency.sql': 'ALTER TABLE orders ADD COLUMN currency text;\n' },
      },
    });
    [BASE, MAIN_MOVED, BREAKING, STILL_BREAKING, FIXED] = ['main', 'main-moved', 'breaking', 'still-breaking', 'fixed'].map(
      (name) => repository.sha(name),
    ) as [string, string, string, string, string];
    await repository.setBranch('pr-7', BREAKING);
    github = serveShop(repository);
    await github.openPull({ number: 7, baseRef: 'main', headRef: 'pr-7' });
    probot = await loadApp(replayer);
  });
  afterEach(() => expect(github.unserved).toEqual([]));
  afterAll(async () => {
    github.stop();
    await repository.remove();
    await replayer.close();
  });

  /** Pushes `head` to the pull request's branch while `main` is at `base`, and delivers the push. */
  async function push(action: 'opened' | 'synchronize', head: string, base = BASE): Promise<RecordedRequest[]> {
    await repository.setBranch('main', base);
    await repository.setBranch('pr-7', head);
    await probot.receive(pullRequestEvent(action, await github.updatePull(7)));
    return github.takeRequests();
  }

  it('creates the check in progress, fails it with an annotation on the migration, and comments once', async () => {
    const requests = await push('opened', BREAKING);

    const [checkRun] = github.checkRuns;
    expect(bodiesOf<CheckRunRequest>(requests, 'POST', `${REPO}/check-runs`)).toEqual([
      expect.objectContaining({ name: 'data-contracts', head_sha: BREAKING, status: 'in_progress', external_id: '{"pull":7}' }),
    ]);
    const [completion] = bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${checkRun!.id}`);
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(completion!.output!.summary).toContain('| `field-removed` | `amount` |');
    expect(completion!.output!.annotations).toEqual([
      expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2, end_line: 2, annotation_level: 'failure' }),
    ]);

    const comments = bodiesOf<{ body: string }>(requests, 'POST', `${REPO}/issues/7/comments`);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(comments[0]!.body).toContain('Finance dashboards: @acme/analytics');
    expect(comments[0]!.body).toContain(`Commit \`${BREAKING.slice(0, 7)}\``);
    expect(github.comments).toHaveLength(1);
    ourComment = github.comments[0]!;

    expect(requests.map(requestLine)).toEqual([
      'POST /app/installations/31/access_tokens',
      // The head has no run of this app yet: one is created.
      `GET ${REPO}/commits/${BREAKING}/check-runs?check_name=data-contracts&app_id=${APP_ID}&filter=all&per_page=100`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/compare/${BASE}...${BREAKING}?per_page=1`,
      `GET ${REPO}/pulls/7/files?per_page=100`,
      `GET ${REPO}/git/trees/${BASE}?recursive=true`,
      'POST /graphql',
      `GET ${REPO}/git/trees/${BREAKING}?recursive=true`,
      // The base's and the head's migrations, read in one batch.
      'POST /graphql',
      `GET ${REPO}/pulls/7`,
      // The break waits for the blocking consumer's approval: the reviews say whether it came.
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      `PATCH ${REPO}/check-runs/${checkRun!.id}`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `POST ${REPO}/issues/7/comments`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
    ]);
  });

  it('edits its comment on the next push, deletes a duplicate of its own and leaves a human\'s alone', async () => {
    // Meanwhile main has moved on: the review still compares from the merge base, but judges by the contract on main
    // as it is now, which names another contact.
    const duplicate = github.addComment(7, `${COMMENT_MARKER}\nposted by a second delivery`, 'app');
    const human = github.addComment(7, `${COMMENT_MARKER}\nQuoting the bot: why does this block?`);

    const requests = await push('synchronize', STILL_BREAKING, MAIN_MOVED);

    const checkRun = github.checkRuns.at(-1)!;
    expect(checkRun).toMatchObject({ head_sha: STILL_BREAKING, status: 'completed', conclusion: 'failure' });
    expect(bodiesOf(requests, 'POST', `${REPO}/issues/7/comments`)).toEqual([]);
    expect(bodiesOf(requests, 'DELETE', `${REPO}/issues/comments/${duplicate.id}`)).toHaveLength(1);
    const [edit] = bodiesOf<{ body: string }>(requests, 'PATCH', `${REPO}/issues/comments/${ourComment.id}`);
    expect(edit!.body).toContain(`Commit \`${STILL_BREAKING.slice(0, 7)}\``);
    expect(edit!.body).toContain('Finance dashboards: @acme/finance');
    expect(edit!.body).toContain(`/blob/${MAIN_MOVED}/contracts/orders.yaml`);
    expect(github.comments.map(({ id, body }) => ({ id, body }))).toEqual([
      { id: ourComment.id, body: edit!.body },
      { id: human.id, body: human.body },
    ]);

    // The token, the merge base's tree and its blobs were kept from the first push: the target's tree and its new
    // contract, and the new head's tree, are read.
    expect(requests.map(requestLine)).toEqual([
      `GET ${REPO}/commits/${STILL_BREAKING}/check-runs?check_name=data-contracts&app_id=${APP_ID}&filter=all&per_page=100`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/compare/${MAIN_MOVED}...${STILL_BREAKING}?per_page=1`,
      `GET ${REPO}/pulls/7/files?per_page=100`,
      `GET ${REPO}/git/trees/${MAIN_MOVED}?recursive=true`,
      'POST /graphql',
      `GET ${REPO}/git/trees/${STILL_BREAKING}?recursive=true`,
      `GET ${REPO}/pulls/7`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      `PATCH ${REPO}/check-runs/${checkRun.id}`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `DELETE ${REPO}/issues/comments/${duplicate.id}`,
      `PATCH ${REPO}/issues/comments/${ourComment.id}`,
    ]);
  });

  it('turns the check green and the comment into an all-clear when a push fixes everything', async () => {
    const requests = await push('synchronize', FIXED);

    expect(github.checkRuns.at(-1)).toMatchObject({
      head_sha: FIXED,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'All clear: 1 contract checked', annotations: [] },
    });
    expect(bodiesOf(requests, 'POST', `${REPO}/issues/7/comments`)).toEqual([]);
    const [edit] = bodiesOf<{ body: string }>(requests, 'PATCH', `${REPO}/issues/comments/${ourComment.id}`);
    expect(edit!.body).toMatch(new RegExp(`^${COMMENT_MARKER}\n## Data contracts: ✅ all clear\n`));
    expect(edit!.body).toContain(`Commit \`${FIXED.slice(0, 7)}\``);
    expect(github.comments.filter((comment) => comment.performed_via_github_app?.id === APP_ID)).toHaveLength(1);
  });
});

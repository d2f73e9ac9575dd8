import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import { MERGE_MARKER } from '../../src/github/agreement/notify.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { requestLine } from '../support/fake-github/requests.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/notify-webhook.js';
import { testReplayer } from '../support/replayer.js';
import { AGREED_FILES, agreementCommits } from './support/agreements.js';
import { loadApp, type TestApp } from './support/app.js';
import { closedEvent, pullRequestEvent, reviewEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;
let webhook: WebhookReceiver | undefined;

beforeAll(async () => {
  replayer = testReplayer();
  repository = await writeRepository({
    ...agreementCommits(AGREED_FILES),
    tidy: { parent: 'main', files: { ...AGREED_FILES, 'src/app.ts': 'export const tidy = true;\n' } },
  });
});
beforeEach(async () => {
  github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'breaking' });
});
afterEach(async () => {
  github.stop();
  await webhook?.close();
  webhook = undefined;
  expect(github.unserved).toEqual([]);
});
afterAll(async () => {
  await repository.remove();
  await replayer.close();
});

const mergeNotices = () => github.comments.filter((comment) => comment.body.startsWith(MERGE_MARKER));

/** Pull request 7 reviewed, its break accepted by the consumer's contact, then merged by `root`. */
async function mergeAcceptedBreak(app: TestApp): Promise<void> {
  await app.receive(pullRequestEvent('opened', github.pulls.get(7)!));
  const approval = github.addReview(7, { login: 'maria', state: 'APPROVED' });
  await app.receive(reviewEvent('submitted', github.pulls.get(7)!, approval));
  expect(github.checkRuns[0]).toMatchObject({ conclusion: 'success' });
  github.mergePull(7, { actor: 'root' });
  github.takeRequests();
}

describe('the merge of a pull request that landed an accepted break', () => {
  it('tells its consumers once, on the pull request and through the webhook, however often the event comes', async () => {
    webhook = await startWebhookReceiver();
    const app = await loadApp(replayer, { notifyWebhookUrl: webhook.url });
    await mergeAcceptedBreak(app);
    const merged = closedEvent(github.pulls.get(7)!);

    await app.receive(merged);

    expect(github.takeRequests().map(requestLine)).toEqual([
      `GET ${REPO}/pulls/7`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `POST ${REPO}/issues/7/comments`,
    ]);
    const [notice] = mergeNotices();
    expect(notice!.body).toContain('### Data contracts: pull request #7 was merged');
    expect(notice!.body).toContain('`field-removed` on `amount` (accepted by @maria');
    expect(notice!.body).toContain('cc @maria');
    expect(webhook.received).toEqual([
      { text: expect.stringMatching(/^Data contracts: pull request #7 was merged \(https:\/\/github\.com\/acme\/shop\/pull\/7\)\n/) },
    ]);

    // Another delivery of the event finds the notice posted; the same delivery again is not even queued.
    await app.receive(closedEvent(github.pulls.get(7)!));
    expect(github.takeRequests().map(requestLine)).toEqual([
      `GET ${REPO}/pulls/7`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
    ]);
    await app.receive(merged);
    expect(github.takeRequests()).toEqual([]);

    expect(mergeNotices()).toHaveLength(1);
    expect(webhook.received).toHaveLength(1);
  });

  it('still comments when the webhook keeps failing, which is tried three times and fails nothing', async () => {
    webhook = await startWebhookReceiver([500]);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const app = await loadApp(replayer, { notifyWebhookUrl: webhook.url, log });
    await mergeAcceptedBreak(app);

    await app.receive(closedEvent(github.pulls.get(7)!));

    expect(mergeNotices()).toHaveLength(1);
    expect(webhook.received).toHaveLength(3);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('merge notification webhook failed; the notice was posted on the pull request only');
    expect(messages).not.toContain('review could not start');
  });
});

describe('the merge of a pull request', () => {
  it('says nothing when it landed nothing its consumers need to hear about', async () => {
    webhook = await startWebhookReceiver();
    const app = await loadApp(replayer, { notifyWebhookUrl: webhook.url });
    await github.openPull({ number: 8, baseRef: 'main', headRef: 'tidy' });
    await app.receive(pullRequestEvent('opened', github.pulls.get(8)!));
    github.mergePull(8, { actor: 'root' });
    github.takeRequests();

    await app.receive(closedEvent(github.pulls.get(8)!));

    // Nothing waits for an approval and no label overrides: the pull request alone is read.
    expect(github.takeRequests().map(requestLine)).toEqual([`GET ${REPO}/pulls/8`]);
    expect(github.comments).toEqual([]);
    expect(webhook.received).toEqual([]);
  });

  it('is told apart from a pull request closed unmerged, which is not even queued', async () => {
    const app = await loadApp(replayer);

    await app.receive(closedEvent({ ...github.pulls.get(7)!, state: 'closed' }));

    expect(app.queued).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MERGE_MARKER } from '../../src/github/agreement/notify.js';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import type { RecordedRequest } from '../support/fake-github/requests.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';
import { pullRequestPayload, pullRequestReviewPayload } from '../support/fake-github/webhooks.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/notify-webhook.js';
import { ORDERS_CONTRACT } from '../support/orders-contract.js';
import { type AppProcess, sleep, startAppProcess, until } from './support/app-process.js';
import { type Delivery, post, signed } from './support/deliveries.js';

const OWNER = 'acme';
const REPO = 'shop';
const APP_ID = 4343;
const INSTALLATION_ID = 78;
const SECRET = 'e2e-agreements-secret';
const PRIVATE_KEY = createAppPrivateKey();
const TARGET = { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID };
const OVERRIDE_LABEL = 'data-contracts: override';
/** A database of its own: the other suites empty theirs when they start, and run beside this one. */
const REDIS_URL = process.env.DCR_TEST_REDIS_URL ? ownDatabase(process.env.DCR_TEST_REDIS_URL) : undefined;

function ownDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/5';
  return parsed.href;
}

let repo: TempRepo;
let github: FakeGitHub;
let webhook: WebhookReceiver;
let app: AppProcess;

const explain = () => `the server's output:\n${app.lines.slice(-60).join('\n')}`;
const pull = () => github.pulls.get(1)!;
const headCheck = () => github.checkRuns.find((run) => run.head_sha === pull().headSha);

/** How many times the server logged `message` about the pull request's head so far. */
const times = (message: string) => app.entries().filter((entry) => entry.msg === message && entry.commit === pull().headSha).length;

/**
 * Sends the delivery and waits until the server has logged `message` once more for the head: the requests to the
 * stand-in meanwhile are the delivery's.
 */
async function deliverAndWait(delivery: Delivery, message: string): Promise<RecordedRequest[]> {
  const before = { logged: times(message), requests: github.requests.length };
  expect((await post(app.baseUrl, delivery)).status).toBe(202);
  await until(`"${message}" for ${pull().headSha.slice(0, 7)}`, () => (times(message) > before.logged ? true : undefined), { explain });
  return github.requests.slice(before.requests);
}

/** Pushes a commit to the pull request's branch and waits for its review. */
async function push(changes: Record<string, string>, action: 'opened' | 'synchronize'): Promise<void> {
  await repo.git('checkout', '-q', 'feature');
  await repo.commit(changes);
  await repo.git('checkout', '-q', 'main');
  const payload = pullRequestPayload(action, { ...TARGET, ...(await github.updatePull(1)) });
  await deliverAndWait(signed(SECRET, 'pull_request', payload), 'review comment synchronised');
}

const READS_FILES = /\/(compare|files|git\/trees|git\/blobs)\b|^\/graphql/;

beforeAll(async () => {
  repo = await createTempRepo();
  await repo.commit({
    'contracts/orders.yaml': ORDERS_CONTRACT,
    'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL);\n',
  });
  await repo.git('branch', 'feature');

  github = await startFakeGitHub({ repoDir: repo.dir, ...TARGET, appId: APP_ID });
  github.addTeamMember('analytics', 'ana');
  github.setCollaborator('root', 'admin');
  await github.openPull({ number: 1, baseRef: 'main', headRef: 'feature' });
  webhook = await startWebhookReceiver();

  if (REDIS_URL) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    const stale = [...(await redis.keys('dcr:*')), ...(await redis.keys('bull:data-contracts-reviews:*'))];
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
  }
  // With Redis the judged reviews are kept there, as replicas keep them, and read back to decide again.
  app = await startAppProcess({
    github,
    appId: APP_ID,
    privateKey: PRIVATE_KEY,
    webhookSecret: SECRET,
    env: { DCR_NOTIFY_WEBHOOK_URL: webhook.url, ...(REDIS_URL ? { REDIS_URL } : {}) },
  });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await webhook?.close();
  await github?.close();
  await repo?.remove();
});

describe('agreements on a pull request, with the app started as the README says', () => {
  it('fails the check on a break of the blocking consumer\'s column', async () => {
    await push({ 'db/migrations/V2__drop_amount.sql': 'ALTER TABLE orders DROP COLUMN amount;\n' }, 'opened');

    expect(headCheck()).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(headCheck()!.output.summary).toContain('Ask @acme/analytics to approve this pull request');
  });

  it('turns green when a member of the consumer\'s team approves, without reading the commit again', async () => {
    const review = github.addReview(1, { login: 'ana', state: 'APPROVED' });
    const payload = pullRequestReviewPayload('submitted', { ...TARGET, ...pull(), review });

    const requests = await deliverAndWait(signed(SECRET, 'pull_request_review', payload), 'review comment synchronised');

    expect(headCheck()).toMatchObject({ conclusion: 'success' });
    expect(headCheck()!.output.summary).toContain('✅ accepted by @acme/analytics (@ana)');
    expect(github.comments.find((comment) => !comment.body.startsWith(MERGE_MARKER))!.body).toContain('✅ 1 blocking finding accepted');
    // The installation token was asked for `members: read`, which the team's membership needs.
    expect(requests.map(({ method, path }) => `${method} ${path}`)).toContain(`GET /orgs/${OWNER}/teams/analytics/memberships/ana`);
    expect(requests.filter((request) => READS_FILES.test(request.path))).toEqual([]);
    expect(github.tokensIssued.at(-1)!.permissions).toMatchObject({ members: 'read' });
  });

  it('fails again on a push that adds a new break: the approval was for the earlier commit', async () => {
    await push({ 'db/migrations/V3__drop_id.sql': 'ALTER TABLE orders DROP COLUMN id;\n' }, 'synchronize');

    expect(headCheck()).toMatchObject({ conclusion: 'failure' });
    expect(headCheck()!.output.summary).not.toContain('accepted by');
  });

  it('makes the check neutral when an admin adds the override label, saying who', async () => {
    github.addLabel(1, OVERRIDE_LABEL, { actor: 'root' });
    const payload = pullRequestPayload('labeled', { ...TARGET, ...pull(), label: OVERRIDE_LABEL, sender: 'root' });

    await deliverAndWait(signed(SECRET, 'pull_request', payload), 'check decided again');

    expect(headCheck()).toMatchObject({ conclusion: 'neutral' });
    expect(headCheck()!.output.summary).toContain('The check was overridden by @root on');
  });

  it('tells the consumers once on merge, in one comment and one webhook message, however often the event comes', async () => {
    github.mergePull(1, { actor: 'root' });
    const merged = signed(SECRET, 'pull_request', pullRequestPayload('closed', { ...TARGET, ...pull() }));

    await deliverAndWait(merged, 'merged: consumers told on the pull request');
    await until('the webhook message', () => (webhook.received.length > 0 ? true : undefined), { explain });
    await deliverAndWait(signed(SECRET, 'pull_request', pullRequestPayload('closed', { ...TARGET, ...pull() })), 'merged: the notice was already sent');
    expect(await post(app.baseUrl, merged)).toMatchObject({ status: 200 });
    // Time for anything a repeated delivery might still send.
    await sleep(1000);

    const notices = github.comments.filter((comment) => comment.body.startsWith(MERGE_MARKER));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('The data-contracts check was overridden by @root');
    expect(notices[0]!.body).toContain('cc @acme/analytics');
    expect(webhook.received).toEqual([{ text: expect.stringContaining('Data contracts: pull request #1 was merged') }]);
  });
});

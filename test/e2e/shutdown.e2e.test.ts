import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';
import { pullRequestPayload, signedDelivery } from '../support/fake-github/webhooks.js';
import { ORDERS_CONTRACT } from '../support/orders-contract.js';
import { type AppProcess, startAppProcess, until } from './support/app-process.js';

const OWNER = 'acme';
const REPO = 'shop';
const APP_ID = 5151;
const INSTALLATION_ID = 88;
const SECRET = 'shutdown-webhook-secret';
const PRIVATE_KEY = createAppPrivateKey();
/**
 * Jest runs test files side by side, and the app's end-to-end test clears the queue's keys when it starts: unless the
 * URL names a database, this test keeps to database 4 of its own (the replica test keeps to 3).
 */
const REDIS_URL = process.env.DCR_TEST_REDIS_URL ? ownDatabase(process.env.DCR_TEST_REDIS_URL) : undefined;

function ownDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/4';
  return parsed.href;
}
/** Reading a commit's tree hangs this long: a review is surely under way when the process is told to stop. */
const SLOW_TREES = { rate: 1, kinds: { slow: 1 }, slowMs: 15_000, paths: [/\/git\/trees\//] };

let repo: TempRepo;
let github: FakeGitHub;
const apps: AppProcess[] = [];

beforeAll(async () => {
  repo = await createTempRepo();
  await repo.commit({
    'contracts/orders.yaml': ORDERS_CONTRACT,
    'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL);\n',
  });
  await repo.git('checkout', '-q', '-b', 'drop-amount');
  await repo.commit({ 'db/migrations/V2__drop.sql': 'ALTER TABLE orders DROP COLUMN amount;\n' }, 'Drop the amount');
  await repo.git('checkout', '-q', 'main');
  github = await startFakeGitHub({ repoDir: repo.dir, owner: OWNER, repo: REPO, appId: APP_ID, installationId: INSTALLATION_ID });
}, 60_000);
afterEach(async () => {
  github.setFaults(undefined);
  await Promise.all(apps.splice(0).map((app) => app.kill()));
});
afterAll(async () => {
  await github?.close();
  await repo?.remove();
});

async function start(label: string, env: Record<string, string>): Promise<AppProcess> {
  const app = await startAppProcess({ github, appId: APP_ID, privateKey: PRIVATE_KEY, webhookSecret: SECRET, label, env });
  apps.push(app);
  return app;
}

/** Opens pull request `number` and delivers it to `app`; resolves once the review has started. */
async function openAndDeliver(app: AppProcess, number: number): Promise<string> {
  const pull = await github.openPull({ number, baseRef: 'main', headRef: 'drop-amount' });
  const delivery = signedDelivery(SECRET, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, ...pull }));
  const response = await fetch(`${app.baseUrl}/api/github/webhooks`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  expect(response.status).toBe(202);
  await until('the review to start', () => (app.logged('review started', { pullRequest: number }) ? true : undefined), { timeoutMs: 30_000 });
  return pull.headSha;
}

const runsOf = (headSha: string, pull: number) =>
  github.checkRuns.filter((run) => run.head_sha === headSha && run.external_id === JSON.stringify({ pull }));

describe('a process told to stop (SIGTERM)', () => {
  it('lets a review under way finish within its grace period', async () => {
    const app = await start('graceful', { DCR_SHUTDOWN_GRACE_SECONDS: '30' });
    github.setFaults({ ...SLOW_TREES, slowMs: 1500 });
    const head = await openAndDeliver(app, 1);

    await app.stop();

    expect(runsOf(head, 1)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(runsOf(head, 1)[0]!.output.title).toBe('1 blocking in 1 contract');
  });

  it('alone, fails the check of a review it could not finish, saying why, rather than leaving it in progress', async () => {
    const app = await start('alone', { DCR_SHUTDOWN_GRACE_SECONDS: '0' });
    github.setFaults(SLOW_TREES);
    const head = await openAndDeliver(app, 2);

    await app.stop();

    const [run] = runsOf(head, 2);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run!.output.title).toContain('the app stopped before the review finished');
  });

  (REDIS_URL || process.env.CI ? it : it.skip)('beside a replica, hands the review over, and the replica completes the same run', async () => {
    expect(REDIS_URL).toBeDefined();
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL!);
    const stale = [...(await redis.keys('dcr:*')), ...(await redis.keys('bull:data-contracts-reviews:*'))];
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
    const env = { REDIS_URL: REDIS_URL!, DCR_SHUTDOWN_GRACE_SECONDS: '0' };
    const replicas = [await start('first', env), await start('second', env)];
    github.setFaults(SLOW_TREES);
    const pull = await github.openPull({ number: 3, baseRef: 'main', headRef: 'drop-amount' });
    const delivery = signedDelivery(SECRET, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, ...pull }));
    expect((await fetch(`${replicas[0]!.baseUrl}/api/github/webhooks`, { method: 'POST', headers: delivery.headers, body: delivery.body })).status).toBe(202);
    // Either replica may take the job from the shared queue.
    const holder = await until('a replica to start the review', () => replicas.find((app) => app.logged('review started', { pullRequest: 3 })), { timeoutMs: 30_000 });
    const other = replicas.find((app) => app !== holder)!;

    await holder.stop();
    expect(runsOf(pull.headSha, 3)).toEqual([expect.objectContaining({ status: 'queued' })]);
    github.setFaults(undefined);

    await until('the replica to complete the run', () => (runsOf(pull.headSha, 3)[0]?.status === 'completed' ? true : undefined), { timeoutMs: 90_000 });
    expect(runsOf(pull.headSha, 3)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(other.logged('review started', { pullRequest: 3, reused: true })).toBe(true);
  }, 150_000);
});


import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';
import { pullRequestPayload } from '../support/fake-github/webhooks.js';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { ORDERS_CONTRACT } from '../support/orders-contract.js';
import { type AppProcess, startAppProcess, until } from './support/app-process.js';
import { type Answer, post, signed } from './support/deliveries.js';

const OWNER = 'acme';
const REPO = 'shop';
const APP_ID = 4242;
const INSTALLATION_ID = 77;
const SECRET = 'e2e-webhook-secret';
const PRIVATE_KEY = createAppPrivateKey();
const MIGRATIONS = 500;
const REDIS_URL = process.env.DCR_TEST_REDIS_URL;

function migrations(): Record<string, string> {
  const files: Record<string, string> = {
    'contracts/orders.yaml': ORDERS_CONTRACT,
    'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL);\n',
  };
  for (let index = 2; index <= MIGRATIONS; index += 1) {
    files[`db/migrations/V${index}__table_${index}.sql`] = `CREATE TABLE table_${index} (id bigint PRIMARY KEY, label text);\n`;
  }
  return files;
}

/** The pull request's five files: a migration and four others. */
function pullRequestFiles(migration: string): Record<string, string> {
  return {
    [`db/migrations/V${MIGRATIONS + 1}__checkout.sql`]: migration,
    'src/checkout.ts': `export const version = ${Math.random()};\n`,
    'src/orders.ts': 'export const orders = 2;\n',
    'docs/checkout.md': '# Checkout v2\n',
    'README.md': '# Shop\n',
  };
}

let repo: TempRepo;
let github: FakeGitHub;
let app: AppProcess;

const explain = () => `the server's output:\n${app.lines.join('\n')}`;

async function deliver(name: string, payload: unknown, signature?: string): Promise<Answer> {
  return post(app.baseUrl, signed(SECRET, name, payload), signature ? { 'x-hub-signature-256': signature } : {});
}

async function push(action: 'opened' | 'synchronize'): Promise<{ headSha: string; requests: number }> {
  const pull = await github.updatePull(1);
  const before = github.requests.length;
  const response = await deliver(
    'pull_request',
    pullRequestPayload(action, { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, ...pull }),
  );
  expect(response.status).toBeLessThan(300);
  // The comment follows the check: the review is over when the app has logged the comment's synchronisation.
  await until('the review to finish', () => (app.logged('review comment synchronised', { commit: pull.headSha }) ? true : undefined), { explain });
  return { headSha: pull.headSha, requests: github.requests.length - before };
}

beforeAll(async () => {
  repo = await createTempRepo();
  await repo.commit(migrations(), 'Shop with 500 migrations');
  await repo.git('checkout', '-q', '-b', 'checkout-v2');
  await repo.commit(pullRequestFiles('ALTER TABLE orders DROP COLUMN amount;\n'), 'Drop the amount');

  github = await startFakeGitHub({ repoDir: repo.dir, owner: OWNER, repo: REPO, appId: APP_ID, installationId: INSTALLATION_ID });
  await github.openPull({ number: 1, baseRef: 'main', headRef: 'checkout-v2' });

  if (REDIS_URL) {
    // Start from no queue, delivery or limit state, so what the test finds there is this server's.
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    const stale = [...(await redis.keys('dcr:*')), ...(await redis.keys('bull:data-contracts-reviews:*'))];
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
  }

  // Where CI has Redis, the server keeps its queue, deliveries and GitHub rate-limit state there, as replicas would.
  app = await startAppProcess({ github, appId: APP_ID, privateKey: PRIVATE_KEY, webhookSecret: SECRET, env: REDIS_URL ? { REDIS_URL } : {} });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await github?.close();
  await repo?.remove();
});

describe('the app, started as the README says, against a GitHub-compatible API', () => {
  let firstPush: { headSha: string; requests: number };

  it('leaves one failing check and one comment naming the blocking consumer on a breaking push', async () => {
    firstPush = await push('opened');
    const runs = github.checkRuns.filter((run) => run.head_sha === firstPush.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'data-contracts', status: 'completed', conclusion: 'failure' });
    expect(runs[0]!.output.annotations).toEqual([
      expect.objectContaining({ path: `db/migrations/V${MIGRATIONS + 1}__checkout.sql`, start_line: 1, annotation_level: 'failure' }),
    ]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('@acme/analytics');
    expect(github.comments[0]!.body).toContain(firstPush.headSha.slice(0, 7));
  });

  it('reads 500 migrations in a handful of requests, and fewer on the next push', async () => {
    await repo.commit(pullRequestFiles('ALTER TABLE orders ADD COLUMN note text;\n'), 'Keep the amount');
    const secondPush = await push('synchronize');
    console.log(`GitHub requests per review of a 5-file PR over ${MIGRATIONS} migrations: first push ${firstPush.requests}, second push ${secondPush.requests}`);
    expect(firstPush.requests).toBeLessThanOrEqual(20);
    expect(secondPush.requests).toBeLessThan(firstPush.requests);

    const runs = github.checkRuns.filter((run) => run.head_sha === secondPush.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('all clear');
    expect(github.comments[0]!.body).toContain(secondPush.headSha.slice(0, 7));
  });

  (REDIS_URL || process.env.CI ? it : it.skip)('keeps its queue, deliveries and GitHub limits in Redis when REDIS_URL is set', async () => {
    expect(REDIS_URL).toBeDefined();
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL!);
    try {
      expect((await redis.keys('dcr:delivery:*')).length).toBeGreaterThanOrEqual(2);
      expect((await redis.keys('bull:data-contracts-reviews:*')).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses a delivery with a bad signature without a request to GitHub', async () => {
    const pull = await github.updatePull(1);
    const before = github.requests.length;
    const payload = pullRequestPayload('synchronize', { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, ...pull });
    const response = await deliver('pull_request', payload, `sha256=${'0'.repeat(64)}`);
    expect(response.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(github.requests.length).toBe(before);
  });

  it('logs JSON lines that carry the delivery, repository, pull request and commit, and no secret', () => {
    const lines = app.lines;
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const reviewLines = entries.filter((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('review'));
    expect(reviewLines.length).toBeGreaterThanOrEqual(4);
    for (const entry of reviewLines) {
      expect(entry).toMatchObject({ repository: `${OWNER}/${REPO}`, pullRequest: 1, deliveryId: expect.any(String), commit: expect.any(String) });
    }
    const everything = lines.join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('ghs_');
    expect(everything).not.toContain(PRIVATE_KEY.split('\n')[1]);
  });
});

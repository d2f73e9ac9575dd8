import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Probot } from 'probot';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';
import {
  FORK_OWNER,
  checkRunRerequestedPayload,
  checkSuiteRerequestedPayload,
  mergeGroupPayload,
  pullRequestPayload,
  signedDelivery,
} from '../support/fake-github/webhooks.js';

const TARGET = { owner: 'acme', repo: 'shop', installationId: 777 };
const APP_ID = 4242;
const SECRET = 'webhook-secret';
const PULL = { number: 5, headRef: 'feature', headSha: 'a'.repeat(40), baseRef: 'main', baseSha: 'b'.repeat(40) };

describe('payload builders', () => {
  it('moves a pull request example to the target repository, branches and installation', () => {
    const payload = pullRequestPayload('synchronize', { ...TARGET, ...PULL });
    expect(payload).toMatchObject({
      action: 'synchronize',
      number: 5,
      after: PULL.headSha,
      installation: { id: 777 },
      repository: { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' } },
      pull_request: {
        number: 5,
        html_url: 'https://github.com/acme/shop/pull/5',
        head: {
          ref: 'feature',
          sha: PULL.headSha,
          label: 'acme:feature',
          repo: { full_name: 'acme/shop', fork: false },
        },
        base: { ref: 'main', sha: PULL.baseSha, label: 'acme:main', repo: { full_name: 'acme/shop' } },
      },
    });
    const json = JSON.stringify(payload);
    expect(json).not.toContain('Codertocat/Hello-World');
    expect(json).not.toMatch(/\/(pulls|pull|issues)\/2\b/);
  });

  it('puts a fork’s head in another repository and carries `changes`', () => {
    const changes = { base: { ref: { from: 'develop' }, sha: { from: 'c'.repeat(40) } } };
    const payload = pullRequestPayload('edited', { ...TARGET, ...PULL, fork: true, changes });
    expect(payload).toMatchObject({
      action: 'edited',
      changes,
      pull_request: { head: { repo: { full_name: `${FORK_OWNER}/shop`, fork: true } } },
    });
    expect(payload.pull_request.base.repo.full_name).toBe('acme/shop');
  });

  it('builds check run, check suite and merge group deliveries', () => {
    const checkRun = checkRunRerequestedPayload({
      ...TARGET,
      appId: APP_ID,
      checkRunId: 99,
      name: 'Data contracts',
      headSha: PULL.headSha,
      headBranch: 'feature',
      pullRequests: [PULL],
    });
    expect(checkRun).toMatchObject({
      action: 'rerequested',
      installation: { id: 777 },
      check_run: {
        id: 99,
        name: 'Data contracts',
        head_sha: PULL.headSha,
        app: { id: APP_ID },
        check_suite: { head_sha: PULL.headSha, head_branch: 'feature' },
      },
    });
    expect(checkRun.check_run.pull_requests).toEqual([
      expect.objectContaining({
        number: 5,
        head: expect.objectContaining({ sha: PULL.headSha }),
        base: expect.objectContaining({ ref: 'main' }),
      }),
    ]);

    const checkSuite = checkSuiteRerequestedPayload({
      ...TARGET,
      appId: APP_ID,
      headSha: PULL.headSha,
      headBranch: 'feature',
    });
    expect(checkSuite).toMatchObject({
      action: 'rerequested',
      check_suite: { head_sha: PULL.headSha, app: { id: APP_ID }, pull_requests: [] },
    });

    const mergeGroup = mergeGroupPayload({
      ...TARGET,
      headSha: PULL.headSha,
      headRef: 'gh-readonly-queue/main/pr-5-abc',
      baseSha: PULL.baseSha,
      baseRef: 'main',
    });
    expect(mergeGroup).toMatchObject({
      action: 'checks_requested',
      repository: { full_name: 'acme/shop' },
      merge_group: {
        head_sha: PULL.headSha,
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-5-abc',
        base_ref: 'refs/heads/main',
      },
    });
  });
});

describe('signed deliveries through Probot', () => {
  let temp: TempRepo;
  let fake: FakeGitHub;

  beforeAll(async () => {
    temp = await createTempRepo();
    await temp.commit({ 'README.md': 'one\n' });
    await temp.git('checkout', '-q', '-b', 'feature');
    await temp.commit({ 'contracts/orders.yaml': 'name: orders\n' });
    fake = await startFakeGitHub({ repoDir: temp.dir, ...TARGET, appId: APP_ID });
  });

  afterAll(async () => {
    await fake.close();
    await temp.remove();
  });

  it('is accepted by Probot, whose handler then reads the pull request from the fake', async () => {
    const pull = await fake.openPull({ number: 5, baseRef: 'main', headRef: 'feature' });
    const probot = new Probot({
      appId: APP_ID,
      privateKey: createAppPrivateKey(),
      secret: SECRET,
      baseUrl: `${fake.url}/api/v3`,
      logLevel: 'fatal',
    });
    const filesSeen: string[] = [];
    probot.on('pull_request.opened', async (context) => {
      const { data } = await context.octokit.rest.pulls.listFiles(context.pullRequest());
      filesSeen.push(...data.map((file) => file.filename));
    });
    const delivery = signedDelivery(SECRET, 'pull_request', pullRequestPayload('opened', { ...TARGET, ...pull }));
    expect(delivery.headers).toMatchObject({ 'content-type': 'application/json', 'x-github-event': 'pull_request' });

    await probot.ready();
    await probot.webhooks.verifyAndReceive({
      id: delivery.headers['x-github-delivery'] ?? '',
      name: 'pull_request',
      payload: delivery.body,
      signature: delivery.headers['x-hub-signature-256'] ?? '',
    });
    expect(filesSeen).toEqual(['contracts/orders.yaml']);
    expect(fake.requests.map((request) => request.path)).toEqual([
      '/app/installations/777/access_tokens',
      '/repos/acme/shop/pulls/5/files',
    ]);
  });
});

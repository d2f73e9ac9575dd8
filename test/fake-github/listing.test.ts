import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import type { FakeGitHub } from '../support/fake-github/server.js';
import { APP_ID, OWNER, REPO, type Scene, createScene, startFake } from './setup.js';

const OTHER_APP_ID = 15368;
/** Octokit logs every failed request; some of these fail on purpose. */
const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let scene: Scene;
let fake: FakeGitHub;
let octokit: Octokit;

beforeAll(async () => {
  scene = await createScene();
});

afterAll(async () => {
  await scene.temp.remove();
});

beforeEach(async () => {
  fake = await startFake(scene, { otherRepositories: ['warehouse', 'billing'] });
  octokit = new Octokit({ auth: fake.issueInstallationToken().token, baseUrl: `${fake.url}/api/v3`, log: SILENT_LOG });
});

afterEach(async () => {
  await fake.close();
});

describe('what a sweeper lists', () => {
  it('lists the installation’s repositories, paginated, and only those a scoped token reaches', async () => {
    const firstPage = await octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 2 });
    expect(firstPage.data.total_count).toBe(3);
    expect(firstPage.data.repositories.map((repository) => repository.full_name)).toEqual([
      `${OWNER}/${REPO}`,
      `${OWNER}/warehouse`,
    ]);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 2 });
    expect(all.map((repository) => repository.name)).toEqual([REPO, 'warehouse', 'billing']);

    const scoped = new Octokit({
      auth: fake.issueInstallationToken({ repositories: ['billing'] }).token,
      baseUrl: `${fake.url}/api/v3`,
    });
    const { data } = await scoped.rest.apps.listReposAccessibleToInstallation();
    expect({ total: data.total_count, names: data.repositories.map((repository) => repository.name) }).toEqual({
      total: 1,
      names: ['billing'],
    });
  });

  it('lists pull requests by state, base and head, by creation or update, paginated, in GitHub’s shape', async () => {
    await fake.openPull({ number: 2, baseRef: 'main', headRef: 'feature', headRepoFullName: 'someone/shop' });
    await fake.openPull({ number: 3, baseRef: 'feature', headRef: 'feature' });
    const closed = await fake.openPull({ number: 4, baseRef: 'main', headRef: 'feature' });
    closed.state = 'closed';

    const numbers = async (parameters: {
      state?: 'open' | 'closed' | 'all';
      base?: string;
      head?: string;
      sort?: 'created' | 'updated';
      direction?: 'asc' | 'desc';
    }) =>
      (await octokit.rest.pulls.list({ owner: OWNER, repo: REPO, ...parameters })).data.map((pull) => pull.number);
    expect(await numbers({})).toEqual([3, 2, 1]);
    expect(await numbers({ state: 'closed' })).toEqual([4]);
    expect(await numbers({ state: 'all', direction: 'asc' })).toEqual([1, 2, 3, 4]);
    expect(await numbers({ base: 'main' })).toEqual([2, 1]);
    expect(await numbers({ head: 'someone:feature' })).toEqual([2]);
    fake.setPullHead(2, scene.main);
    expect(await numbers({ sort: 'updated', direction: 'desc' })).toEqual([2, 3, 1]);
    expect(await numbers({ sort: 'updated' })).toEqual([1, 3, 2]);
    fake.setPullHead(2, scene.feature);

    const { data, headers } = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO, per_page: 2 });
    expect(headers.link).toContain('page=2>; rel="next"');
    expect(data[1]).toMatchObject({
      number: 2,
      state: 'open',
      head: { sha: scene.feature, ref: 'feature', repo: { full_name: 'someone/shop', fork: true } },
      base: { sha: scene.main, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
    });
    expect(data[1]).not.toHaveProperty('changed_files');
  });
});

describe('check runs for a commit', () => {
  it('filters by name, status and app, keeps the newest of each app and name unless all, and paginates', async () => {
    const create = async (name: string, status: 'in_progress' | 'completed') =>
      (
        await octokit.rest.checks.create({
          owner: OWNER,
          repo: REPO,
          name,
          head_sha: scene.feature,
          status,
          external_id: `${name}-${status}`,
          ...(status === 'completed' ? { conclusion: 'success' as const } : {}),
        })
      ).data.id;
    const oldLint = await create('lint', 'completed');
    const newLint = await create('lint', 'in_progress');
    const contracts = await create('data-contracts', 'completed');
    const foreign = fake.addCheckRun({ head_sha: scene.feature, name: 'lint', app_id: OTHER_APP_ID }).id;

    const ids = async (parameters: Record<string, string | number>) =>
      (
        await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: scene.feature, ...parameters })
      ).data.check_runs.map((run) => run.id);
    expect(await ids({})).toEqual([newLint, contracts, foreign]);
    expect(await ids({ filter: 'all' })).toEqual([oldLint, newLint, contracts, foreign]);
    expect(await ids({ check_name: 'lint' })).toEqual([newLint, foreign]);
    expect(await ids({ status: 'completed' })).toEqual([contracts, foreign]);
    expect(await ids({ status: 'completed', filter: 'all' })).toEqual([oldLint, contracts, foreign]);
    expect(await ids({ app_id: APP_ID })).toEqual([newLint, contracts]);
    expect(await ids({ app_id: OTHER_APP_ID })).toEqual([foreign]);

    const all = await octokit.paginate(octokit.rest.checks.listForRef, {
      owner: OWNER,
      repo: REPO,
      ref: 'feature',
      filter: 'all',
      per_page: 3,
    });
    expect(all.map((run) => run.id)).toEqual([oldLint, newLint, contracts, foreign]);
    expect(all[1]).toMatchObject({ app: { id: APP_ID }, external_id: 'lint-in_progress', status: 'in_progress' });
    expect(all[3]).toMatchObject({ app: { id: OTHER_APP_ID }, external_id: '', conclusion: 'success' });
  });

  it('reads one run, and refuses (403) to update another app’s', async () => {
    const stale = fake.addCheckRun({
      head_sha: scene.feature,
      name: 'data-contracts',
      status: 'in_progress',
      external_id: 'review-1',
      started_at: '2024-01-01T00:00:00Z',
    });
    const { data } = await octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: stale.id });
    expect(data).toMatchObject({
      id: stale.id,
      app: { id: APP_ID },
      status: 'in_progress',
      started_at: '2024-01-01T00:00:00Z',
    });
    await octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: stale.id, conclusion: 'cancelled' });
    expect(stale.status).toBe('completed');

    const foreign = fake.addCheckRun({ head_sha: scene.feature, name: 'build', app_id: OTHER_APP_ID });
    await expect(
      octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: foreign.id, conclusion: 'failure' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(foreign.conclusion).toBe('success');
    await expect(octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: 999_999 })).rejects.toMatchObject({
      status: 404,
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  FORK_OWNER,
  checkRunRerequestedPayload,
  pullRequestPayload,
  pullRequestReviewPayload,
} from '../support/fake-github/webhooks.js';

const TARGET = { owner: 'acme', repo: 'shop', installationId: 777 };
const APP_ID = 4242;
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

  it('shows a label added, with the labels the pull request carries then, sent by whoever added it', () => {
    const payload = pullRequestPayload('labeled', {
      ...TARGET,
      ...PULL,
      labels: ['bug', 'data-contracts: override'],
      label: 'data-contracts: override',
      sender: 'root',
    });
    expect(payload).toMatchObject({
      action: 'labeled',
      label: { name: 'data-contracts: override' },
      sender: { login: 'root' },
      pull_request: { state: 'open', labels: [{ name: 'bug' }, { name: 'data-contracts: override' }] },
    });
    expect(() => pullRequestPayload('unlabeled', { ...TARGET, ...PULL })).toThrow(/names the label/);
  });

  it('shows a merged pull request closed and merged, sent by whoever merged it', () => {
    const merged = { by: 'root', at: Date.parse('2026-03-03T12:00:00Z'), commitSha: PULL.headSha };
    const payload = pullRequestPayload('closed', { ...TARGET, ...PULL, state: 'closed', merged });
    expect(payload).toMatchObject({
      action: 'closed',
      sender: { login: 'root' },
      pull_request: {
        state: 'closed',
        merged: true,
        merged_by: { login: 'root' },
        merged_at: '2026-03-03T12:00:00Z',
        merge_commit_sha: PULL.headSha,
        labels: [],
      },
    });
    expect(pullRequestPayload('closed', { ...TARGET, ...PULL, state: 'closed' }).pull_request.merged).toBe(false);
  });

  it('moves a review example to the pull request, its state in lower case as webhooks spell it', () => {
    const review = { id: 41, login: 'maria', state: 'APPROVED' as const, commitId: PULL.headSha, body: '', submittedAt: '2026-03-01T09:00:00Z' };
    const payload = pullRequestReviewPayload('submitted', { ...TARGET, ...PULL, review });
    expect(payload).toMatchObject({
      action: 'submitted',
      installation: { id: 777 },
      sender: { login: 'maria' },
      review: {
        id: 41,
        user: { login: 'maria' },
        state: 'approved',
        body: null,
        commit_id: PULL.headSha,
        html_url: 'https://github.com/acme/shop/pull/5#pullrequestreview-41',
      },
      pull_request: {
        number: 5,
        url: 'https://api.github.com/repos/acme/shop/pulls/5',
        head: { sha: PULL.headSha },
        base: { ref: 'main', repo: { full_name: 'acme/shop' } },
      },
    });
    const dismissed = pullRequestReviewPayload('dismissed', { ...TARGET, ...PULL, review: { ...review, state: 'DISMISSED' }, sender: 'root' });
    expect(dismissed).toMatchObject({ action: 'dismissed', sender: { login: 'root' }, review: { state: 'dismissed', user: { login: 'maria' } } });
    const json = JSON.stringify(dismissed);
    expect(json).not.toMatch(/Codertocat\/Hello-World|hellomouse|Octocoders/);
    expect(json).not.toMatch(/\/(pulls|pull|issues)\/(2|902)\b/);
  });

  it('lists in a check run the pull requests it is given, as GitHub lists those from the same repository', () => {
    const checkRun = checkRunRerequestedPayload({
      ...TARGET,
      appId: APP_ID,
      checkRunId: 99,
      name: 'Data contracts',
      headSha: PULL.headSha,
      headBranch: 'feature',
      pullRequests: [PULL],
    });
    const listed = expect.objectContaining({
      number: 5,
      url: 'https://api.github.com/repos/acme/shop/pulls/5',
      head: expect.objectContaining({ sha: PULL.headSha }),
      base: expect.objectContaining({ ref: 'main' }),
    });
    expect(checkRun.check_run.pull_requests).toEqual([listed]);
    expect(checkRun.check_run.check_suite.pull_requests).toEqual([listed]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { FORK_OWNER, checkRunRerequestedPayload, pullRequestPayload } from '../support/fake-github/webhooks.js';

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

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mergeGroupPayload } from '../support/fake-github/webhooks.js';
import { branch, DROP_AMOUNT, pullEvent, runEntry, SHOP, type Workplace, workplace } from './support.js';

let place: Workplace;

beforeAll(async () => {
  place = await workplace();
});
afterAll(() => place?.close());

describe('the events the Action runs on', () => {
  it('reviews a merge group into a check on the group head, and comments on nothing', async () => {
    // The merge queue's commit: main with the pull request's change on top, on a branch of its own.
    await place.repo.git('checkout', '-q', '-b', 'gh-readonly-queue/main/pr-7', place.base);
    const groupHead = await place.repo.commit(DROP_AMOUNT, 'Merge pull request #7');
    await place.repo.git('checkout', '-q', 'main');
    const payload = mergeGroupPayload({ ...SHOP, headSha: groupHead, headRef: 'gh-readonly-queue/main/pr-7', baseSha: place.base, baseRef: 'main' });

    const run = await runEntry(place, { eventName: 'merge_group', payload, env: { GITHUB_JOB: 'data-contracts' } });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::This job is called "data-contracts", as the review\'s check is');
    expect(place.github.checkRuns.filter((check) => check.head_sha === groupHead)).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'failure', external_id: JSON.stringify({ mergeGroupBase: place.base }) }),
    ]);
    expect(place.github.comments).toEqual([]);
    expect(run.stdout).toContain('Reviewing merge group');
  });

  it('says which events it runs on, and succeeds without a request, for any other event', async () => {
    place.github.takeRequests();

    const run = await runEntry(place, { eventName: 'push', payload: { ref: 'refs/heads/main', repository: { html_url: 'https://github.com/acme/shop' } } });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to review: `push` is not an event this review runs on; it runs on `pull_request` or `pull_request_target`');
    expect(place.github.takeRequests()).toEqual([]);
  });

  it('leaves a reviewed head alone on an edit of the title, and reviews again when the base changed', async () => {
    const head = await branch(place, 'retargeted', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 20, baseRef: 'main', headRef: 'retargeted' });
    await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });

    const titleOnly = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('edited', pull, { changes: { title: { from: 'Drop' } } }) });
    const newBase = await runEntry(place, {
      eventName: 'pull_request',
      payload: pullEvent('edited', pull, { changes: { base: { ref: { from: 'develop' }, sha: { from: place.base } } } }),
    });

    expect(titleOnly.stdout).toContain('already has a completed `data-contracts` check');
    expect(newBase.code).toBe(0);
    expect(place.github.checkRuns.filter((check) => check.head_sha === head)).toHaveLength(2);
  });

  it('stops before any check run exists when a setting the review reads is wrong, so none is left in progress', async () => {
    const pull = place.github.pulls.get(20)!;
    const before = place.github.checkRuns.length;
    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('synchronize', pull), env: { DCR_SCHEMA_REGISTRY_URL: 'registry.internal:8081' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Data contract review could not run:');
    expect(run.stdout).toContain('DCR_SCHEMA_REGISTRY_URL');
    expect(place.github.checkRuns.length).toBe(before);
    expect(place.github.checkRuns.filter((check) => check.status !== 'completed')).toEqual([]);
  });

  it('refuses, naming the slug to set, a token of another app than app-slug says, rather than add a check and a comment on every run', async () => {
    const pull = place.github.pulls.get(20)!;
    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('synchronize', pull), env: { 'INPUT_APP-SLUG': 'app-99' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the token acts as the GitHub App "github-actions" (id 15368), not the app with id 99');
    expect(run.stdout).toContain('set `app-slug: github-actions`');
    expect(place.github.checkRuns.filter((check) => check.status !== 'completed')).toEqual([]);
  });

  it('fails the step with a clear message when there is no token', async () => {
    const pull = await place.github.openPull({ number: 21, baseRef: 'main', headRef: 'retargeted' });
    place.github.takeRequests();

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), env: { INPUT_TOKEN: undefined, GITHUB_TOKEN: undefined } });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Data contract review could not run: no GitHub token: pass one as the `token` input');
    expect(run.summary).toContain('The review could not run: no GitHub token');
    expect(place.github.takeRequests()).toEqual([]);
  });

  it('says which permission is missing when the token may not create check runs', async () => {
    const pull = place.github.pulls.get(21)!;
    const { token } = place.github.issueInstallationToken({ repositories: [SHOP.repo], permissions: { contents: 'read', pull_requests: 'read', checks: 'read' } });

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), env: { INPUT_TOKEN: token } });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Data contract review could not run: the `data-contracts` check run could not be created: GitHub answered 403');
    expect(run.stdout).toContain('permissions: checks: write');
  });

  it('completes the check as cancelled, not left in progress, when the workflow run is cancelled; the next event reviews the head', async () => {
    const head = await branch(place, 'cancelled', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 22, baseRef: 'main', headRef: 'cancelled' });
    const inProgress = () => place.github.checkRuns.some((check) => check.head_sha === head && check.status === 'in_progress');

    const run = await runEntry(place, {
      eventName: 'pull_request',
      payload: pullEvent('opened', pull),
      started: (child) => {
        const poll = setInterval(() => {
          if (!inProgress()) return;
          clearInterval(poll);
          child.kill('SIGINT');
        }, 5);
      },
    });

    expect(run.code).toBe(1);
    expect(place.github.checkRuns.filter((check) => check.head_sha === head)).toEqual([
      expect.objectContaining({
        status: 'completed',
        conclusion: 'cancelled',
        output: expect.objectContaining({ title: 'Not reviewed: the workflow run was cancelled or timed out' }),
      }),
    ]);

    // The edit that cancelled it (the workflow's concurrency) finds no verdict on the head, and gives it one.
    const edit = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('edited', pull, { changes: { title: { from: 'Drop' } } }) });
    expect(edit.code).toBe(0);
    const checks = place.github.checkRuns.filter((check) => check.head_sha === head);
    expect(checks.map((check) => check.conclusion)).toEqual(['cancelled', 'failure']);
    expect(checks[1]!.output?.annotations?.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { actionSettings } from '../../src/action/environment.js';
import { actionRequest } from '../../src/action/event.js';
import { mergeGroupPayload, pullRequestPayload, pullRequestReviewPayload } from '../support/fake-github/webhooks.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const WHERE = { owner: 'acme', repo: 'shop', rerun: false };
const PULL = { owner: 'acme', repo: 'shop', installationId: 1, number: 7, headRef: 'feature', headSha: HEAD, baseRef: 'main', baseSha: BASE };

const RUNNER = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_WORKSPACE: '/home/runner/work/shop/shop',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: '/home/runner/work/_temp/_github_workflow/event.json',
};

describe('the step environment', () => {
  it('takes the token input first, then GITHUB_TOKEN', () => {
    expect(actionSettings({ ...RUNNER, INPUT_TOKEN: 'a', GITHUB_TOKEN: 'c' }).token).toBe('a');
    expect(actionSettings({ ...RUNNER, INPUT_TOKEN: '', GITHUB_TOKEN: 'c' }).token).toBe('c');
    expect(actionSettings({ ...RUNNER, GITHUB_TOKEN: 'c' }).token).toBe('c');
    expect(() => actionSettings(RUNNER)).toThrow('no GitHub token');
  });

  it('reads the API of a GitHub Enterprise Server, the repository and the checkout', () => {
    const settings = actionSettings({ ...RUNNER, GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghe.example.com/api/v3/', GITHUB_RUN_ATTEMPT: '3' });
    expect(settings).toMatchObject({ apiUrl: 'https://ghe.example.com/api/v3', owner: 'acme', repo: 'shop', checkout: RUNNER.GITHUB_WORKSPACE, runAttempt: 3, appSlug: 'github-actions' });
    expect(actionSettings({ ...RUNNER, GITHUB_TOKEN: 't', 'INPUT_REPO-DIR': 'sub' }).checkout).toBe('sub');
    expect(actionSettings({ ...RUNNER, GITHUB_TOKEN: 't' }).apiUrl).toBe('https://api.github.com');
  });

  it('names what is missing outside a workflow', () => {
    expect(() => actionSettings({ ...RUNNER, GITHUB_TOKEN: 't', GITHUB_EVENT_PATH: '' })).toThrow('GITHUB_EVENT_PATH is not set');
    expect(() => actionSettings({ ...RUNNER, GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'shop' })).toThrow('GITHUB_REPOSITORY must read OWNER/REPO');
  });
});

describe('the event', () => {
  it('reviews the pull request actions the app reviews', () => {
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const) {
      expect(actionRequest('pull_request', pullRequestPayload(action, PULL), WHERE)).toEqual({
        kind: 'review',
        target: { kind: 'pull', owner: 'acme', repo: 'shop', number: 7, headSha: HEAD, baseSha: BASE, htmlUrl: 'https://github.com/acme/shop' },
        fresh: false,
        decide: false,
      });
    }
  });

  it('asks a fresh review for a new base and for a re-run of the workflow, and only a verdict for another edit', () => {
    const edited = pullRequestPayload('edited', { ...PULL, changes: { base: { ref: { from: 'develop' }, sha: { from: HEAD } } } });
    expect(actionRequest('pull_request', edited, WHERE)).toMatchObject({ kind: 'review', fresh: true });
    expect(actionRequest('pull_request', pullRequestPayload('synchronize', PULL), { ...WHERE, rerun: true })).toMatchObject({ fresh: true });
    expect(actionRequest('pull_request', pullRequestPayload('edited', { ...PULL, changes: { title: { from: 'x' } } }), WHERE)).toMatchObject({
      kind: 'review',
      fresh: false,
      decide: false,
    });
  });

  it('decides again on a review or a label of an open pull request', () => {
    const review = { id: 1, login: 'jane', state: 'APPROVED' as const, commitId: HEAD, body: '', submittedAt: '2024-01-01T00:00:00Z' };
    expect(actionRequest('pull_request_review', pullRequestReviewPayload('submitted', { ...PULL, review }), WHERE)).toMatchObject({ kind: 'review', decide: true });
    expect(actionRequest('pull_request', pullRequestPayload('labeled', { ...PULL, label: 'x' }), WHERE)).toMatchObject({ kind: 'review', decide: true });
    expect(actionRequest('pull_request', pullRequestPayload('labeled', { ...PULL, label: 'x', state: 'closed' }), WHERE)).toMatchObject({ kind: 'ignored' });
    expect(actionRequest('pull_request', pullRequestPayload('closed', PULL), WHERE)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('`pull_request.closed`') });
  });

  it('reviews a merge group from its base', () => {
    const payload = mergeGroupPayload({ owner: 'acme', repo: 'shop', installationId: 1, headSha: HEAD, headRef: 'gh-readonly-queue/main/pr-7', baseSha: BASE, baseRef: 'main' });
    expect(actionRequest('merge_group', payload, WHERE)).toEqual({
      kind: 'review',
      target: { kind: 'merge-group', owner: 'acme', repo: 'shop', headSha: HEAD, baseSha: BASE, htmlUrl: 'https://github.com/acme/shop' },
      fresh: false,
      decide: false,
    });
  });

  it('refuses a payload that is not the event it claims to be', () => {
    expect(() => actionRequest('pull_request', { action: 'opened', repository: { html_url: 'https://github.com/acme/shop' } }, WHERE)).toThrow(
      'pull_request is missing from the event payload',
    );
    const broken = pullRequestPayload('opened', PULL);
    (broken.pull_request.head as { sha: string }).sha = 'main';
    expect(() => actionRequest('pull_request', broken, WHERE)).toThrow('sha in the event payload is not a commit SHA');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import { ACTIONS_APP, branch, checkRunsOn, commentsOn as commentsOf, DROP_AMOUNT, pullEvent, runEntry, type Workplace, workplace } from './support.js';

let place: Workplace;

beforeAll(async () => {
  place = await workplace();
});
afterAll(() => place?.close());

const runsOn = (sha: string) => checkRunsOn(place, sha);
const commentsOn = (number: number) => commentsOf(place, number);
const requested = () => place.github.takeRequests().map((request) => `${request.method} ${request.path.split('?')[0]}`);

describe('the Action on a pull request, with the workflow token', () => {
  let breakingHead: string;

  it('completes a failing data-contracts check with the annotation, and writes the living comment as github-actions[bot]', async () => {
    breakingHead = await branch(place, 'drop-amount', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 7, baseRef: 'main', headRef: 'drop-amount' });
    place.github.takeRequests();

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).not.toContain('::error::');
    const [check, ...others] = runsOn(breakingHead);
    expect(others).toEqual([]);
    expect(check).toMatchObject({
      app_id: ACTIONS_APP.appId,
      name: 'data-contracts',
      status: 'completed',
      conclusion: 'failure',
      external_id: JSON.stringify({ pull: 7 }),
      output: expect.objectContaining({ title: '1 blocking in 1 contract' }),
    });
    expect(check!.output.annotations).toEqual([
      expect.objectContaining({ path: 'db/migrations/V2__drop_amount.sql', start_line: 2, annotation_level: 'failure' }),
    ]);
    const comments = commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(ACTIONS_APP.login);
    expect(comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comments[0]!.body).toContain('@acme/analytics');
    expect(run.summary).toContain('`field-removed`');
    expect(run.summary).toContain('`data-contracts`: **failure**');
    // The app's own sequence, after one look at who the token writes as.
    expect(requested()).toEqual([
      'GET /apps/github-actions',
      `GET /repos/acme/shop/commits/${breakingHead}/check-runs`,
      'POST /repos/acme/shop/check-runs',
      'GET /repos/acme/shop/pulls/7',
      'GET /repos/acme/shop/pulls/7/reviews',
      'PATCH /repos/acme/shop/check-runs/' + check!.id,
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
      'GET /repos/acme/shop/issues/7/comments',
    ]);
  });

  it('edits the comment in place when a push changes the result', async () => {
    const [before] = commentsOn(7).map((comment) => ({ ...comment }));
    await place.repo.git('checkout', '-q', 'drop-amount');
    const fixedHead = await place.repo.commit({ 'db/migrations/V2__drop_amount.sql': '-- kept after all\nALTER TABLE orders ADD COLUMN note text;\n' }, 'Keep the amount');
    await place.repo.git('checkout', '-q', 'main');
    const pull = await place.github.updatePull(7);

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('synchronize', pull) });

    expect(run.code).toBe(0);
    expect(runsOn(fixedHead)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    const comments = commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(before!.id);
    expect(comments[0]!.body).not.toBe(before!.body);
    expect(comments[0]!.body).toContain(fixedHead.slice(0, 7));
    expect(requested()).toContain(`PATCH /repos/acme/shop/issues/comments/${before!.id}`);
  });

  it('leaves the comment alone when a re-run of the workflow finds the same result', async () => {
    const pull = place.github.pulls.get(7)!;
    const [before] = commentsOn(7).map((comment) => ({ ...comment }));

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('synchronize', pull), env: { GITHUB_RUN_ATTEMPT: '2' } });

    expect(run.code).toBe(0);
    // A re-run asks for a fresh review: a second completed run on the head, the same comment untouched.
    expect(runsOn(pull.headSha).map((check) => check.conclusion)).toEqual(['success', 'success']);
    expect(commentsOn(7)).toEqual([before]);
    expect(requested().filter((line) => /comments/.test(line) && !line.startsWith('GET'))).toEqual([]);
  });

  it('skips a head whose check is already complete when the event asks for no fresh review', async () => {
    const pull = place.github.pulls.get(7)!;
    const checks = place.github.checkRuns.length;

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('reopened', pull) });

    expect(run.code).toBe(0);
    expect(run.summary).toContain('already has a completed `data-contracts` check');
    expect(place.github.checkRuns).toHaveLength(checks);
    expect(requested()).toEqual(['GET /apps/github-actions', `GET /repos/acme/shop/commits/${pull.headSha}/check-runs`]);
  });

  it('gives a pull request that touches nothing contracted a success check and no comment', async () => {
    const head = await branch(place, 'readme', { 'src/app.ts': 'export const answer = 42;\n' });
    const pull = await place.github.openPull({ number: 8, baseRef: 'main', headRef: 'readme' });

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });

    expect(run.code).toBe(0);
    expect(runsOn(head)).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'success', output: expect.objectContaining({ title: 'No contracted asset changed' }) }),
    ]);
    expect(commentsOn(8)).toEqual([]);
  });

  it('finds its comment by the bot login when GitHub names no app on it', async () => {
    const head = await branch(place, 'drop-again', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 9, baseRef: 'main', headRef: 'drop-again' });
    const earlier = place.github.addComment(9, `${COMMENT_MARKER}\nan earlier review`, { login: ACTIONS_APP.login, type: 'Bot' });
    place.github.addComment(9, `${COMMENT_MARKER}\nsomeone quoting the marker`, { login: 'octocat', type: 'User' });

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });

    expect(run.code).toBe(0);
    expect(runsOn(head)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    const comments = commentsOn(9);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ id: earlier.id, body: expect.stringContaining('field-removed') });
    expect(comments[1]!.body).toContain('someone quoting the marker');
  });
});

describe('GitHub failing on the way', () => {
  it('repeats a request GitHub answered with a 5xx, and finds a check run whose creation lost its answer', async () => {
    const head = await branch(place, 'flaky', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 10, baseRef: 'main', headRef: 'flaky' });
    place.github.loseNextResponse('POST', /\/check-runs$/);
    place.github.failNext('PATCH', /\/check-runs\/\d+$/, 502);
    place.github.takeRequests();

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });

    expect(run.code).toBe(0);
    expect(runsOn(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    const lines = requested();
    expect(lines.filter((line) => line === 'POST /repos/acme/shop/check-runs')).toHaveLength(1);
    expect(lines.filter((line) => /^PATCH \/repos\/acme\/shop\/check-runs\//.test(line))).toHaveLength(2);
    expect(run.stdout).toContain('::warning::GitHub: transient, trying again');
  });

  it('completes the check as failure, with the reason, when the review cannot read the commits', async () => {
    const head = await branch(place, 'unreadable', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 11, baseRef: 'main', headRef: 'unreadable' });

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), env: { 'INPUT_REPO-DIR': '/nonexistent/checkout' } });

    expect(run.code).toBe(1);
    expect(runsOn(head)).toEqual([
      expect.objectContaining({
        status: 'completed',
        conclusion: 'failure',
        output: expect.objectContaining({ title: expect.stringContaining('The review could not run: /nonexistent/checkout is not a git repository') }),
      }),
    ]);
    expect(run.summary).toContain('The review could not run: /nonexistent/checkout is not a git repository');
    expect(run.stdout).toContain('::error::review could not run');
  });
});

describe('what people say on the pull request', () => {
  it('decides the check again when a maintainer adds the override label', async () => {
    const head = await branch(place, 'overridden', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 12, baseRef: 'main', headRef: 'overridden' });
    await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull) });
    place.github.setCollaborator('maya', 'maintain');
    place.github.addLabel(12, 'data-contracts: override', { actor: 'maya' });

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('labeled', place.github.pulls.get(12)!, { label: 'data-contracts: override', sender: 'maya' }) });

    expect(run.code).toBe(0);
    // The same run, decided again: no second check on the head.
    expect(runsOn(head)).toEqual([
      expect.objectContaining({ conclusion: 'neutral', output: expect.objectContaining({ title: expect.stringMatching(/^Overridden by @maya: /) }) }),
    ]);
    expect(runsOn(head)[0]!.output.annotations).toHaveLength(1);
    expect(commentsOn(12)).toHaveLength(1);
    expect(commentsOn(12)[0]!.body).toContain('@maya');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { type RecordedRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { testReplayer } from '../support/replayer.js';
import { AGREED_FILES, OVERRIDE_LABEL, agreementCommits, withSettings } from './support/agreements.js';
import { APP_ID, loadApp, type TestApp } from './support/app.js';
import { labelEvent, pullRequestEvent, reviewEvent } from './support/events.js';
import { type Files, type TestRepository, writeRepository } from './support/repository.js';
import { serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;
let app: TestApp;

beforeAll(() => {
  replayer = testReplayer();
});
afterEach(() => expect(github.unserved).toEqual([]));
afterAll(() => replayer.close());

/** Pull request 7 over the agreement story's commits, `main` holding `base`, with one app for the whole story. */
async function serve(base: Files): Promise<void> {
  repository = await writeRepository(agreementCommits(base));
  await repository.setBranch('pr-7', repository.sha('breaking'));
  github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'pr-7' });
  app = await loadApp(replayer);
}

async function stop(): Promise<void> {
  github.stop();
  await repository.remove();
}

async function push(head: string): Promise<RecordedRequest[]> {
  await repository.setBranch('pr-7', repository.sha(head));
  await app.receive(pullRequestEvent('synchronize', await github.updatePull(7)));
  return github.takeRequests();
}

async function approve(login: string): Promise<RecordedRequest[]> {
  const review = github.addReview(7, { login, state: 'APPROVED' });
  await app.receive(reviewEvent('submitted', github.pulls.get(7)!, review));
  return github.takeRequests();
}

/** Adds or removes the label as `actor`, at `at`, and delivers the change. */
async function label(action: 'labeled' | 'unlabeled', name: string, actor: string, at?: string): Promise<RecordedRequest[]> {
  const by = { actor, ...(at === undefined ? {} : { at }) };
  if (action === 'labeled') github.addLabel(7, name, by);
  else github.removeLabel(7, name, by);
  await app.receive(labelEvent(action, github.pulls.get(7)!, name, actor));
  return github.takeRequests();
}

const headCheck = () => github.checkRuns.find((run) => run.head_sha === github.pulls.get(7)!.headSha)!;
const ourComment = () => github.comments.find((comment) => comment.performed_via_github_app?.id === APP_ID)!;

describe('with approvals.acrossPushes', () => {
  beforeAll(() => serve(withSettings(AGREED_FILES, ['approvals:', '  acrossPushes: true'])));
  afterAll(stop);

  it('keeps an approval over a push that adds nothing new for the consumer', async () => {
    await push('breaking');
    await approve('maria');
    expect(headCheck()).toMatchObject({ conclusion: 'success' });

    await push('code-only');

    expect(headCheck()).toMatchObject({ head_sha: repository.sha('code-only'), conclusion: 'success' });
    expect(headCheck().output.summary).toContain('✅ accepted by @maria');
  });

  it('drops it on a push that adds a new break for that consumer', async () => {
    await push('second-break');

    expect(headCheck()).toMatchObject({ head_sha: repository.sha('second-break'), conclusion: 'failure' });
    expect(headCheck().output.summary).not.toContain('accepted by');
  });
});

describe('with approvals.requestReviews', () => {
  beforeAll(async () => {
    await serve(withSettings(AGREED_FILES, ['approvals:', '  requestReviews: true']));
    github.setCollaborator('maria', 'write');
  });
  afterAll(stop);

  const requested = (requests: RecordedRequest[]) => bodiesOf(requests, 'POST', `${REPO}/pulls/7/requested_reviewers`);

  it('asks again on the next decision when GitHub refused the request', async () => {
    github.failNext('POST', /\/requested_reviewers$/, 422);
    expect(requested(await push('breaking'))).toEqual([{ reviewers: ['maria'] }]);
    expect(github.pulls.get(7)!.requestedReviewers).toEqual([]);
  });

  it('asks the contact whose approval is needed for a review', async () => {
    const requests = await push('code-only');

    expect(requested(requests)).toEqual([{ reviewers: ['maria'] }]);
    // After the comment, which this push updates.
    expect(requests.map(requestLine).slice(-2)).toEqual([`PATCH ${REPO}/issues/comments/${ourComment().id}`, `POST ${REPO}/pulls/7/requested_reviewers`]);
    expect(github.pulls.get(7)!.requestedReviewers).toEqual(['maria']);
    expect(github.issueEvents.filter((event) => event.event === 'review_requested')).toEqual([
      expect.objectContaining({ requestedReviewer: 'maria' }),
    ]);
  });

  it('asks once per pull request, not on every push, nor again when her approval no longer counts', async () => {
    expect(requested(await push('breaking'))).toEqual([]);

    expect(requested(await approve('maria'))).toEqual([]);
    expect(github.pulls.get(7)!.requestedReviewers).toEqual([]);

    expect(requested(await push('second-break'))).toEqual([]);
    expect(headCheck()).toMatchObject({ conclusion: 'failure' });
  });
});

describe('the override label', () => {
  beforeAll(async () => {
    await serve(AGREED_FILES);
    github.setCollaborator('root', 'admin');
    github.setCollaborator('dev', 'write');
    await push('breaking');
  });
  afterAll(stop);

  it('does nothing when someone without admin or maintain permission adds it, and the check says so', async () => {
    const requests = await label('labeled', OVERRIDE_LABEL, 'dev');

    expect(requests.map(requestLine)).toEqual(
      expect.arrayContaining([`GET ${REPO}/issues/7/events?per_page=100`, `GET ${REPO}/collaborators/dev/permission`]),
    );
    expect(headCheck()).toMatchObject({ conclusion: 'failure' });
    expect(headCheck().output.summary).toContain(
      'The override label was added by @dev, who lacks admin or maintain permission on this repository, so it changes nothing.',
    );
    expect(ourComment().body).toContain('who lacks admin or maintain permission');
  });

  it('makes the check neutral when an admin adds it, saying who and when', async () => {
    await label('unlabeled', OVERRIDE_LABEL, 'dev');
    const requests = await label('labeled', OVERRIDE_LABEL, 'root', '2026-03-02T10:15:00Z');

    expect(requests.map(requestLine)).toContain(`GET ${REPO}/collaborators/root/permission`);
    expect(headCheck()).toMatchObject({ conclusion: 'neutral', output: { title: 'Overridden by @root: 1 blocking in 1 contract' } });
    expect(headCheck().output.summary).toContain('The check was overridden by @root on 2026-03-02 with the override label.');
    expect(ourComment().body).toContain('## Data contracts: ⚠️ overridden: 1 blocking finding');
  });

  it('decides again when the label is removed: the check fails as before', async () => {
    const requests = await label('unlabeled', OVERRIDE_LABEL, 'root');

    // Without the label nobody's role matters.
    expect(requests.map(requestLine).filter((line) => line.includes('/events') || line.includes('/collaborators/'))).toEqual([]);
    expect(headCheck()).toMatchObject({ conclusion: 'failure' });
    expect(headCheck().output.summary).not.toContain('override');
    expect(ourComment().body).toContain('## Data contracts: ❌ 1 blocking finding');
  });

  it('is overridden by whoever added it last, a maintainer too', async () => {
    github.setCollaborator('mia', 'maintain');
    await label('labeled', OVERRIDE_LABEL, 'mia');
    expect(headCheck()).toMatchObject({ conclusion: 'neutral' });
    expect(headCheck().output.summary).toContain('overridden by @mia');
  });
});

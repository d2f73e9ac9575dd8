import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import type { PullReview, ReviewState } from '../support/fake-github/context.js';
import { type CheckRunRequest, type RecordedRequest, bodiesOf, requestLine } from '../support/fake-github/requests.js';
import { testReplayer } from '../support/replayer.js';
import { AGREED_FILES, agreementCommits } from './support/agreements.js';
import { APP_ID, loadApp, type TestApp } from './support/app.js';
import { pullRequestEvent, reviewEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { BASE_FILES, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

let replayer: Replayer;

beforeAll(() => {
  replayer = testReplayer();
});
afterAll(() => replayer.close());

/** One pull request and one running app: the stand-in, the repository and the app a story shares. */
interface Story {
  github: NockGitHub;
  repository: TestRepository;
  app: TestApp;
}

async function startStory(commits: ReturnType<typeof agreementCommits>): Promise<Story> {
  const repository = await writeRepository(commits);
  await repository.setBranch('pr-7', repository.sha('breaking'));
  const github = serveShop(repository);
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'pr-7' });
  return { github, repository, app: await loadApp(replayer) };
}

/** Pushes the commit named `head` to the pull request's branch and delivers the push; the requests it cost. */
async function push({ github, repository, app }: Story, head: string): Promise<RecordedRequest[]> {
  await repository.setBranch('pr-7', repository.sha(head));
  await app.receive(pullRequestEvent('synchronize', await github.updatePull(7)));
  return github.takeRequests();
}

/** `login` submits a review on the head, delivered to the app; the review and the requests it cost. */
async function submit(
  { github, app }: Story,
  login: string,
  state: Exclude<ReviewState, 'DISMISSED'>,
): Promise<{ review: PullReview; requests: RecordedRequest[] }> {
  const review = github.addReview(7, { login, state });
  await app.receive(reviewEvent('submitted', github.pulls.get(7)!, review));
  return { review, requests: github.takeRequests() };
}

const headCheck = ({ github }: Story) => github.checkRuns.find((run) => run.head_sha === github.pulls.get(7)!.headSha)!;
const ourComment = ({ github }: Story) => github.comments.find((comment) => comment.performed_via_github_app?.id === APP_ID)!;

/** Requests that read the commit's files: none of them is needed to decide a judged review again. */
const READS_FILES = /\/(compare|files|git\/trees|git\/blobs)\b|^POST \/graphql/;

describe('a break waits for its consumer\'s approval, which holds for the commit it was given on', () => {
  let story: Story;
  let BREAKING: string;

  beforeAll(async () => {
    story = await startStory(agreementCommits(AGREED_FILES));
    BREAKING = story.repository.sha('breaking');
  });
  afterEach(() => expect(story.github.unserved).toEqual([]));
  afterAll(async () => {
    story.github.stop();
    await story.repository.remove();
  });

  it('fails the check on the break and says whose approval accepts it', async () => {
    await push(story, 'breaking');

    expect(headCheck(story)).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(headCheck(story).output.summary).toContain('Ask @maria to approve this pull request');
    expect(ourComment(story).body).toContain('## Data contracts: ❌ 1 blocking finding');
  });

  it('changes nothing on the approval of someone who does not speak for the consumer', async () => {
    const comment = ourComment(story).body;

    const { requests } = await submit(story, 'bob', 'APPROVED');

    expect(bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${headCheck(story).id}`)).toEqual([
      expect.objectContaining({ conclusion: 'failure' }),
    ]);
    expect(headCheck(story)).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking in 1 contract' } });
    expect(ourComment(story).body).toBe(comment);
  });

  it('turns green on the contact\'s approval, accepted by her, deciding again without reading or replaying the commit', async () => {
    const replays = jest.spyOn(replayer, 'replay');
    const checkRun = headCheck(story);
    const comment = ourComment(story);

    const { requests } = await submit(story, 'maria', 'APPROVED');

    expect(replays).not.toHaveBeenCalled();
    replays.mockRestore();
    expect(requests.map(requestLine)).toEqual([
      `GET ${REPO}/commits/${BREAKING}/check-runs?check_name=data-contracts&app_id=${APP_ID}&filter=all&per_page=100`,
      // Whether the head moved on, and its labels.
      `GET ${REPO}/pulls/7`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      `PATCH ${REPO}/check-runs/${checkRun.id}`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `PATCH ${REPO}/issues/comments/${comment.id}`,
    ]);
    expect(requests.map(requestLine).filter((line) => READS_FILES.test(line))).toEqual([]);
    // The check that was completed is decided again: no second run for the head.
    expect(story.github.checkRuns.filter((run) => run.head_sha === BREAKING)).toEqual([
      expect.objectContaining({ id: checkRun.id, status: 'completed', conclusion: 'success' }),
    ]);
    expect(checkRun.output.summary).toContain('| `field-removed` | `amount` | `numeric(12,2)` | — | ✅ accepted by @maria |');
    expect(ourComment(story).body).toContain('## Data contracts: ✅ 1 blocking finding accepted');
    expect(ourComment(story).body).toContain('✅ accepted by @maria');
  });

  it('fails again when the approval is dismissed, and passes when it is given again', async () => {
    const approval = story.github.reviews.filter((review) => review.login === 'maria').at(-1)!;
    const dismissed = story.github.dismissReview(7, approval.id);

    await story.app.receive(reviewEvent('dismissed', story.github.pulls.get(7)!, dismissed, 'root'));

    expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });
    expect(headCheck(story).output.summary).not.toContain('accepted by');

    await submit(story, 'maria', 'APPROVED');
    expect(headCheck(story)).toMatchObject({ conclusion: 'success' });
  });

  it('takes the approval back when she asks for changes', async () => {
    await submit(story, 'maria', 'CHANGES_REQUESTED');
    expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });

    // A comment is no decision: the request for changes stands.
    await submit(story, 'maria', 'COMMENTED');
    expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });

    await submit(story, 'maria', 'APPROVED');
    expect(headCheck(story)).toMatchObject({ conclusion: 'success' });
  });

  it('fails again on a push that adds a new break: the approval was for the commit it was given on', async () => {
    const requests = await push(story, 'second-break');

    expect(headCheck(story)).toMatchObject({ head_sha: story.repository.sha('second-break'), conclusion: 'failure' });
    expect(headCheck(story).output.summary).not.toContain('accepted by');
    expect(headCheck(story).output.summary).toContain('| `field-removed` | `id` |');
    expect(requests.map(requestLine)).toContain(`GET ${REPO}/pulls/7/reviews?per_page=100`);
    // The earlier head keeps the check its approval gave it.
    expect(story.github.checkRuns.find((run) => run.head_sha === BREAKING)).toMatchObject({ conclusion: 'success' });
  });
});

describe('an installation that has not granted members: read', () => {
  it('is still reviewed, and a team contact cannot be spoken for until it grants it', async () => {
    const repository = await writeRepository(agreementCommits(BASE_FILES));
    await repository.setBranch('pr-7', repository.sha('breaking'));
    const { members: _members, ...granted } = { checks: 'write', contents: 'read', issues: 'write', members: 'read', metadata: 'read', pull_requests: 'write' } as const;
    const github = serveShop(repository, { installationPermissions: granted });
    await github.openPull({ number: 7, baseRef: 'main', headRef: 'pr-7' });
    github.addTeamMember('analytics', 'ana');
    const story: Story = { github, repository, app: await loadApp(replayer) };
    try {
      await push(story, 'breaking');
      expect(headCheck(story)).toMatchObject({ status: 'completed', conclusion: 'failure' });

      await submit(story, 'ana', 'APPROVED');
      expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });
      // Said on the check, not passed over in silence: the approval may well be the team's.
      expect(headCheck(story).output.summary?.replace(/@&#8203;/g, '@')).toContain(
        'The approval of @ana was not counted for @acme/analytics: this token may not read the team\'s members (it lacks members: read)',
      );
      expect(github.unserved).toEqual([]);
    } finally {
      github.stop();
      await repository.remove();
    }
  });
});

describe('a team contact', () => {
  let story: Story;

  beforeAll(async () => {
    story = await startStory(agreementCommits(BASE_FILES));
    story.github.addTeamMember('analytics', 'ana');
    story.github.addTeamMember('analytics', 'pat', { state: 'pending' });
    await push(story, 'breaking');
  });
  afterEach(() => expect(story.github.unserved).toEqual([]));
  afterAll(async () => {
    story.github.stop();
    await story.repository.remove();
  });

  it('is not spoken for by someone outside the team, nor by someone only invited to it', async () => {
    const outside = await submit(story, 'bob', 'APPROVED');
    expect(outside.requests.map(requestLine)).toContain('GET /orgs/acme/teams/analytics/memberships/bob');
    expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });

    await submit(story, 'pat', 'APPROVED');
    expect(headCheck(story)).toMatchObject({ conclusion: 'failure' });
  });

  it('approves through a member of the team, each approver\'s membership asked once', async () => {
    const checkRun = headCheck(story);

    const { requests } = await submit(story, 'ana', 'APPROVED');

    expect(requests.map(requestLine)).toEqual([
      `GET ${REPO}/commits/${checkRun.head_sha}/check-runs?check_name=data-contracts&app_id=${APP_ID}&filter=all&per_page=100`,
      `GET ${REPO}/pulls/7`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`,
      'GET /orgs/acme/teams/analytics/memberships/bob',
      'GET /orgs/acme/teams/analytics/memberships/pat',
      'GET /orgs/acme/teams/analytics/memberships/ana',
      `PATCH ${REPO}/check-runs/${checkRun.id}`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `PATCH ${REPO}/issues/comments/${ourComment(story).id}`,
    ]);
    expect(headCheck(story)).toMatchObject({ id: checkRun.id, conclusion: 'success', output: { title: '1 accepted in 1 contract' } });
    expect(headCheck(story).output.summary).toContain('✅ accepted by @acme/analytics (@ana)');
    // Deciding again adds no annotation: GitHub keeps those a run has, so each line stays marked once.
    expect(bodiesOf<CheckRunRequest>(requests, 'PATCH', `${REPO}/check-runs/${checkRun.id}`)[0]?.output?.annotations).toEqual([]);
  });

  it('is judged again, on the same check run, by a process that kept no judged review of the head', async () => {
    const checkRun = headCheck(story);
    const ana = story.github.reviews.find((review) => review.login === 'ana')!;
    const otherProcess = await loadApp(replayer);

    await otherProcess.receive(reviewEvent('submitted', story.github.pulls.get(7)!, ana));

    const lines = story.github.takeRequests().map(requestLine);
    expect(lines.filter((line) => READS_FILES.test(line)).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith('POST') && line.includes('/check-runs'))).toEqual([]);
    expect(story.github.checkRuns.filter((run) => run.head_sha === checkRun.head_sha)).toEqual([
      expect.objectContaining({ id: checkRun.id, conclusion: 'success' }),
    ]);
  });
});

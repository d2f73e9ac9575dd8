import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import type { FakeGitHub } from '../support/fake-github/server.js';
import { OWNER, REPO, type Scene, call, createScene, installationAuthorization, startFake } from './setup.js';

/** Octokit logs every failed request; some of these fail on purpose. */
const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const PULL = { owner: OWNER, repo: REPO, pull_number: 1 };

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
  fake = await startFake(scene);
  octokit = new Octokit({ auth: fake.issueInstallationToken().token, baseUrl: `${fake.url}/api/v3`, log: SILENT_LOG });
});
afterEach(async () => {
  await fake.close();
});

describe('reviews', () => {
  it('are listed oldest first, paginated, each on the commit it was given on, a dismissed one as DISMISSED', async () => {
    const first = fake.addReview(1, { login: 'maria', state: 'APPROVED', commitId: scene.main });
    fake.addReview(1, { login: 'bob', state: 'COMMENTED', body: 'Looks fine' });
    fake.addReview(1, { login: 'ana', state: 'CHANGES_REQUESTED' });
    fake.dismissReview(1, first.id);

    const page = await octokit.rest.pulls.listReviews({ ...PULL, per_page: 2 });
    expect(page.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.pulls.listReviews, { ...PULL, per_page: 2 });
    expect(all.map((review) => [review.user?.login, review.state, review.commit_id])).toEqual([
      ['maria', 'DISMISSED', scene.main],
      ['bob', 'COMMENTED', scene.feature],
      ['ana', 'CHANGES_REQUESTED', scene.feature],
    ]);
    expect(all[1]).toMatchObject({ body: 'Looks fine', html_url: `${fake.url}/${OWNER}/${REPO}/pull/1#pullrequestreview-${all[1]!.id}` });
  });

  it('are refused as GitHub refuses them: the author approving, a comment dismissed', () => {
    expect(() => fake.addReview(1, { login: 'octocat', state: 'APPROVED' })).toThrow(/own pull request/);
    const comment = fake.addReview(1, { login: 'octocat', state: 'COMMENTED' });
    expect(() => fake.dismissReview(1, comment.id)).toThrow(/dismiss a COMMENTED review/);
  });
});

describe('asking for reviews', () => {
  it('adds people and teams once each, with a review_requested event each, and a review takes a person off', async () => {
    fake.setCollaborator('maria', 'write');
    fake.addTeamMember('analytics', 'ana');

    const { status, data } = await octokit.rest.pulls.requestReviewers({ ...PULL, reviewers: ['maria'], team_reviewers: ['analytics'] });
    await octokit.rest.pulls.requestReviewers({ ...PULL, reviewers: ['maria'] });

    expect(status).toBe(201);
    expect(data.requested_reviewers?.map((user) => user.login)).toEqual(['maria']);
    expect(data.requested_teams?.map((team) => team.slug)).toEqual(['analytics']);
    const events = await octokit.rest.issues.listEvents({ owner: OWNER, repo: REPO, issue_number: 1 });
    expect(events.data.map((event) => [event.event, event.actor?.login, event.actor?.type])).toEqual([
      ['review_requested', 'data-contract-review[bot]', 'Bot'],
      ['review_requested', 'data-contract-review[bot]', 'Bot'],
    ]);
    fake.addReview(1, { login: 'maria', state: 'APPROVED' });
    expect(fake.pulls.get(1)).toMatchObject({ requestedReviewers: [], requestedTeams: ['analytics'] });
  });

  it('is refused (422) for the author, for someone without access to the repository, and for an unknown team', async () => {
    fake.setCollaborator('maria', 'write');
    const refusal = (body: { reviewers?: string[]; team_reviewers?: string[] }) =>
      octokit.rest.pulls.requestReviewers({ ...PULL, ...body }).then(
        () => undefined,
        (error: { status: number; response: { data: { message: string } } }) => [error.status, error.response.data.message],
      );

    expect(await refusal({ reviewers: ['octocat'] })).toEqual([422, 'Review cannot be requested from pull request author.']);
    expect(await refusal({ reviewers: ['maria', 'stranger'] })).toEqual([422, expect.stringContaining('not a collaborator of the acme/shop repository')]);
    expect(await refusal({ team_reviewers: ['nobody'] })).toEqual([422, expect.stringContaining('not a collaborator')]);
    expect(fake.pulls.get(1)!.requestedReviewers).toEqual([]);
  });
});

describe('labels and merges', () => {
  it('show on the pull request and as issue events with who and when, listed oldest first and paginated', async () => {
    fake.addLabel(1, 'data-contracts: override', { actor: 'dev', at: '2026-03-01T08:00:00Z' });
    expect(fake.addLabel(1, 'data-contracts: override', { actor: 'dev' })).toBeUndefined();
    fake.removeLabel(1, 'data-contracts: override', { actor: 'dev', at: '2026-03-01T08:05:00Z' });
    fake.addLabel(1, 'data-contracts: override', { actor: 'root', at: '2026-03-02T10:15:00Z' });

    const { data: pull } = await octokit.rest.pulls.get(PULL);
    expect(pull.labels.map((label) => label.name)).toEqual(['data-contracts: override']);
    const page = await octokit.rest.issues.listEvents({ owner: OWNER, repo: REPO, issue_number: 1, per_page: 2 });
    expect(page.headers.link).toContain('rel="next"');
    const events = await octokit.paginate(octokit.rest.issues.listEvents, { owner: OWNER, repo: REPO, issue_number: 1, per_page: 2 });
    expect(events.map((event) => [event.event, event.actor?.login, event.created_at, (event as { label?: { name: string } }).label?.name])).toEqual([
      ['labeled', 'dev', '2026-03-01T08:00:00Z', 'data-contracts: override'],
      ['unlabeled', 'dev', '2026-03-01T08:05:00Z', 'data-contracts: override'],
      ['labeled', 'root', '2026-03-02T10:15:00Z', 'data-contracts: override'],
    ]);
  });

  it('merge a pull request: closed and merged, by whom and when, with merged and closed events', async () => {
    fake.mergePull(1, { actor: 'root', at: '2026-03-03T12:00:00Z' });

    const { data: pull } = await octokit.rest.pulls.get(PULL);
    expect(pull).toMatchObject({
      state: 'closed',
      merged: true,
      merged_by: { login: 'root' },
      merged_at: '2026-03-03T12:00:00Z',
      closed_at: '2026-03-03T12:00:00Z',
      merge_commit_sha: scene.feature,
    });
    const { data: events } = await octokit.rest.issues.listEvents({ owner: OWNER, repo: REPO, issue_number: 1 });
    expect(events.map((event) => [event.event, event.commit_id])).toEqual([
      ['merged', scene.feature],
      ['closed', scene.feature],
    ]);
    expect(() => fake.mergePull(1, { actor: 'root' })).toThrow(/not open/);
  });
});

describe('who people are', () => {
  it('answers a team membership with its role and state, and 404 for anyone else and any other organisation', async () => {
    fake.addTeamMember('analytics', 'Ana', { role: 'maintainer' });
    fake.addTeamMember('analytics', 'pat', { state: 'pending' });
    const membership = (org: string, username: string) =>
      octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: 'analytics', username }).then(
        ({ data }) => [data.role, data.state],
        (error: { status: number }) => error.status,
      );

    expect(await membership(OWNER, 'ana')).toEqual(['maintainer', 'active']);
    expect(await membership(OWNER, 'pat')).toEqual(['member', 'pending']);
    expect(await membership(OWNER, 'bob')).toBe(404);
    expect(await membership('elsewhere', 'ana')).toBe(404);
  });

  it('lets a token scoped to one repository ask about teams, and refuses one without the members permission', async () => {
    fake.addTeamMember('analytics', 'ana');
    const path = `/orgs/${OWNER}/teams/analytics/memberships/ana`;

    const scoped = fake.issueInstallationToken({ repositories: [REPO], permissions: { members: 'read' } });
    expect((await call(fake, path, { authorization: `token ${scoped.token}` })).status).toBe(200);

    const without = fake.issueInstallationToken({ permissions: { pull_requests: 'read' } });
    const refused = await call(fake, path, { authorization: `token ${without.token}` });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-accepted-github-permissions')).toBe('members=read');
    expect((await call(fake, path, { authorization: installationAuthorization(fake) })).status).toBe(200);
  });

  it('answers a repository role with the legacy permission beside it, and none for someone without access', async () => {
    fake.setCollaborator('root', 'admin');
    fake.setCollaborator('mia', 'maintain');
    fake.setCollaborator('tess', 'triage');
    const role = async (username: string) => {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: OWNER, repo: REPO, username });
      return [data.role_name, data.permission];
    };

    expect(await role('root')).toEqual(['admin', 'admin']);
    expect(await role('MIA')).toEqual(['maintain', 'write']);
    expect(await role('tess')).toEqual(['triage', 'read']);
    expect(await role('stranger')).toEqual(['none', 'none']);
  });
});

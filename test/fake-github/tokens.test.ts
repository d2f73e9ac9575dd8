import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import type { FakeGitHub } from '../support/fake-github/server.js';
import {
  APP_ID,
  INSTALLATION_ID,
  OWNER,
  REPO,
  type Scene,
  appJwt,
  call,
  createScene,
  installationAuthorization,
  jwt,
  startFake,
} from './setup.js';

const REPOSITORY_ID = 5000;
const OTHER_REPO = 'warehouse';
const TOKENS_PATH = `/app/installations/${INSTALLATION_ID}/access_tokens`;
const PULL_PATH = `/repos/${OWNER}/${REPO}/pulls/1`;

let scene: Scene;
let fake: FakeGitHub;

beforeAll(async () => {
  scene = await createScene();
});

afterAll(async () => {
  await scene.temp.remove();
});

beforeEach(async () => {
  fake = await startFake(scene, { repositoryId: REPOSITORY_ID, otherRepositories: [OTHER_REPO] });
});

afterEach(async () => {
  await fake.close();
});

async function createToken(body?: unknown): Promise<Response> {
  return call(fake, TOKENS_PATH, { method: 'POST', authorization: `Bearer ${appJwt()}`, body });
}

describe('issuing installation tokens', () => {
  it('issues a new token each time, with the installation’s whole scope when none is asked for', async () => {
    const first = await createToken();
    const second = await createToken({});
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as Record<string, unknown>;
    const secondBody = (await second.json()) as Record<string, unknown>;
    expect(firstBody.token).toMatch(/^ghs_\w{36}$/);
    expect(secondBody.token).not.toBe(firstBody.token);
    expect(firstBody).not.toHaveProperty('repositories');
    expect(firstBody.permissions).toEqual({
      checks: 'write',
      contents: 'read',
      issues: 'write',
      members: 'read',
      metadata: 'read',
      pull_requests: 'write',
    });
    expect(Date.parse(String(firstBody.expires_at)) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(fake.tokensIssued.map((issued) => issued.token)).toEqual([firstBody.token, secondBody.token]);
    expect(fake.tokensIssued[0]).not.toHaveProperty('repositories');
  });

  it('scopes a token to the repositories and permissions asked for, by name or id, as auth-app asks', async () => {
    const auth = createAppAuth({
      appId: APP_ID,
      privateKey: createAppPrivateKey(),
      request: request.defaults({ baseUrl: `${fake.url}/api/v3` }),
    });
    const scoped = await auth({
      type: 'installation',
      installationId: INSTALLATION_ID,
      repositoryNames: [REPO],
      permissions: { checks: 'write', contents: 'read' },
    });
    expect(scoped).toMatchObject({
      repositoryNames: [REPO],
      repositoryIds: [REPOSITORY_ID],
      permissions: { checks: 'write', contents: 'read', metadata: 'read' },
    });
    expect(fake.tokensIssued).toEqual([
      {
        token: scoped.token,
        repositories: [REPO],
        permissions: { checks: 'write', contents: 'read', metadata: 'read' },
        expiresAt: expect.any(Number),
      },
    ]);

    const byId = await createToken({ repository_ids: [REPOSITORY_ID + 1] });
    expect(await byId.json()).toMatchObject({
      repositories: [{ id: REPOSITORY_ID + 1, name: OTHER_REPO, full_name: `${OWNER}/${OTHER_REPO}` }],
    });
  });

  it('refuses with 422 what the installation does not have', async () => {
    for (const body of [
      { repositories: ['elsewhere'] },
      { repositories: [`${OWNER}/${REPO}`] },
      { repository_ids: [REPOSITORY_ID + 7] },
      { permissions: { contents: 'write' } },
      { permissions: { administration: 'read' } },
      { permissions: { checks: 'admin' } },
    ]) {
      const response = await createToken(body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
    expect(fake.tokensIssued).toEqual([]);
  });

  it('answers 404 for another installation', async () => {
    const response = await call(fake, `/app/installations/${INSTALLATION_ID + 1}/access_tokens`, {
      method: 'POST',
      authorization: `Bearer ${appJwt()}`,
    });
    expect(response.status).toBe(404);
  });
});

describe('authentication', () => {
  it('lets in only tokens it issued, and only until they expire', async () => {
    expect((await call(fake, PULL_PATH, { authorization: 'token ghs_madeUpByTheTest' })).status).toBe(401);
    const authorization = installationAuthorization(fake);
    expect((await call(fake, PULL_PATH, { authorization })).status).toBe(200);
    const bearer = authorization.replace(/^token /, 'Bearer ');
    expect((await call(fake, PULL_PATH, { authorization: bearer })).status).toBe(200);

    const issued = fake.tokensIssued[0];
    if (issued) issued.expiresAt = Date.now() - 1;
    const expired = await call(fake, PULL_PATH, { authorization });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('expires tokens after the configured lifetime', async () => {
    const shortLived = await startFake(scene, { tokenLifetimeMs: 50 });
    try {
      const authorization = installationAuthorization(shortLived);
      expect((await call(shortLived, PULL_PATH, { authorization })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await call(shortLived, PULL_PATH, { authorization })).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it('takes on app routes only a JWT issued by the app and not expired, and never the JWT elsewhere', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, number][] = [
      [`Bearer ${appJwt()}`, 201],
      [`Bearer ${appJwt(APP_ID + 1)}`, 401],
      [`Bearer ${jwt({ iss: APP_ID, iat: now - 700, exp: now - 100 })}`, 401],
      ['Bearer not-a-jwt', 401],
      [`token ${appJwt()}`, 401],
      [installationAuthorization(fake), 401],
    ];
    for (const [authorization, status] of cases) {
      const response = await call(fake, TOKENS_PATH, { method: 'POST', authorization });
      expect({ authorization, status: response.status }).toEqual({ authorization, status });
    }
    expect((await call(fake, PULL_PATH, { authorization: `Bearer ${appJwt()}` })).status).toBe(401);
  });

  it('answers 401 without an Authorization header, and records the token and the API version of each request', async () => {
    const authorization = installationAuthorization(fake);
    await call(fake, PULL_PATH, { authorization, headers: { 'x-github-api-version': '2022-11-28' } });
    expect((await call(fake, PULL_PATH)).status).toBe(401);
    expect(fake.requests).toEqual([
      { method: 'GET', path: PULL_PATH, token: fake.tokensIssued[0]?.token, apiVersion: '2022-11-28' },
      { method: 'GET', path: PULL_PATH },
    ]);
  });
});

describe('what a scoped token reaches', () => {
  it('finds nothing (404) in a repository outside its scope, through REST by name or id and GraphQL', async () => {
    const elsewhere = `token ${fake.issueInstallationToken({ repositories: [OTHER_REPO] }).token}`;
    expect((await call(fake, PULL_PATH, { authorization: elsewhere })).status).toBe(404);
    const graphql = await call(fake, '/graphql', {
      method: 'POST',
      authorization: elsewhere,
      body: {
        query:
          'query($owner: String!, $name: String!, $o0: GitObjectID!) ' +
          '{ repository(owner: $owner, name: $name) { b0: object(oid: $o0) { ... on Blob { text } } } }',
        variables: { owner: OWNER, name: REPO, o0: scene.main },
      },
    });
    expect(await graphql.json()).toMatchObject({ data: { repository: null }, errors: [{ type: 'NOT_FOUND' }] });

    expect((await call(fake, `/repositories/${REPOSITORY_ID}/pulls/1`, { authorization: elsewhere })).status).toBe(404);

    const here = `token ${fake.issueInstallationToken({ repositories: [REPO] }).token}`;
    expect((await call(fake, PULL_PATH, { authorization: here })).status).toBe(200);
    expect((await call(fake, `/repositories/${REPOSITORY_ID}/pulls/1`, { authorization: here })).status).toBe(200);
  });

  it('is refused (403) an endpoint its permissions do not cover, naming the permission that would', async () => {
    const issued = fake.issueInstallationToken({ permissions: { checks: 'read', pull_requests: 'read' } });
    const readOnly = `token ${issued.token}`;
    const created = await call(fake, `/repos/${OWNER}/${REPO}/check-runs`, {
      method: 'POST',
      authorization: readOnly,
      body: { name: 'data-contracts', head_sha: scene.feature },
    });
    expect(created.status).toBe(403);
    expect(created.headers.get('x-accepted-github-permissions')).toBe('checks=write');
    expect(await created.json()).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(fake.checkRuns).toEqual([]);
    const comment = await call(fake, `/repos/${OWNER}/${REPO}/issues/1/comments`, {
      method: 'POST',
      authorization: readOnly,
      body: { body: 'hello' },
    });
    expect(comment.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
    const listed = await call(fake, `/repos/${OWNER}/${REPO}/commits/${scene.feature}/check-runs`, {
      authorization: readOnly,
    });
    expect(listed.status).toBe(200);
    const tree = await call(fake, `/repos/${OWNER}/${REPO}/git/trees/${scene.main}`, { authorization: readOnly });
    expect(tree.status).toBe(403);
  });
});

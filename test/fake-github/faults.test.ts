import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { seededRandom } from '../support/fake-github/random.js';
import type { FakeGitHub, FaultPlan } from '../support/fake-github/server.js';
import {
  INSTALLATION_ID,
  OWNER,
  REPO,
  type Scene,
  appJwt,
  call,
  createScene,
  installationAuthorization,
  startFake,
} from './setup.js';

const PULL_PATH = `/repos/${OWNER}/${REPO}/pulls/1`;
const CHECK_RUNS_PATH = `/repos/${OWNER}/${REPO}/check-runs`;
const COMMENTS_PATH = `/repos/${OWNER}/${REPO}/issues/1/comments`;
const TOKENS_PATH = `/app/installations/${INSTALLATION_ID}/access_tokens`;

let scene: Scene;
let fake: FakeGitHub;
let authorization: string;

beforeAll(async () => {
  scene = await createScene();
});

afterAll(async () => {
  await scene.temp.remove();
});

beforeEach(async () => {
  fake = await startFake(scene);
  authorization = installationAuthorization(fake);
});

afterEach(async () => {
  await fake.close();
});

const always = (kind: keyof FaultPlan['kinds'], extra: Partial<FaultPlan> = {}): FaultPlan => ({
  rate: 1,
  kinds: { [kind]: 1 },
  ...extra,
});

function createCheckRun(): Promise<Response> {
  return call(fake, CHECK_RUNS_PATH, {
    method: 'POST',
    authorization,
    body: { name: 'data-contracts', head_sha: scene.feature },
  });
}

describe('the seeded generator', () => {
  it('repeats its sequence for a seed, differs for another, and stays in [0, 1)', () => {
    const draws = (seed: number): number[] => Array.from({ length: 1000 }, seededRandom(seed));
    expect(draws(7)).toEqual(draws(7));
    expect(draws(8)).not.toEqual(draws(7));
    const all = [...draws(7), ...draws(8)];
    expect(all.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = all.reduce((sum, value) => sum + value, 0) / all.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('fault kinds', () => {
  it('error: 500 or 502, without acting', async () => {
    fake.setFaults(always('error'));
    const statuses = new Set<number>();
    for (let attempt = 0; attempt < 10; attempt += 1) statuses.add((await createCheckRun()).status);
    expect(statuses).toEqual(new Set([500, 502]));
    expect(fake.checkRuns).toEqual([]);
    expect(fake.faultsInjected.error).toBe(10);
  });

  it('lost-response: acts, then drops the connection unanswered', async () => {
    fake.setFaults(always('lost-response'));
    await expect(createCheckRun()).rejects.toThrow('fetch failed');
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: CHECK_RUNS_PATH, fault: 'lost-response' });
    expect(fake.faultsInjected['lost-response']).toBe(1);
  });

  it('secondary-limit: 403 with retry-after and GitHub’s message, without acting', async () => {
    fake.setFaults(always('secondary-limit', { retryAfterSeconds: 7 }));
    const response = await createCheckRun();
    expect(response.status).toBe(403);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: expect.stringContaining('secondary-rate-limits'),
    });
    expect(fake.checkRuns).toEqual([]);
  });

  it('rate-limit: 429 with retry-after (1 by default), without acting', async () => {
    fake.setFaults(always('rate-limit'));
    const response = await createCheckRun();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(fake.checkRuns).toEqual([]);
  });

  it('primary-limit: 403 with no requests remaining until a reset a little ahead, without acting', async () => {
    fake.setFaults(always('primary-limit', { retryAfterSeconds: 3 }));
    const before = Date.now() / 1000;
    const response = await createCheckRun();
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(before + 2);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3);
    expect(await response.json()).toMatchObject({
      message: `API rate limit exceeded for installation ID ${INSTALLATION_ID}.`,
    });
    expect(fake.checkRuns).toEqual([]);
  });

  it('slow: acts after the configured delay', async () => {
    fake.setFaults(always('slow', { slowMs: 300 }));
    const started = Date.now();
    const response = await createCheckRun();
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.requests.at(-1)?.fault).toBe('slow');
  });

  it('closes promptly with a slow request under way', async () => {
    const slow = await startFake(scene, { faults: always('slow', { slowMs: 60_000 }) });
    const pending = call(slow, PULL_PATH, { authorization: installationAuthorization(slow) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow('fetch failed');
  });
});

describe('fault plans', () => {
  async function faultSequence(plan: FaultPlan): Promise<(string | null)[]> {
    const server = await startFake(scene, { faults: plan });
    try {
      const token = installationAuthorization(server);
      for (let index = 0; index < 40; index += 1) await call(server, PULL_PATH, { authorization: token });
      return server.requests.map((request) => request.fault ?? null);
    } finally {
      await server.close();
    }
  }

  it('faults the same requests for the same seed, and others for another', async () => {
    const plan: FaultPlan = { rate: 0.3, kinds: { error: 1, 'rate-limit': 2 }, seed: 42 };
    const first = await faultSequence(plan);
    expect(await faultSequence(plan)).toEqual(first);
    expect(await faultSequence({ ...plan, seed: 43 })).not.toEqual(first);
    const faulted = first.filter((fault) => fault !== null);
    expect(faulted.length).toBeGreaterThan(4);
    expect(faulted.length).toBeLessThan(24);
    expect(new Set(faulted)).toEqual(new Set(['error', 'rate-limit']));
  });

  it('spares requests made with the app’s JWT unless asked', async () => {
    fake.setFaults(always('error'));
    const jwtCall = () => call(fake, TOKENS_PATH, { method: 'POST', authorization: `Bearer ${appJwt()}` });
    expect((await jwtCall()).status).toBe(201);
    expect((await call(fake, PULL_PATH, { authorization })).status).toBeGreaterThanOrEqual(500);
    fake.setFaults(always('error', { includeAppRequests: true }));
    expect((await jwtCall()).status).toBeGreaterThanOrEqual(500);
  });

  it('covers only the methods and paths it names, and stops when replaced by none', async () => {
    fake.setFaults(always('secondary-limit', { methods: ['post'], paths: [/\/check-runs$/] }));
    expect((await call(fake, PULL_PATH, { authorization })).status).toBe(200);
    expect(
      (await call(fake, COMMENTS_PATH, { method: 'POST', authorization, body: { body: 'hi' } })).status,
    ).toBe(201);
    expect((await createCheckRun()).status).toBe(403);
    fake.setFaults(undefined);
    expect((await createCheckRun()).status).toBe(201);
    expect(fake.faultsInjected).toEqual({
      error: 0,
      'lost-response': 0,
      'secondary-limit': 1,
      'rate-limit': 0,
      'primary-limit': 0,
      slow: 0,
    });
    expect(fake.requests.map((request) => request.fault ?? null)).toEqual([null, null, 'secondary-limit', null]);
  });

  it('lets failNext answer first', async () => {
    fake.setFaults(always('rate-limit'));
    fake.failNext('GET', /\/pulls\/1$/, 503);
    expect((await call(fake, PULL_PATH, { authorization })).status).toBe(503);
    expect((await call(fake, PULL_PATH, { authorization })).status).toBe(429);
  });

  it('refuses a plan that cannot be drawn from', () => {
    expect(() => fake.setFaults({ rate: 1.5, kinds: { error: 1 } })).toThrow('rate');
    expect(() => fake.setFaults({ rate: 0.5, kinds: {} })).toThrow('positive weight');
    expect(() => fake.setFaults({ rate: 0.5, kinds: { error: -1 } })).toThrow('negative');
  });
});

describe('scripted failures', () => {
  it('fail the next matching requests with the status and headers given, without acting', async () => {
    fake.failNext('POST', /\/check-runs$/, 403, 2, { 'retry-after': '3' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await createCheckRun();
      expect({ status: refused.status, retryAfter: refused.headers.get('retry-after') }).toEqual({
        status: 403,
        retryAfter: '3',
      });
    }
    expect(fake.checkRuns).toEqual([]);
    expect((await createCheckRun()).status).toBe(201);
  });

  it('lose the answer to the next matching request after acting on it', async () => {
    fake.loseNextResponse('POST', /\/check-runs$/);
    await expect(createCheckRun()).rejects.toThrow('fetch failed');
    expect(fake.checkRuns).toHaveLength(1);
    expect((await createCheckRun()).status).toBe(201);
    expect(fake.checkRuns).toHaveLength(2);
  });
});

describe('the minimum interval between writes', () => {
  it('refuses an installation’s writes closer together than the interval, never its reads or GraphQL', async () => {
    const spaced = await startFake(scene, { minWriteIntervalMs: 400 });
    try {
      const token = installationAuthorization(spaced);
      const comment = () => call(spaced, COMMENTS_PATH, { method: 'POST', authorization: token, body: { body: 'x' } });
      expect((await comment()).status).toBe(201);
      const refused = await comment();
      expect(refused.status).toBe(403);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
      expect((await call(spaced, COMMENTS_PATH, { authorization: token })).status).toBe(200);
      const graphql = await call(spaced, '/graphql', { method: 'POST', authorization: token, body: { query: '{}' } });
      expect(graphql.status).toBe(200);
      expect(spaced.comments).toHaveLength(1);
      expect(spaced.faultsInjected['secondary-limit']).toBe(1);
      expect(spaced.requests[1]?.fault).toBe('secondary-limit');

      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await comment()).status).toBe(201);
    } finally {
      await spaced.close();
    }
  });
});

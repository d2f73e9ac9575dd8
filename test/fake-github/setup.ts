import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../support/fake-github/server.js';

export const OWNER = 'acme';
export const REPO = 'shop';
export const APP_ID = 4242;
export const INSTALLATION_ID = 777;

/** A repository with `main` and a `feature` branch off it, the fake's pull request #1 between them. */
export interface Scene {
  temp: TempRepo;
  main: string;
  feature: string;
}

export async function createScene(): Promise<Scene> {
  const temp = await createTempRepo();
  const main = await temp.commit({ 'README.md': '# Shop\n', 'contracts/orders.yaml': 'name: orders\n' });
  await temp.git('checkout', '-q', '-b', 'feature');
  const feature = await temp.commit({ 'contracts/orders.yaml': 'name: orders\nfields: [id]\n' });
  await temp.git('checkout', '-q', 'main');
  return { temp, main, feature };
}

export async function startFake(scene: Scene, options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  const fake = await startFakeGitHub({
    repoDir: scene.temp.dir,
    owner: OWNER,
    repo: REPO,
    appId: APP_ID,
    installationId: INSTALLATION_ID,
    ...options,
  });
  await fake.openPull({ number: 1, baseRef: 'main', headRef: 'feature' });
  return fake;
}

/** A JWT with these claims; the fake never checks a signature, so this one has none worth the name. */
export function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** The app's JWT, valid for ten minutes. */
export function appJwt(appId = APP_ID): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ iat: now - 30, exp: now + 600, iss: appId });
}

export interface CallOptions {
  method?: string;
  /** The whole `Authorization` header. */
  authorization?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A plain request under `/api/v3` (or to `/api/graphql` for `/graphql`), no client library between. */
export function call(fake: FakeGitHub, path: string, options: CallOptions = {}): Promise<Response> {
  const target = path === '/graphql' ? `${fake.url}/api/graphql` : `${fake.url}/api/v3${path}`;
  return fetch(target, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

/** `token X` for a fresh token with the installation's whole scope. */
export const installationAuthorization = (fake: FakeGitHub): string => `token ${fake.issueInstallationToken().token}`;

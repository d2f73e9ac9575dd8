import { createAppAuth } from '@octokit/auth-app';
import { request as baseRequest } from '@octokit/request';
import { Octokit } from '@octokit/rest';
import type { Logger } from 'pino';
import type { InstallationLimits } from './limits.js';
import { isGraphQL, isIdempotent, retryAdvice } from './retry-policy.js';

/** The REST API version every request asks for, so GitHub's answers keep the shape this app was written against. */
export const GITHUB_API_VERSION = '2022-11-28';

/** What a review may do, and nothing more: its token is scoped to these and to the one repository. */
export const REVIEW_PERMISSIONS = {
  checks: 'write',
  contents: 'read',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  pull_requests: 'write',
} as const;

/** What the sweep for runs left in progress may do: read. */
const SWEEP_PERMISSIONS = { checks: 'read', metadata: 'read', pull_requests: 'read' } as const;

const USER_AGENT = 'data-contract-review';

interface TokenScope {
  repositoryNames?: string[];
  permissions: Readonly<Record<string, 'read' | 'write'>>;
}

export type GitHubClient = Octokit;

export interface GitHubClientOptions {
  appId: number;
  privateKey: string;
  /** `https://api.github.com`, or a GitHub Enterprise Server's `https://HOST/api/v3`. */
  baseUrl?: string;
  limits: InstallationLimits;
  log: Logger;
  /** One request's longest wait for an answer (default 30 s). */
  requestTimeoutMs?: number;
  /** The first pause before repeating a request that failed in passing; doubled each time (default 1 s). */
  backoffMs?: number;
  /** Attempts of one request, the first included (default 5). */
  attempts?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_ATTEMPTS = 5;

/**
 * Makes the GitHub clients reviews use. One app authentication is shared by the process, so installation tokens are
 * reused until they expire; each client's token is scoped to one repository and the review's permissions.
 */
export class GitHubClients {
  private readonly appAuth: ReturnType<typeof createAppAuth>;
  private readonly baseUrl: string;
  private readonly withoutMembers = new Set<number>();

  constructor(private readonly options: GitHubClientOptions) {
    this.baseUrl = options.baseUrl ?? 'https://api.github.com';
    this.appAuth = createAppAuth({
      appId: options.appId,
      privateKey: options.privateKey,
      request: baseRequest.defaults({ baseUrl: this.baseUrl, headers: { 'x-github-api-version': GITHUB_API_VERSION } }),
    });
  }

  /**
   * A client for one repository of one installation. `deadline` (epoch ms) is when the work it serves must be over:
   * GitHub asking to wait past it fails the request instead of waiting.
   */
  forRepository(installationId: number, repository: string, deadline = Infinity, log = this.options.log): GitHubClient {
    return this.client(installationId, { repositoryNames: [repository], permissions: REVIEW_PERMISSIONS }, deadline, log);
  }

  /** A client that reads what an installation can see (its repositories, their pull requests and checks). */
  forInstallation(installationId: number, log = this.options.log): GitHubClient {
    return this.client(installationId, { permissions: SWEEP_PERMISSIONS }, Infinity, log);
  }

  /** A client authenticated as the app itself, for the installations it has. */
  forApp(): GitHubClient {
    return new Octokit({
      baseUrl: this.baseUrl,
      userAgent: USER_AGENT,
      authStrategy: createAppAuth,
      auth: { appId: this.options.appId, privateKey: this.options.privateKey },
      request: { headers: { 'x-github-api-version': GITHUB_API_VERSION } },
    });
  }

  private client(installationId: number, scope: TokenScope, deadline: number, log: Logger): GitHubClient {
    const { limits, requestTimeoutMs, backoffMs, attempts } = this.options;
    const token = () => this.token(installationId, scope);
    return limitedOctokit({ baseUrl: this.baseUrl, token, limitsKey: installationId, deadline, limits, log, requestTimeoutMs, backoffMs, attempts });
  }

  /**
   * Installation tokens are cached by auth-app per installation, repository and permissions until near expiry. An
   * installation that has not accepted `members: read` (added after it installed the app) gets tokens without it:
   * its reviews still run, and team contacts cannot be looked up until it accepts.
   */
  private async token(installationId: number, scope: TokenScope): Promise<string> {
    const backoffMs = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    for (let attempt = 0; ; attempt += 1) {
      const permissions: Record<string, string> = { ...scope.permissions };
      if (this.withoutMembers.has(installationId)) delete permissions.members;
      try {
        const { token } = await this.appAuth({ type: 'installation', installationId, ...scope, permissions });
        return token;
      } catch (error) {
        if ((error as { status?: number }).status === 422 && permissions.members && !this.withoutMembers.has(installationId)) {
          this.options.log.warn({ installationId }, 'the installation has not granted members: read; team contacts cannot be looked up');
          this.withoutMembers.add(installationId);
          continue;
        }
        const advice = retryAdvice(error, attempt, Date.now(), backoffMs);
        if (!advice || attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, advice.waitMs));
      }
    }
  }
}

export interface LimitedOctokitOptions extends Pick<GitHubClientOptions, 'limits' | 'log' | 'requestTimeoutMs' | 'backoffMs' | 'attempts'> {
  baseUrl: string;
  /** The token each request is sent with, asked for again before each one (an installation token may be renewed). */
  token: () => Promise<string>;
  /** Whose budget the requests share in `limits`: an installation's id. */
  limitsKey: number;
  /** When the work the client serves must be over (epoch ms): GitHub asking to wait past it fails the request. */
  deadline: number;
}

/**
 * A client whose every request waits its turn under GitHub's limits and is tried again as GitHub's answer says:
 * the app's installation clients and the Action's client for the workflow's token are both made here.
 */
export function limitedOctokit(options: LimitedOctokitOptions): GitHubClient {
  const { limits, log, token, limitsKey, deadline, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, backoffMs = DEFAULT_BACKOFF_MS, attempts = DEFAULT_ATTEMPTS } = options;
  const octokit = new Octokit({
    baseUrl: options.baseUrl,
    userAgent: USER_AGENT,
    authStrategy: () => Object.assign(async () => ({ type: 'token', token: await token() }), {
      hook: async (request: typeof baseRequest, route: string, parameters?: Record<string, unknown>) => {
        const endpoint = request.endpoint.merge(route, parameters ?? {});
        endpoint.headers.authorization = `token ${await token()}`;
        return request({ ...endpoint, url: endpoint.url ?? route });
      },
    }),
    // Each failed attempt is logged by the retry below, and a final failure by the review: Octokit's own lines are detail.
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => log.debug(message), error: (message: string) => log.debug(message) },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const method = requestOptions.method.toUpperCase();
    const kind = method === 'GET' || isGraphQL(requestOptions.url) ? 'read' : 'write';
    requestOptions.headers = { ...requestOptions.headers, 'x-github-api-version': GITHUB_API_VERSION };
    for (let attempt = 0; ; attempt += 1) {
      const release = await limits.acquire(limitsKey, kind);
      try {
        return await request({ ...requestOptions, request: { ...requestOptions.request, signal: AbortSignal.timeout(requestTimeoutMs) } });
      } catch (error) {
        const advice = retryAdvice(error, attempt, Date.now(), backoffMs);
        const repeatable = advice && (advice.kind === 'rate-limit' || isIdempotent(method, requestOptions.url));
        if (!repeatable || attempt + 1 >= attempts) throw error;
        if (Date.now() + advice.waitMs > deadline) {
          throw Object.assign(new Error(`GitHub asked to wait ${Math.ceil(advice.waitMs / 1000)} s, past the review's deadline`), { cause: error });
        }
        log.warn({ method, url: requestOptions.url, status: (error as { status?: number }).status, waitMs: advice.waitMs }, `GitHub: ${advice.kind}, trying again`);
        if (advice.kind === 'rate-limit') await limits.pause(limitsKey, Date.now() + advice.waitMs);
        else await new Promise((resolve) => setTimeout(resolve, advice.waitMs));
      } finally {
        release();
      }
    }
  });
  return octokit;
}

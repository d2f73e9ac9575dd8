import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Identity, authenticate, credentialOf } from './auth.js';
import type { FakeContext } from './context.js';
import { type FaultInjector, type FaultKind, secondaryLimitReply } from './faults.js';
import { type Reply, type Route, ValidationError, errorReply, notFound, parseJson, readBody, send } from './http.js';
import { type IssuedToken, type PermissionRequirement, grants } from './tokens.js';
import type { WriteSpacing } from './write-spacing.js';

/** GitHub Enterprise Server's layout, which Octokit uses when its base URL ends in `/api/v3`. */
export const REST_PREFIX = '/api/v3';
const GRAPHQL_PATH = '/api/graphql';
const REPOSITORY_PATH = /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)/;

export interface RecordedRequest {
  method: string;
  /** Without `/api/v3`, with the query string: `/repos/o/r/pulls/1/files?per_page=100`. GraphQL is `/graphql`. */
  path: string;
  /** The parsed JSON body; absent when the request had none. */
  body?: unknown;
  /** The `X-GitHub-Api-Version` header, when sent. */
  apiVersion?: string;
  /** The `Authorization` header's credential without its scheme: the app's JWT or an installation token. */
  token?: string;
  /** The fault the stand-in answered with, or (`slow`, `lost-response`) dealt while acting. */
  fault?: FaultKind;
}

interface InjectedFailure {
  method: string;
  pathPattern: RegExp;
  status: number;
  remaining: number;
}

/** `dropConnection`: the request was acted on, and its answer is to be lost. */
interface Outcome {
  reply: Reply;
  dropConnection?: boolean;
}

/**
 * Answers each request as GitHub would, in GitHub's order: authentication first, then the limits and the faults of
 * the moment, then the repository scope and permissions of the token, and only then the route.
 */
export class RequestHandler {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: InjectedFailure[] = [];
  private readonly stopping = new AbortController();

  constructor(
    private readonly context: FakeContext,
    private readonly routes: readonly Route[],
    private readonly faults: FaultInjector,
    private readonly writeSpacing: WriteSpacing | undefined,
  ) {}

  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    void this.answer(request)
      .catch((error: unknown): Outcome => ({ reply: internalError(error) }))
      .then((outcome) => (outcome.dropConnection ? response.destroy() : send(response, outcome.reply)));
  };

  failNext(method: string, pathPattern: RegExp, status: number, times: number): void {
    this.failures.push({ method: method.toUpperCase(), pathPattern, status, remaining: times });
  }

  /** Ends the waits of `slow` requests, so closing the server is not held up by them. */
  stop(): void {
    this.stopping.abort();
  }

  private async answer(request: IncomingMessage): Promise<Outcome> {
    const url = new URL(request.url ?? '/', this.context.webUrl);
    const routePath = routePathOf(url.pathname);
    const method = request.method ?? 'GET';
    const rawBody = await readBody(request);
    const body = parseJson(rawBody);
    const apiVersion = request.headers['x-github-api-version'];
    const token = credentialOf(request.headers.authorization);
    const record: RecordedRequest = {
      method,
      path: `${routePath}${url.search}`,
      ...(rawBody === '' ? {} : { body: body instanceof SyntaxError ? rawBody : body }),
      ...(typeof apiVersion === 'string' ? { apiVersion } : {}),
      ...(token === undefined ? {} : { token }),
    };
    this.requests.push(record);

    const failure = this.takeFailure(method, record.path);
    if (failure) return { reply: errorReply(failure.status, `Injected failure (${failure.status})`) };
    const route = this.routes.find((candidate) => candidate.method === method && candidate.path.test(routePath));
    const identity = authenticate(
      route?.credential,
      request.headers.authorization,
      this.context.appId,
      this.context.tokens,
    );
    if ('status' in identity) return { reply: identity };

    const retryAfterSeconds =
      identity.kind === 'installation'
        ? this.writeSpacing?.wait(this.context.installationId, method, routePath)
        : undefined;
    if (retryAfterSeconds !== undefined) {
      record.fault = 'secondary-limit';
      this.faults.count('secondary-limit');
      return { reply: secondaryLimitReply(retryAfterSeconds) };
    }
    const fault = this.faults.draw(method, record.path, identity.kind === 'app');
    if (fault) record.fault = fault;
    if (fault === 'slow') await sleep(this.faults.slowMs, undefined, { signal: this.stopping.signal });
    else if (fault && fault !== 'lost-response') return { reply: this.faults.refusal(fault) };

    const reply = await this.act(route, identity, routePath, url, body).catch(internalError);
    return { reply, dropConnection: fault === 'lost-response' };
  }

  private async act(
    route: Route | undefined,
    identity: Identity,
    routePath: string,
    url: URL,
    body: unknown,
  ): Promise<Reply> {
    const token = identity.kind === 'installation' ? identity.token : undefined;
    if (!route || (token && !this.reaches(token, routePath))) return notFound();
    if (token && route.requires && !grants(token.permissions, route.requires)) return notAccessible(route.requires);
    if (body instanceof SyntaxError) return errorReply(400, 'Problems parsing JSON');
    try {
      return await route.handle({
        params: routeParams(route, routePath),
        query: url.searchParams,
        body,
        url,
        ...(token && { token }),
      });
    } catch (error) {
      if (error instanceof ValidationError) return errorReply(422, error.message);
      throw error;
    }
  }

  /** A token scoped to some repositories finds nothing in the others: GitHub answers 404, not 403. */
  private reaches(token: IssuedToken, routePath: string): boolean {
    const groups = REPOSITORY_PATH.exec(routePath)?.groups;
    if (!groups || !token.repositories) return true;
    return (
      decodeURIComponent(groups.owner ?? '') === this.context.owner &&
      token.repositories.includes(decodeURIComponent(groups.repo ?? ''))
    );
  }

  private takeFailure(method: string, path: string): InjectedFailure | undefined {
    const failure = this.failures.find(
      (candidate) => candidate.method === method && path.search(candidate.pathPattern) !== -1,
    );
    if (failure && --failure.remaining === 0) this.failures.splice(this.failures.indexOf(failure), 1);
    return failure;
  }
}

/** GitHub names the permissions that would have let the token in. */
function notAccessible(requirement: PermissionRequirement): Reply {
  return {
    ...errorReply(403, 'Resource not accessible by integration'),
    headers: {
      'x-accepted-github-permissions': requirement.permissions
        .map((name) => `${name}=${requirement.level}`)
        .join('; '),
    },
  };
}

function internalError(error: unknown): Reply {
  return errorReply(500, error instanceof Error ? error.message : String(error));
}

/** The path as on github.com: REST without `/api/v3`, GraphQL at `/graphql`; anything else as it came. */
function routePathOf(pathname: string): string {
  if (pathname === GRAPHQL_PATH) return '/graphql';
  return pathname.startsWith(`${REST_PREFIX}/`) ? pathname.slice(REST_PREFIX.length) : pathname;
}

/** The route's named groups in the path, percent-decoded. */
function routeParams(route: Route, routePath: string): Record<string, string> {
  const groups = route.path.exec(routePath)?.groups ?? {};
  return Object.fromEntries(Object.entries(groups).map(([name, value]) => [name, decodeURIComponent(value)]));
}

import { setTimeout as sleep } from 'node:timers/promises';
import { type Identity, authenticate, credentialOf } from './auth.js';
import type { FakeContext } from './context.js';
import { type FaultInjector, secondaryLimitReply } from './faults.js';
import { type Reply, type Route, ValidationError, errorReply, notFound, parseJson } from './http.js';
import { pathById, pathByName } from './repository-paths.js';
import type { RecordedRequest } from './requests.js';
import type { ScriptedFailures } from './scripted.js';
import { type IssuedToken, type PermissionRequirement, grants } from './tokens.js';
import type { WriteSpacing } from './write-spacing.js';

/** GitHub Enterprise Server's layout, which Octokit uses when its base URL ends in `/api/v3`. */
export const REST_PREFIX = '/api/v3';
const GRAPHQL_PATH = '/api/graphql';
const REPOSITORY_PATH = /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)/;

/** A request as any transport hands it over: the loopback server or nock. */
export interface IncomingRequest {
  method: string;
  /** Absolute, as the client addressed it. */
  url: URL;
  /** By lower-case name. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body's text; empty for none. */
  body: string;
}

/** `dropConnection`: the request was acted on, and its answer is to be lost. */
export interface Outcome {
  reply: Reply;
  dropConnection?: boolean;
}

/**
 * Answers each request as GitHub would, in GitHub's order: authentication first, then the limits and the faults of
 * the moment, then the repository scope and permissions of the token, and only then the route.
 */
export class RequestHandler {
  readonly requests: RecordedRequest[] = [];
  /** `METHOD /path` of each request no route serves: an endpoint the stand-in does not model. */
  readonly unserved: string[] = [];
  private readonly stopping = new AbortController();

  constructor(
    private readonly context: FakeContext,
    private readonly routes: readonly Route[],
    private readonly faults: FaultInjector,
    private readonly scripted: ScriptedFailures,
    private readonly writeSpacing: WriteSpacing | undefined,
  ) {}

  /** Never rejects: whatever goes wrong inside is GitHub's 500. */
  answer(request: IncomingRequest): Promise<Outcome> {
    return this.attempt(request).catch((error: unknown): Outcome => ({ reply: internalError(error) }));
  }

  /** Ends the waits of `slow` requests, so closing is not held up by them. */
  stop(): void {
    this.stopping.abort();
  }

  private async attempt({ method, url, headers, body: rawBody }: IncomingRequest): Promise<Outcome> {
    const receivedPath = routePathOf(url.pathname);
    const routePath = pathByName(this.context, receivedPath);
    const body = parseJson(rawBody);
    const authorization = headerValue(headers.authorization);
    const apiVersion = headerValue(headers['x-github-api-version']);
    const token = credentialOf(authorization);
    const record: RecordedRequest = {
      method,
      path: `${receivedPath}${url.search}`,
      ...(rawBody === '' ? {} : { body: body instanceof SyntaxError ? rawBody : body }),
      ...(apiVersion === undefined ? {} : { apiVersion }),
      ...(token === undefined ? {} : { token }),
    };
    this.requests.push(record);

    const script = this.scripted.take(method, record.path);
    if (script?.kind === 'fail') return { reply: script.reply };
    const route = this.routes.find((candidate) => candidate.method === method && candidate.path.test(routePath));
    if (!route) this.unserved.push(`${method} ${record.path}`);
    const identity = authenticate(route?.credential, authorization, this.context.appId, this.context.tokens);
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

    const reply = await this.act(route, identity, routePath, url.search, body).catch(internalError);
    return { reply, dropConnection: fault === 'lost-response' || script?.kind === 'lose' };
  }

  private async act(
    route: Route | undefined,
    identity: Identity,
    routePath: string,
    search: string,
    body: unknown,
  ): Promise<Reply> {
    const token = identity.kind === 'installation' ? identity.token : undefined;
    if (!route || (token && !this.reaches(token, routePath))) return notFound();
    if (token && route.requires && !grants(token.permissions, route.requires)) return notAccessible(route.requires);
    if (body instanceof SyntaxError) return errorReply(400, 'Problems parsing JSON');
    const url = new URL(`${this.context.apiUrl}${pathById(this.context, routePath)}${search}`);
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The path as on github.com: REST without `/api/v3`, GraphQL at `/graphql`; anything else as it came. */
function routePathOf(pathname: string): string {
  if (pathname === GRAPHQL_PATH) return '/graphql';
  return pathname.startsWith(`${REST_PREFIX}/`) ? pathname.slice(REST_PREFIX.length) : pathname;
}

/** The route's named groups in the path, percent-decoded. */
function routeParams(route: Route, routePath: string): Record<string, string> {
  const groups = route.path.exec(routePath)?.groups;
  return Object.fromEntries(Object.entries(groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
}

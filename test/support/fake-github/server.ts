import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CheckRun,
  type Comment,
  type CommentAuthor,
  type FakeContext,
  type PullState,
  timestamp,
} from './context.js';
import { GitReader } from './git.js';
import { type Reply, type Route, ValidationError, errorReply, notFound, parseJson, readBody, send } from './http.js';
import { appRoutes } from './routes/app.js';
import { checkRoutes } from './routes/checks.js';
import { commentRoutes } from './routes/comments.js';
import { gitDataRoutes } from './routes/git-data.js';
import { graphqlRoutes } from './routes/graphql.js';
import { pullRoutes } from './routes/pulls.js';

export type { Annotation, CheckRun, Comment, CommentAuthor, PullState } from './context.js';

/** GitHub Enterprise Server's layout, which Octokit uses when its base URL ends in `/api/v3`. */
const REST_PREFIX = '/api/v3';
const GRAPHQL_PATH = '/api/graphql';

export interface FakeGitHubOptions {
  /** A local git repository; the fake serves its commits, trees and blobs. */
  repoDir: string;
  owner: string;
  repo: string;
  appId: number;
  installationId: number;
  /** Bytes of blob text GraphQL returns before reporting `isTruncated` (GitHub: 512 KiB). */
  graphqlTextLimit?: number;
  /** Files a pull request's file list stops at (GitHub: 3000). */
  filesCap?: number;
}

export interface RecordedRequest {
  method: string;
  /** Without `/api/v3`, with the query string: `/repos/o/r/pulls/1/files?per_page=100`. GraphQL is `/graphql`. */
  path: string;
  /** The parsed JSON body; absent when the request had none. */
  body?: unknown;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, for `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  host: string;
  /** Every request received, in order, answered or not. */
  requests: RecordedRequest[];
  checkRuns: CheckRun[];
  comments: Comment[];
  pulls: Map<number, PullState>;
  /** Opens a pull request with its SHAs read from the branches (or SHAs) `baseRef` and `headRef`. */
  openPull(pull: { number: number; baseRef: string; headRef: string; headRepoFullName?: string }): Promise<PullState>;
  /** Reads a pull request's SHAs from its branches again, after a commit to either. */
  updatePull(number: number): Promise<PullState>;
  /** A comment on a pull request written by someone other than the app: by default a person. */
  addComment(number: number, body: string, user?: CommentAuthor): Comment;
  /** Answers the next `times` requests whose method and recorded path match with `status`, before anything else. */
  failNext(method: string, pathPattern: RegExp, status: number, times?: number): void;
  close(): Promise<void>;
}

interface InjectedFailure {
  method: string;
  pathPattern: RegExp;
  status: number;
  remaining: number;
}

const DEFAULT_GRAPHQL_TEXT_LIMIT = 512 * 1024;
const DEFAULT_FILES_CAP = 3000;
const DEFAULT_COMMENTER: CommentAuthor = { login: 'octocat', type: 'User' };

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `http://${host}`;
  let lastId = 0;
  const context: FakeContext = {
    owner: options.owner,
    repo: options.repo,
    appId: options.appId,
    installationId: options.installationId,
    graphqlTextLimit: options.graphqlTextLimit ?? DEFAULT_GRAPHQL_TEXT_LIMIT,
    filesCap: options.filesCap ?? DEFAULT_FILES_CAP,
    git: new GitReader(options.repoDir),
    checkRuns: [],
    comments: [],
    pulls: new Map(),
    nextId: () => ++lastId,
    apiUrl: `${url}${REST_PREFIX}`,
    webUrl: url,
  };
  const routes = [
    ...appRoutes(context),
    ...gitDataRoutes(context),
    ...graphqlRoutes(context),
    ...pullRoutes(context),
    ...checkRoutes(context),
    ...commentRoutes(context),
  ];
  const requests: RecordedRequest[] = [];
  const failures: InjectedFailure[] = [];

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void answer(request)
      .catch((error: unknown) => errorReply(500, error instanceof Error ? error.message : String(error)))
      .then((result) => send(response, result));
  });

  async function answer(request: IncomingMessage): Promise<Reply> {
    const requestUrl = new URL(request.url ?? '/', url);
    const routePath = routePathOf(requestUrl.pathname);
    const method = request.method ?? 'GET';
    const rawBody = await readBody(request);
    const body = parseJson(rawBody);
    const malformedJson = body instanceof SyntaxError;
    const recordedPath = `${routePath}${requestUrl.search}`;
    requests.push({ method, path: recordedPath, ...(rawBody === '' ? {} : { body: malformedJson ? rawBody : body }) });

    const failure = takeFailure(method, recordedPath);
    if (failure) return errorReply(failure.status, `Injected failure (${failure.status})`);
    const route = routes.find((candidate) => candidate.method === method && candidate.path.test(routePath));
    if (!authorized(route?.credential ?? 'installation', request.headers.authorization)) {
      return errorReply(401, 'Requires authentication');
    }
    if (!route) return notFound();
    if (malformedJson) return errorReply(400, 'Problems parsing JSON');
    try {
      return await route.handle({
        params: routeParams(route, routePath),
        query: requestUrl.searchParams,
        body,
        url: requestUrl,
      });
    } catch (error) {
      if (error instanceof ValidationError) return errorReply(422, error.message);
      throw error;
    }
  }

  function takeFailure(method: string, path: string): InjectedFailure | undefined {
    const failure = failures.find(
      (candidate) => candidate.method === method && path.search(candidate.pathPattern) !== -1,
    );
    if (failure && --failure.remaining === 0) failures.splice(failures.indexOf(failure), 1);
    return failure;
  }

  async function readShas(
    pull: Pick<PullState, 'number' | 'baseRef' | 'headRef'>,
  ): Promise<{ baseSha: string; headSha: string }> {
    const [baseSha, headSha] = await Promise.all([
      context.git.resolve(pull.baseRef, 'commit'),
      context.git.resolve(pull.headRef, 'commit'),
    ]);
    if (!baseSha || !headSha) {
      throw new Error(`pull request #${pull.number}: ${pull.baseRef} or ${pull.headRef} names no commit`);
    }
    return { baseSha, headSha };
  }

  return {
    url,
    host,
    requests,
    checkRuns: context.checkRuns,
    comments: context.comments,
    pulls: context.pulls,
    async openPull({ number, baseRef, headRef, headRepoFullName = `${options.owner}/${options.repo}` }) {
      const pull: PullState = {
        number,
        state: 'open',
        baseRef,
        headRef,
        headRepoFullName,
        ...(await readShas({ number, baseRef, headRef })),
      };
      context.pulls.set(number, pull);
      return pull;
    },
    async updatePull(number) {
      const pull = context.pulls.get(number);
      if (!pull) throw new Error(`no pull request #${number}`);
      Object.assign(pull, await readShas(pull));
      return pull;
    },
    addComment(number, body, user = DEFAULT_COMMENTER) {
      if (!context.pulls.has(number)) throw new Error(`no pull request #${number}`);
      const now = timestamp();
      const comment: Comment = {
        id: context.nextId(),
        issue_number: number,
        body,
        user,
        performed_via_github_app: null,
        created_at: now,
        updated_at: now,
      };
      context.comments.push(comment);
      return comment;
    },
    failNext(method, pathPattern, status, times = 1) {
      failures.push({ method: method.toUpperCase(), pathPattern, status, remaining: times });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
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

function authorized(credential: Route['credential'], authorization: string | undefined): boolean {
  if (credential === 'app') return /^Bearer \S+/i.test(authorization ?? '');
  return (authorization ?? '').trim() !== '';
}

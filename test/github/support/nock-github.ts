import { createHash } from 'node:crypto';
import nock from 'nock';

const GITHUB_API = 'https://api.github.com';

/** GitHub lists at most this many files of a pull request, whatever the page. */
const PULL_FILES_LIMIT = 3000;
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;

/** A repository's history as the tests write it: each commit SHA to its files, path to text. */
export type Commits = Record<string, Record<string, string>>;

export interface RepositoryRef {
  owner: string;
  name: string;
  /** GitHub's numeric id, which the `Link` headers of paginated answers use. */
  id: number;
}

/** One request GitHub received: method, path with query, and the JSON body (if any). */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  title: string;
  message: string;
}

/** The body of a check run's creation or update, as the app sends it. */
export interface CheckRunBody {
  name?: string;
  head_sha?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  output?: { title: string; summary: string; annotations?: Annotation[] };
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  app: { id: number };
  output: { title?: string; summary?: string; annotations: Annotation[] };
}

export interface IssueComment {
  id: number;
  issue: number;
  body: string;
  created_at: string;
  user: { login: string; type: 'Bot' | 'User' };
  performed_via_github_app: { id: number } | null;
}

/** `METHOD /path?query`, to compare the requests of a review with a list. */
export function requestLine(request: RecordedRequest): string {
  return `${request.method} ${request.path}`;
}

/** The bodies of the requests sent with `method` to exactly `path` (query included). */
export function bodiesOf<Body = unknown>(requests: RecordedRequest[], method: string, path: string): Body[] {
  return requests.filter((request) => request.method === method && request.path === path).map((request) => request.body as Body);
}

type Reply = [status: number, body?: unknown, headers?: Record<string, string>];
type Route = [method: string, path: RegExp, answer: (match: string[], url: URL, body: unknown) => Reply];

/** A commit SHA with a readable name behind it. */
export function commitSha(name: string): string {
  return sha1(`commit ${name}`);
}

/** A git blob's SHA, computed as git does: SHA-1 of `blob <length>\0<content>`. */
function blobSha(text: string): string {
  return sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * The part of GitHub's API one review uses, answered through nock from an in-memory repository: recursive trees,
 * GraphQL blob batches, comparisons, commit listings, pull requests and their paginated files, check runs and issue
 * comments. Every request is recorded; one no route answers is recorded in `unexpected` and answered 404.
 */
export class NockGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly comments: IssueComment[] = [];
  private readonly pulls = new Map<number, { base: string; head: string }>();
  private readonly mergeBases = new Map<string, string>();
  private line: string[] = [];
  private readonly blobs = new Map<string, string>();
  private readonly failures: { method: string; path: RegExp; status: number; headers: Record<string, string>; afterActing?: boolean }[] = [];
  private readonly routes: Route[];
  private nextId = 1000;
  private readonly onNoMatch = (request: { method?: string; path?: string; url?: string }): void => {
    this.unexpected.push(`${request.method} ${request.url ?? request.path} (no interceptor)`);
  };

  constructor(
    readonly repository: RepositoryRef,
    private readonly commits: Commits,
    private readonly appId: number,
  ) {
    for (const files of Object.values(commits)) for (const text of Object.values(files)) this.blobs.set(blobSha(text), text);
    const repo = `(?:/repos/${escape(repository.owner)}/${escape(repository.name)}|/repositories/${repository.id})`;
    const route = (method: string, path: string, answer: Route[2]): Route => [method, new RegExp(`^${path}$`), answer];
    this.routes = [
      route('POST', '/app/installations/(\\d+)/access_tokens', () => [201, { token: 'ghs_installation', expires_at: '2999-01-01T00:00:00Z' }]),
      route('GET', `${repo}/git/trees/(\\w+)`, ([, sha], url) => this.tree(sha!, url)),
      route('POST', '/graphql', (_, __, body) => this.graphql(body as { query: string; variables: Record<string, string> })),
      route('GET', `${repo}/compare/(\\w+)\\.\\.\\.(\\w+)`, ([, base, head]) => this.compare(base!, head!)),
      route('GET', `${repo}/commits`, (_, url) => this.listCommits(url)),
      route('GET', `${repo}/pulls/(\\d+)`, ([, number]) => this.pull(Number(number))),
      route('GET', `${repo}/pulls/(\\d+)/files`, ([, number], url) => this.pullFiles(Number(number), url)),
      route('POST', `${repo}/check-runs`, (_, __, body) => this.createCheckRun(body as CheckRunBody)),
      route('PATCH', `${repo}/check-runs/(\\d+)`, ([, id], __, body) => this.updateCheckRun(Number(id), body as CheckRunBody)),
      route('GET', `${repo}/commits/(\\w+)/check-runs`, ([, sha], url) => this.checkRunsFor(sha!, url)),
      route('GET', `${repo}/issues/(\\d+)/comments`, ([, number], url) =>
        page(this.comments.filter((comment) => comment.issue === Number(number)), url, this.repository),
      ),
      route('POST', `${repo}/issues/(\\d+)/comments`, ([, number], __, body) => [
        201,
        this.addComment(Number(number), (body as { body: string }).body, { appId: this.appId }),
      ]),
      route('PATCH', `${repo}/issues/comments/(\\d+)`, ([, id], __, body) => this.editComment(Number(id), (body as { body: string }).body)),
      route('DELETE', `${repo}/issues/comments/(\\d+)`, ([, id]) => this.deleteComment(Number(id))),
    ];
  }

  /** Starts answering GitHub's API; nothing else on the network is reachable. */
  start(): this {
    nock.disableNetConnect();
    nock.emitter.on('no match', this.onNoMatch);
    const scope = nock(GITHUB_API).persist();
    for (const method of METHODS) {
      scope.intercept(() => true, method).reply((uri, body) => this.answer(method, uri, body));
    }
    return this;
  }

  stop(): void {
    nock.emitter.off('no match', this.onNoMatch);
    nock.cleanAll();
  }

  /** The pull request's current base and head, as the pull request and its file list report them. */
  setPull(number: number, state: { base: string; head: string }): void {
    this.pulls.set(number, state);
  }

  /** Where `head` forked from `base` when the base branch has moved on since; otherwise the base is the merge base. */
  /** The history the commit listing walks: these commits, oldest first, each the parent of the next, an hour apart. */
  setHistory(line: string[]): void {
    this.line = line;
  }

  setMergeBase(base: string, head: string, mergeBase: string): void {
    this.mergeBases.set(`${base}...${head}`, mergeBase);
  }

  /** The next `times` requests to a matching path answer `status` instead, with `headers`. */
  failNext(method: string, path: RegExp, status: number, times = 1, headers: Record<string, string> = {}): void {
    for (let count = 0; count < times; count += 1) this.failures.push({ method, path, status, headers });
  }

  /** GitHub does what the next matching request asks, then the answer is lost: the client sees a 502. */
  loseNextResponse(method: string, path: RegExp): void {
    this.failures.push({ method, path, status: 502, headers: {}, afterActing: true });
  }

  addComment(issue: number, body: string, author: { appId: number } | { login: string }): IssueComment {
    const comment: IssueComment = {
      id: this.nextId++,
      issue,
      body,
      // A clock that moves a minute per comment: the order GitHub lists comments in is the order they were made.
      created_at: new Date(Date.UTC(2025, 0, 1) + this.nextId * 60_000).toISOString(),
      user: 'appId' in author ? { login: 'data-contracts[bot]', type: 'Bot' } : { login: author.login, type: 'User' },
      performed_via_github_app: 'appId' in author ? { id: author.appId } : null,
    };
    this.comments.push(comment);
    return comment;
  }

  /** The requests received since the last call. */
  takeRequests(): RecordedRequest[] {
    return this.requests.splice(0);
  }

  private answer(method: string, uri: string, rawBody: string | Record<string, unknown>): Reply {
    const url = new URL(uri, GITHUB_API);
    const body = typeof rawBody === 'string' ? (rawBody ? (JSON.parse(rawBody) as unknown) : undefined) : rawBody;
    this.requests.push({ method, path: `${url.pathname}${url.search}`, body });
    const failure = this.failures.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
    if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.afterActing) this.route(method, url, body);
      const message = failure.headers['retry-after'] ? 'You have exceeded a secondary rate limit.' : failure.status === 403 ? 'Resource not accessible by integration' : 'Server Error';
      return [failure.status, { message }, failure.headers];
    }
    return this.route(method, url, body);
  }

  private route(method: string, url: URL, body: unknown): Reply {
    for (const [routeMethod, path, respond] of this.routes) {
      const match = routeMethod === method ? path.exec(url.pathname) : null;
      if (match) return respond([...match], url, body);
    }
    this.unexpected.push(`${method} ${url.pathname}${url.search}`);
    return [404, { message: 'Not Found' }];
  }

  private tree(commit: string, url: URL): Reply {
    const files = this.commits[commit];
    if (!files) return notFound();
    if (!url.searchParams.has('recursive')) {
      this.unexpected.push(`GET ${url.pathname}${url.search} (only recursive trees are served)`);
      return notFound();
    }
    const directories = new Set(
      Object.keys(files).flatMap((path) => path.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'))),
    );
    const entries = [
      ...[...directories].map((path) => ({ path, mode: '040000', type: 'tree', sha: sha1(`tree ${commit}:${path}`) })),
      ...Object.entries(files).map(([path, text]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: blobSha(text),
        size: Buffer.byteLength(text),
      })),
    ].sort((a, b) => a.path.localeCompare(b.path));
    return [200, { sha: sha1(`tree ${commit}:`), url: `${GITHUB_API}${url.pathname}`, tree: entries, truncated: false }];
  }

  /** Answers each `alias: object(oid: $variable)` of the query with the blob the variable names. */
  private graphql({ query, variables }: { query: string; variables: Record<string, string> }): Reply {
    if (variables.owner !== this.repository.owner || variables.name !== this.repository.name) {
      return [200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }] }];
    }
    const repository: Record<string, unknown> = {};
    for (const [, alias, variable] of query.matchAll(/(\w+): object\(oid: \$(\w+)\)/g)) {
      const text = this.blobs.get(variables[variable!] ?? '');
      repository[alias!] = text === undefined ? null : { text, isBinary: false, isTruncated: false };
    }
    return [200, { data: { repository } }];
  }

  private compare(base: string, head: string): Reply {
    if (!this.commits[base] || !this.commits[head]) return notFound();
    const mergeBase = this.mergeBase(base, head);
    const status = mergeBase === base ? 'ahead' : 'diverged';
    return [200, { status, base_commit: { sha: base }, merge_base_commit: { sha: mergeBase }, commits: [], files: [] }];
  }

  /** The commits from `sha` back along the history, newest first, that changed a file under `path` (when given). */
  private listCommits(url: URL): Reply {
    const end = this.line.indexOf(url.searchParams.get('sha') ?? '');
    if (end < 0) return notFound();
    const path = url.searchParams.get('path');
    const under = (file: string): boolean => path === null || file === path || file.startsWith(`${path}/`);
    const changedUnderPath = (index: number): boolean => {
      const files = this.commits[this.line[index]!] ?? {};
      const parent = index > 0 ? (this.commits[this.line[index - 1]!] ?? {}) : {};
      return [...new Set([...Object.keys(files), ...Object.keys(parent)])].some((file) => under(file) && files[file] !== parent[file]);
    };
    const listed = this.line
      .map((sha, index) => ({ sha, index }))
      .slice(0, end + 1)
      .filter(({ index }) => changedUnderPath(index))
      .reverse()
      .map(({ sha, index }) => {
        const date = new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString().replace('.000Z', 'Z');
        return { sha, commit: { message: `commit ${index}`, committer: { name: 'Test', email: 'test@example.com', date } } };
      });
    return page(listed, url, this.repository);
  }

  private mergeBase(base: string, head: string): string {
    return this.mergeBases.get(`${base}...${head}`) ?? base;
  }

  private pull(number: number): Reply {
    const pull = this.pulls.get(number);
    if (!pull) return notFound();
    return [200, { number, state: 'open', base: { ref: 'main', sha: pull.base }, head: { ref: `pr-${number}`, sha: pull.head } }];
  }

  /** What the pull request changes since its merge base, in path order, cut at GitHub's limit. */
  private pullFiles(number: number, url: URL): Reply {
    const pull = this.pulls.get(number);
    if (!pull) return notFound();
    const [base, head] = [this.commits[this.mergeBase(pull.base, pull.head)], this.commits[pull.head]];
    if (!base || !head) return notFound();
    const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter((path) => base[path] !== head[path]).sort();
    const files = paths.slice(0, PULL_FILES_LIMIT).map((filename) => {
      const status = base[filename] === undefined ? 'added' : head[filename] === undefined ? 'removed' : 'modified';
      return { sha: blobSha(head[filename] ?? base[filename]!), filename, status, additions: 1, deletions: 0, changes: 1 };
    });
    return page(files, url, this.repository);
  }

  private createCheckRun(body: CheckRunBody): Reply {
    const run: CheckRun = {
      id: this.nextId++,
      name: body.name ?? '',
      head_sha: body.head_sha ?? '',
      external_id: body.external_id ?? '',
      status: body.status ?? 'queued',
      conclusion: null,
      app: { id: this.appId },
      output: { title: body.output?.title, summary: body.output?.summary, annotations: [] },
    };
    this.checkRuns.push(run);
    return [201, run];
  }

  /** GitHub adds each update's annotations to those the check run already has. */
  private updateCheckRun(id: number, body: CheckRunBody): Reply {
    const run = this.checkRuns.find((candidate) => candidate.id === id);
    if (!run) return notFound();
    Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion });
    if (body.output) {
      Object.assign(run.output, { title: body.output.title, summary: body.output.summary });
      run.output.annotations.push(...(body.output.annotations ?? []));
    }
    return [200, run];
  }

  /** `check_name` and `app_id` filter; `filter=latest` (the default) keeps the newest run of each name. */
  private checkRunsFor(sha: string, url: URL): Reply {
    const name = url.searchParams.get('check_name');
    const appId = url.searchParams.get('app_id');
    const matching = this.checkRuns.filter(
      (run) => run.head_sha === sha && (name === null || run.name === name) && (appId === null || String(run.app.id) === appId),
    );
    const runs = url.searchParams.get('filter') === 'all' ? matching : [...new Map(matching.map((run) => [run.name, run])).values()];
    return [200, { total_count: runs.length, check_runs: runs }];
  }

  private editComment(id: number, body: string): Reply {
    const comment = this.comments.find((candidate) => candidate.id === id);
    if (!comment) return notFound();
    comment.body = body;
    return [200, comment];
  }

  private deleteComment(id: number): Reply {
    const index = this.comments.findIndex((candidate) => candidate.id === id);
    if (index < 0) return notFound();
    this.comments.splice(index, 1);
    return [204];
  }
}

/**
 * One page of a list, with the `Link` header GitHub sends: absolute URLs through `/repositories/:id`, the request's
 * query with its `page` set, relations in GitHub's order (prev, next, last, first).
 */
function page(items: unknown[], url: URL, repository: RepositoryRef): Reply {
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
  const current = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const path = url.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, `/repositories/${repository.id}`);
  const link = (pageNumber: number, rel: string): string => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(pageNumber));
    return `<${GITHUB_API}${path}?${query}>; rel="${rel}"`;
  };
  const links = [
    ...(current > 1 ? [link(current - 1, 'prev')] : []),
    ...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []),
    ...(current > 1 ? [link(1, 'first')] : []),
  ];
  const body = items.slice((current - 1) * perPage, current * perPage);
  return [200, body, links.length > 0 ? { link: links.join(', ') } : {}];
}

function notFound(): Reply {
  return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

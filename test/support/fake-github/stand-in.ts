import {
  APP_SLUG,
  type CheckRun,
  type Comment,
  type CommentAuthor,
  type FakeContext,
  type IssueEvent,
  type PullReview,
  type PullState,
  type RepositoryRole,
  type StandInUrls,
  type TeamMembership,
} from './context.js';
import { FaultInjector, type FaultKind, type FaultPlan } from './faults.js';
import { type ActorFixture, type CheckRunFixture, Fixtures, type PullFixture, type ReviewFixture } from './fixtures.js';
import { GitReader } from './git.js';
import { RequestHandler } from './handler.js';
import type { RecordedRequest } from './requests.js';
import { appRoutes } from './routes/app.js';
import { checkRoutes } from './routes/checks.js';
import { commentRoutes } from './routes/comments.js';
import { commitRoutes } from './routes/commits.js';
import { compareRoutes } from './routes/compare.js';
import { gitDataRoutes } from './routes/git-data.js';
import { graphqlRoutes } from './routes/graphql.js';
import { installationRoutes } from './routes/installation.js';
import { issueEventRoutes } from './routes/issue-events.js';
import { peopleRoutes } from './routes/people.js';
import { pullRoutes } from './routes/pulls.js';
import { reviewRoutes } from './routes/reviews.js';
import { ScriptedFailures } from './scripted.js';
import { type IssuedToken, type Permissions, TokenIssuer, requestedScope } from './tokens.js';
import { WriteSpacing } from './write-spacing.js';

export interface FakeGitHubOptions {
  /** A local git repository; the fake serves its commits, trees and blobs. */
  repoDir: string;
  owner: string;
  repo: string;
  appId: number;
  /** The app's URL name (default `data-contract-review`); its bot is `<slug>[bot]`. */
  appSlug?: string;
  installationId: number;
  /** The served repository's id, for `repository_ids` in token requests and `/repositories/:id` (default 1296269). */
  repositoryId?: number;
  /**
   * More repositories of the installation, by name under `owner`: listed, and grantable to tokens, but with nothing
   * served from them (404), so a token scoped to one of them shows what scoping hides.
   */
  otherRepositories?: string[];
  /** How long an installation token is valid (GitHub: one hour). */
  tokenLifetimeMs?: number;
  /** Faults from the first request on; `setFaults` changes them. */
  faults?: FaultPlan;
  /** An installation's writes (POST, PATCH, PUT, DELETE; not GraphQL) closer together than this: secondary limit. */
  minWriteIntervalMs?: number;
  /** Bytes of blob text GraphQL returns before reporting `isTruncated` (GitHub: 512 KiB). */
  graphqlTextLimit?: number;
  /** Files a pull request's file list stops at (GitHub: 3000). */
  filesCap?: number;
  /** What the installation granted (default: everything the app asks for); a token asking for more is refused. */
  installationPermissions?: Permissions;
}

/** A token request's body, as `POST /app/installations/:id/access_tokens` takes it. */
export interface TokenRequest {
  repositories?: string[];
  repository_ids?: number[];
  permissions?: Permissions;
}

/** The stand-in's state and a test's hold on it, whichever transport carries the requests. */
export interface StandInGitHub {
  /** Every request received, in order, answered or not, since the last `takeRequests`. */
  requests: RecordedRequest[];
  /** `METHOD /path` of each request no route serves: an endpoint the stand-in does not model (answered 404). */
  unserved: string[];
  checkRuns: CheckRun[];
  comments: Comment[];
  pulls: Map<number, PullState>;
  /** Every review submitted, oldest first. */
  reviews: PullReview[];
  /** Every issue event recorded (labels, review requests, merges), oldest first. */
  issueEvents: IssueEvent[];
  /** Every installation token issued, through the API or `issueInstallationToken`, oldest first. */
  tokensIssued: IssuedToken[];
  /** Faults answered so far, by kind: those of the fault plan and the refusals of `minWriteIntervalMs`. */
  faultsInjected: Record<FaultKind, number>;
  /** Empties `requests`, returning what it held. */
  takeRequests(): RecordedRequest[];
  /** Opens a pull request with its SHAs read from the branches (or SHAs) `baseRef` and `headRef`. */
  openPull(pull: PullFixture): Promise<PullState>;
  /** Reads a pull request's SHAs from its branches again, after a commit to either. */
  updatePull(number: number): Promise<PullState>;
  /** Points a pull request's head at a commit without reading any branch. */
  setPullHead(number: number, sha: string): PullState;
  /** A review someone submits; `commitId` defaults to the head. The author may only comment on their own. */
  addReview(number: number, review: ReviewFixture): PullReview;
  /** Dismisses an approval or a request for changes: its state becomes `DISMISSED`. */
  dismissReview(number: number, reviewId: number): PullReview;
  /** Adds a label with a `labeled` event naming `actor` and the time; nothing when the label is there already. */
  addLabel(number: number, name: string, by: ActorFixture): IssueEvent | undefined;
  /** Removes a label with an `unlabeled` event. */
  removeLabel(number: number, name: string, by: ActorFixture): IssueEvent;
  /** Makes `login` a member of the owner organisation's team `teamSlug` (active unless said otherwise). */
  addTeamMember(teamSlug: string, login: string, membership?: Partial<Omit<TeamMembership, 'login'>>): void;
  /** Gives `login` a role on the repository; anyone without one has no access to it. */
  setCollaborator(login: string, role: RepositoryRole): void;
  /** Merges an open pull request as `actor`: closed, `merged`, with the head as the merge commit. */
  mergePull(number: number, by: ActorFixture): PullState;
  /** A comment on a pull request written by someone else (by default a person), or by the app itself (`'app'`). */
  addComment(number: number, body: string, author?: CommentAuthor | 'app'): Comment;
  /** A check run as if created earlier, by this app (a run a lost replica left behind) or, with `app_id`, another. */
  addCheckRun(run: CheckRunFixture): CheckRun;
  /** A token as the access-tokens route would issue it for this body, without the app's JWT; 422 cases throw. */
  issueInstallationToken(request?: TokenRequest): IssuedToken;
  /** Replaces the fault plan (`undefined`: no faults), its draws restarting from its seed. */
  setFaults(plan: FaultPlan | undefined): void;
  /**
   * Answers the next `times` requests whose method and recorded path match with `status` and `headers`, before
   * anything else, without acting on them.
   */
  failNext(method: string, pathPattern: RegExp, status: number, times?: number, headers?: Record<string, string>): void;
  /** Acts on the next matching request, then drops its connection unanswered: the client never learns it did. */
  loseNextResponse(method: string, pathPattern: RegExp): void;
}

const DEFAULT_REPOSITORY_ID = 1296269;
const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const DEFAULT_GRAPHQL_TEXT_LIMIT = 512 * 1024;
const DEFAULT_FILES_CAP = 3000;
const INSTALLATION_PERMISSIONS: Permissions = {
  checks: 'write',
  contents: 'read',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  pull_requests: 'write',
};

/** One stand-in GitHub: its state, its route table, and the handler a transport hands requests to. */
export function createStandIn(
  options: FakeGitHubOptions,
  urls: StandInUrls,
): { github: StandInGitHub; handler: RequestHandler } {
  const repositoryId = options.repositoryId ?? DEFAULT_REPOSITORY_ID;
  let lastId = 0;
  const context: FakeContext = {
    owner: options.owner,
    repo: options.repo,
    appId: options.appId,
    appSlug: options.appSlug ?? APP_SLUG,
    installationId: options.installationId,
    repositories: [options.repo, ...(options.otherRepositories ?? [])].map((name, index) => ({
      id: repositoryId + index,
      name,
    })),
    installationPermissions: options.installationPermissions ?? INSTALLATION_PERMISSIONS,
    tokens: new TokenIssuer(options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS),
    graphqlTextLimit: options.graphqlTextLimit ?? DEFAULT_GRAPHQL_TEXT_LIMIT,
    filesCap: options.filesCap ?? DEFAULT_FILES_CAP,
    git: new GitReader(options.repoDir),
    checkRuns: [],
    comments: [],
    pulls: new Map(),
    reviews: [],
    issueEvents: [],
    teams: new Map(),
    collaborators: new Map(),
    nextId: () => ++lastId,
    ...urls,
  };
  const routes = [
    ...appRoutes(context),
    ...installationRoutes(context),
    ...gitDataRoutes(context),
    ...graphqlRoutes(context),
    ...pullRoutes(context),
    ...reviewRoutes(context),
    ...issueEventRoutes(context),
    ...peopleRoutes(context),
    ...compareRoutes(context),
    ...commitRoutes(context),
    ...checkRoutes(context),
    ...commentRoutes(context),
  ];
  const faults = new FaultInjector(options.installationId, options.faults);
  const scripted = new ScriptedFailures();
  const writeSpacing =
    options.minWriteIntervalMs === undefined ? undefined : new WriteSpacing(options.minWriteIntervalMs);
  const handler = new RequestHandler(context, routes, faults, scripted, writeSpacing);
  const fixtures = new Fixtures(context);

  const github: StandInGitHub = {
    requests: handler.requests,
    unserved: handler.unserved,
    checkRuns: context.checkRuns,
    comments: context.comments,
    pulls: context.pulls,
    reviews: context.reviews,
    issueEvents: context.issueEvents,
    tokensIssued: context.tokens.issued,
    faultsInjected: faults.injected,
    takeRequests: () => handler.requests.splice(0),
    openPull: (pull) => fixtures.openPull(pull),
    updatePull: (number) => fixtures.updatePull(number),
    setPullHead: (number, sha) => fixtures.setPullHead(number, sha),
    addReview: (number, review) => fixtures.addReview(number, review),
    dismissReview: (number, reviewId) => fixtures.dismissReview(number, reviewId),
    addLabel: (number, name, by) => fixtures.addLabel(number, name, by),
    removeLabel: (number, name, by) => fixtures.removeLabel(number, name, by),
    addTeamMember: (teamSlug, login, membership) => fixtures.addTeamMember(teamSlug, login, membership),
    setCollaborator: (login, role) => fixtures.setCollaborator(login, role),
    mergePull: (number, by) => fixtures.mergePull(number, by),
    addComment: (number, body, author) => fixtures.addComment(number, body, author),
    addCheckRun: (run) => fixtures.addCheckRun(run),
    issueInstallationToken: (request) =>
      context.tokens.issue(
        requestedScope(request, { repositories: context.repositories, permissions: context.installationPermissions }),
      ),
    setFaults: (plan) => faults.setPlan(plan),
    failNext: (method, pathPattern, status, times = 1, headers = {}) =>
      scripted.fail(method, pathPattern, status, times, headers),
    loseNextResponse: (method, pathPattern) => scripted.lose(method, pathPattern),
  };
  return { github, handler };
}

import type { GitReader } from './git.js';
import type { Permissions, TokenIssuer } from './tokens.js';

/** The app the stand-in serves unless told another (a test of the Action serves GitHub Actions' own app). */
export const APP_SLUG = 'data-contract-review';
export const APP_NAME = 'Data Contract Review';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';

export interface CheckRun {
  id: number;
  /** The app that created it: this app, or another for a run added with `addCheckRun`. */
  app_id: number;
  head_sha: string;
  name: string;
  status: CheckRunStatus;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  external_id: string | null;
  details_url: string | null;
  /** `annotations` holds every annotation sent, across the creation and all updates, as GitHub keeps them. */
  output: { title: string | null; summary: string | null; text: string | null; annotations: Annotation[] };
}

export interface CommentAuthor {
  login: string;
  type: 'User' | 'Bot';
}

export interface Comment {
  id: number;
  issue_number: number;
  body: string;
  user: CommentAuthor;
  /** The app that wrote the comment; `null` for a person's. */
  performed_via_github_app: { id: number } | null;
  created_at: string;
  updated_at: string;
}

/** How a pull request was merged. The stand-in writes no commit: the head is taken to have landed as it is. */
export interface MergeRecord {
  by: string;
  /** Epoch milliseconds. */
  at: number;
  commitSha: string;
}

export interface PullState {
  number: number;
  state: 'open' | 'closed';
  /** The login of whoever opened it. */
  author: string;
  baseRef: string;
  headRef: string;
  /** `owner/repo` of the repository the head branch lives in: another one for a pull request from a fork. */
  headRepoFullName: string;
  baseSha: string;
  headSha: string;
  /** Label names, in the order they were added. */
  labels: string[];
  /** Logins and team slugs asked for a review and yet to give one. */
  requestedReviewers: string[];
  requestedTeams: string[];
  merged?: MergeRecord;
  /** Epoch milliseconds, never the same for two pull requests or two changes: lists sort on them. */
  createdAt: number;
  /** Moved by each change of either SHA. */
  updatedAt: number;
}

/** A review's state as the REST API spells it; a webhook spells it in lower case. */
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface PullReview {
  id: number;
  pullNumber: number;
  login: string;
  state: ReviewState;
  /** The head the review was given on. */
  commitId: string;
  body: string;
  submittedAt: string;
}

/** The issue events the stand-in records: those a label, a review request or a merge leaves. */
export type IssueEventKind = 'labeled' | 'unlabeled' | 'review_requested' | 'merged' | 'closed';

export interface IssueEvent {
  id: number;
  issueNumber: number;
  event: IssueEventKind;
  actor: string;
  createdAt: string;
  label?: string;
  requestedReviewer?: string;
  requestedTeam?: string;
  /** The merge commit, on `merged` and `closed` after a merge. */
  commitId?: string;
}

/** A repository role, highest first; `maintain` and `triage` show as `write` and `read` in the legacy `permission`. */
export type RepositoryRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface TeamMembership {
  login: string;
  role: 'member' | 'maintainer';
  /** `pending`: invited, not yet a member. */
  state: 'active' | 'pending';
}

export interface RepositorySummary {
  id: number;
  name: string;
}

/** Where the stand-in is reached: the bases of the `url` and `html_url` fields of its answers. */
export interface StandInUrls {
  /** `https://api.github.com` through nock, `http://127.0.0.1:PORT/api/v3` on the loopback server. */
  apiUrl: string;
  /** `https://github.com` through nock, `http://127.0.0.1:PORT` on the loopback server. */
  webUrl: string;
}

/** Everything the routes share: the served repository, its identity and the state the fake keeps. */
export interface FakeContext extends StandInUrls {
  owner: string;
  repo: string;
  appId: number;
  /** The app's URL name; its bot writes as `<slug>[bot]`. */
  appSlug: string;
  installationId: number;
  /** The installation's repositories, all under `owner`: the served one first, then any it only names. */
  repositories: RepositorySummary[];
  installationPermissions: Permissions;
  tokens: TokenIssuer;
  graphqlTextLimit: number;
  filesCap: number;
  git: GitReader;
  checkRuns: CheckRun[];
  comments: Comment[];
  pulls: Map<number, PullState>;
  /** Every review submitted, oldest first. */
  reviews: PullReview[];
  /** Every issue event recorded, oldest first. */
  issueEvents: IssueEvent[];
  /** The teams of the owner organisation by slug, each with its memberships by lower-case login. */
  teams: Map<string, Map<string, TeamMembership>>;
  /** The repository's collaborators by lower-case login; anyone else has no access to the private repository. */
  collaborators: Map<string, { login: string; role: RepositoryRole }>;
  /** Ids come from one sequence, so a check run's id never passes for a comment's. */
  nextId(): number;
}

/** GitHub's timestamps: ISO 8601 to the second. */
export function timestamp(milliseconds = Date.now()): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A route path under the served repository, `suffix` a regular expression source such as `/pulls/(?<number>\d+)`. */
export function repoPath(context: FakeContext, suffix: string): RegExp {
  return new RegExp(`^/repos/${escapeRegExp(context.owner)}/${escapeRegExp(context.repo)}${suffix}$`);
}

export const repoApiUrl = (context: FakeContext): string => `${context.apiUrl}/repos/${context.owner}/${context.repo}`;

export const appSummary = (context: FakeContext) => ({
  id: context.appId,
  slug: context.appSlug,
  name: context.appSlug === APP_SLUG ? APP_NAME : context.appSlug,
});

/** The login the app's installation tokens write comments and requests under. */
export const botLogin = (context: FakeContext): string => `${context.appSlug}[bot]`;

/** A repository as GitHub lists one: in token responses and the installation's repository list. */
export function repositoryJson(context: FakeContext, repository: RepositorySummary): Record<string, unknown> {
  const fullName = `${context.owner}/${repository.name}`;
  return {
    id: repository.id,
    name: repository.name,
    full_name: fullName,
    private: true,
    owner: { login: context.owner, type: 'Organization' },
    html_url: `${context.webUrl}/${fullName}`,
    url: `${context.apiUrl}/repos/${fullName}`,
  };
}

/** GitHub logins are case-insensitive. */
export function sameLogin(first: string, second: string): boolean {
  return first.toLowerCase() === second.toLowerCase();
}

/** Records an issue event on the pull request `number`, at `at` (an ISO timestamp; default now). */
export function recordIssueEvent(
  context: FakeContext,
  number: number,
  event: IssueEventKind,
  actor: string,
  at: string | undefined,
  details: Pick<IssueEvent, 'label' | 'requestedReviewer' | 'requestedTeam' | 'commitId'> = {},
): IssueEvent {
  const recorded: IssueEvent = {
    id: context.nextId(),
    issueNumber: number,
    event,
    actor,
    createdAt: at ?? timestamp(),
    ...details,
  };
  context.issueEvents.push(recorded);
  return recorded;
}

/**
 * A user as GitHub embeds one in an answer or a payload. The stand-in keeps no accounts: the id is derived from the
 * login, so one user has one id everywhere.
 */
export function userJson(login: string, type: 'User' | 'Bot' = 'User'): Record<string, unknown> {
  return { login, id: stableId(login.toLowerCase()), type, site_admin: false };
}

/** A label as GitHub embeds one; the stand-in creates a repository's label on its first use, so only names matter. */
export function labelJson(apiUrl: string, owner: string, repo: string, name: string): Record<string, unknown> {
  return {
    id: stableId(`label:${name}`),
    url: `${apiUrl}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

/** FNV-1a: the same text, the same positive 31-bit id, in the answers and in the webhook payloads alike. */
export function stableId(text: string): number {
  let hash = 0x811c9dc5;
  for (const character of text) hash = Math.imul(hash ^ (character.codePointAt(0) ?? 0), 0x01000193);
  return (hash >>> 1) || 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

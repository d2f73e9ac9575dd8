import type { GitReader } from './git.js';
import type { Permissions, TokenIssuer } from './tokens.js';

export const APP_SLUG = 'data-contract-review';
export const APP_NAME = 'Data Contract Review';
export const BOT_LOGIN = `${APP_SLUG}[bot]`;

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

export interface PullState {
  number: number;
  state: 'open' | 'closed';
  baseRef: string;
  headRef: string;
  /** `owner/repo` of the repository the head branch lives in: another one for a pull request from a fork. */
  headRepoFullName: string;
  baseSha: string;
  headSha: string;
  /** Epoch milliseconds, never the same for two pull requests or two changes: lists sort on them. */
  createdAt: number;
  /** Moved by each change of either SHA. */
  updatedAt: number;
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

export const appSummary = (context: FakeContext) => ({ id: context.appId, slug: APP_SLUG, name: APP_NAME });

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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

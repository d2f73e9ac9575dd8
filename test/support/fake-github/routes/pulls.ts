import { type FakeContext, type PullState, labelJson, repoApiUrl, repoPath, timestamp, userJson } from '../context.js';
import type { ChangedFile } from '../git.js';
import { type Reply, type Route, type RouteRequest, errorReply, notFound, paginate, param, reply } from '../http.js';

const READ_PULLS = { permissions: ['pull_requests'], level: 'read' } as const;
const STATES = new Set(['open', 'closed', 'all']);

/** Pull requests and their files, all computed from the repository. */
export function pullRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/pulls'),
      credential: 'installation',
      requires: READ_PULLS,
      handle: (request) => listPulls(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/pulls/(?<number>\\d+)'),
      credential: 'installation',
      requires: READ_PULLS,
      handle: (request) => getPull(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/pulls/(?<number>\\d+)/files'),
      credential: 'installation',
      requires: READ_PULLS,
      handle: (request) => listPullFiles(context, request),
    },
  ];
}

/** Files changed on the head branch since it left the base: the diff from their merge base, as GitHub shows. */
async function pullFiles(context: FakeContext, pull: PullState): Promise<ChangedFile[]> {
  const mergeBase = await context.git.mergeBase(pull.baseSha, pull.headSha);
  if (!mergeBase) throw new Error(`pull request #${pull.number} shares no history with its base`);
  return context.git.changedFiles(mergeBase, pull.headSha);
}

/**
 * `state` (default `open`), `base` (a branch) and `head` (`owner:branch`) filter. `sort` is `created` (the default)
 * or `updated`; `direction` defaults, as on GitHub, to `desc` for `created` and to `asc` otherwise. No git work: a
 * list has none of a single pull's counts.
 */
function listPulls(context: FakeContext, request: RouteRequest): Reply {
  const state = request.query.get('state') ?? 'open';
  if (!STATES.has(state)) return errorReply(422, 'Validation Failed');
  const base = request.query.get('base');
  const head = request.query.get('head');
  const sort = request.query.get('sort') ?? 'created';
  const sortKey = sort === 'updated' ? 'updatedAt' : 'createdAt';
  const direction = request.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const pulls = [...context.pulls.values()]
    .filter(
      (pull) =>
        (state === 'all' || pull.state === state) &&
        (base === null || pull.baseRef === base) &&
        (head === null || `${ownerOf(pull.headRepoFullName)}:${pull.headRef}` === head),
    )
    .sort((first, second) => second[sortKey] - first[sortKey]);
  if (direction === 'asc') pulls.reverse();
  const { page, headers } = paginate(pulls, request);
  return reply(
    200,
    page.map((pull) => pullJson(context, pull)),
    headers,
  );
}

async function getPull(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const pull = context.pulls.get(Number(param(request, 'number')));
  if (!pull) return notFound();
  const files = await pullFiles(context, pull);
  const commits = await context.git.commitsBetween(pull.baseSha, pull.headSha);
  return reply(200, {
    ...pullJson(context, pull),
    merged: pull.merged !== undefined,
    merged_by: pull.merged ? userJson(pull.merged.by) : null,
    commits: commits.length,
    additions: sum(files, 'additions'),
    deletions: sum(files, 'deletions'),
    changed_files: files.length,
  });
}

/** The fields a pull request has both alone and in a list. */
export function pullJson(context: FakeContext, pull: PullState): Record<string, unknown> {
  const baseRepoFullName = `${context.owner}/${context.repo}`;
  return {
    url: `${repoApiUrl(context)}/pulls/${pull.number}`,
    html_url: `${context.webUrl}/${baseRepoFullName}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    title: `Pull request #${pull.number}`,
    user: userJson(pull.author),
    draft: false,
    labels: pull.labels.map((name) => labelJson(context.apiUrl, context.owner, context.repo, name)),
    requested_reviewers: pull.requestedReviewers.map((login) => userJson(login)),
    requested_teams: pull.requestedTeams.map((slug) => ({ slug, name: slug })),
    created_at: timestamp(pull.createdAt),
    updated_at: timestamp(pull.updatedAt),
    closed_at: pull.state === 'closed' ? timestamp(pull.merged?.at ?? pull.updatedAt) : null,
    merged_at: pull.merged ? timestamp(pull.merged.at) : null,
    merge_commit_sha: pull.merged?.commitSha ?? null,
    head: branchJson(pull.headRef, pull.headSha, pull.headRepoFullName, baseRepoFullName),
    base: branchJson(pull.baseRef, pull.baseSha, baseRepoFullName, baseRepoFullName),
  };
}

function branchJson(ref: string, sha: string, repoFullName: string, baseRepoFullName: string): Record<string, unknown> {
  const [ownerLogin = '', name = ''] = repoFullName.split('/');
  return {
    label: `${ownerLogin}:${ref}`,
    ref,
    sha,
    repo: { name, full_name: repoFullName, owner: { login: ownerLogin }, fork: repoFullName !== baseRepoFullName },
  };
}

const ownerOf = (repoFullName: string): string => repoFullName.split('/')[0] ?? '';

/** Paginated like GitHub, and like GitHub never past `filesCap` files however many changed. */
async function listPullFiles(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const pull = context.pulls.get(Number(param(request, 'number')));
  if (!pull) return notFound();
  const files = (await pullFiles(context, pull)).slice(0, context.filesCap);
  const { page, headers } = paginate(files, request);
  return reply(200, page.map(fileJson), headers);
}

export function fileJson(file: ChangedFile): Record<string, unknown> {
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    ...(file.previousFilename === undefined ? {} : { previous_filename: file.previousFilename }),
  };
}

function sum(files: ChangedFile[], field: 'additions' | 'deletions'): number {
  return files.reduce((total, file) => total + file[field], 0);
}

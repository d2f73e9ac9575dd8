import { type FakeContext, type PullState, repoApiUrl, repoPath } from '../context.js';
import type { ChangedFile } from '../git.js';
import { type Reply, type Route, type RouteRequest, notFound, paginate, param, reply } from '../http.js';

/** GitHub's compare lists at most 300 files and 250 commits. */
const COMPARE_FILES_LIMIT = 300;
const COMPARE_COMMITS_LIMIT = 250;

/** Pull requests, their files and commit comparisons, all computed from the repository. */
export function pullRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/pulls/(?<number>\\d+)'),
      credential: 'installation',
      handle: (request) => getPull(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/pulls/(?<number>\\d+)/files'),
      credential: 'installation',
      handle: (request) => listPullFiles(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/compare/(?<basehead>.+)'),
      credential: 'installation',
      handle: (request) => compare(context, request),
    },
  ];
}

/** Files changed on the head branch since it left the base: the diff from their merge base, as GitHub shows. */
async function pullFiles(context: FakeContext, pull: PullState): Promise<ChangedFile[]> {
  const mergeBase = await context.git.mergeBase(pull.baseSha, pull.headSha);
  if (!mergeBase) throw new Error(`pull request #${pull.number} shares no history with its base`);
  return context.git.changedFiles(mergeBase, pull.headSha);
}

async function getPull(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const pull = context.pulls.get(Number(param(request, 'number')));
  if (!pull) return notFound();
  const files = await pullFiles(context, pull);
  const commits = await context.git.commitsBetween(pull.baseSha, pull.headSha);
  const baseRepoFullName = `${context.owner}/${context.repo}`;
  return reply(200, {
    url: `${repoApiUrl(context)}/pulls/${pull.number}`,
    html_url: `${context.webUrl}/${baseRepoFullName}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    title: `Pull request #${pull.number}`,
    draft: false,
    merged: false,
    head: branchJson(pull.headRef, pull.headSha, pull.headRepoFullName, baseRepoFullName),
    base: branchJson(pull.baseRef, pull.baseSha, baseRepoFullName, baseRepoFullName),
    commits: commits.length,
    additions: sum(files, 'additions'),
    deletions: sum(files, 'deletions'),
    changed_files: files.length,
  });
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

/** Paginated like GitHub, and like GitHub never past `filesCap` files however many changed. */
async function listPullFiles(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const pull = context.pulls.get(Number(param(request, 'number')));
  if (!pull) return notFound();
  const files = (await pullFiles(context, pull)).slice(0, context.filesCap);
  const { page, headers } = paginate(files, request);
  return reply(200, page.map(fileJson), headers);
}

/** `base...head`: both branch names or SHAs. */
async function compare(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const [baseName, headName] = param(request, 'basehead').split('...');
  if (baseName === undefined || headName === undefined) return notFound();
  const base = await context.git.resolve(baseName, 'commit');
  const head = await context.git.resolve(headName, 'commit');
  const mergeBase = base && head ? await context.git.mergeBase(base, head) : undefined;
  if (!base || !head || !mergeBase) return notFound();
  const ahead = await context.git.commitsBetween(mergeBase, head);
  const behindBy = (await context.git.commitsBetween(mergeBase, base)).length;
  const files = await context.git.changedFiles(mergeBase, head);
  return reply(200, {
    url: `${repoApiUrl(context)}/compare/${baseName}...${headName}`,
    base_commit: { sha: base },
    merge_base_commit: { sha: mergeBase },
    status: compareStatus(ahead.length, behindBy),
    ahead_by: ahead.length,
    behind_by: behindBy,
    total_commits: ahead.length,
    commits: ahead.slice(0, COMPARE_COMMITS_LIMIT).map((sha) => ({ sha })),
    files: files.slice(0, COMPARE_FILES_LIMIT).map(fileJson),
  });
}

function compareStatus(aheadBy: number, behindBy: number): 'identical' | 'ahead' | 'behind' | 'diverged' {
  if (aheadBy === 0) return behindBy === 0 ? 'identical' : 'behind';
  return behindBy === 0 ? 'ahead' : 'diverged';
}

function fileJson(file: ChangedFile): Record<string, unknown> {
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

import { type FakeContext, repoApiUrl, repoPath } from '../context.js';
import { type Reply, type Route, type RouteRequest, notFound, param, reply } from '../http.js';
import { fileJson } from './pulls.js';

/** GitHub's compare lists at most 300 files and 250 commits. */
const COMPARE_FILES_LIMIT = 300;
const COMPARE_COMMITS_LIMIT = 250;

/** Commit comparisons, computed from the repository. */
export function compareRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/compare/(?<basehead>.+)'),
      credential: 'installation',
      requires: { permissions: ['contents'], level: 'read' },
      handle: (request) => compare(context, request),
    },
  ];
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

import { type FakeContext, repoApiUrl, repoPath, timestamp } from '../context.js';
import type { LoggedCommit, Signature } from '../git.js';
import { type Reply, type Route, type RouteRequest, notFound, paginate, reply } from '../http.js';

/** A repository's commit listing, from its history. */
export function commitRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/commits'),
      credential: 'installation',
      requires: { permissions: ['contents'], level: 'read' },
      handle: (request) => listCommits(context, request),
    },
  ];
}

/**
 * The commits behind `sha` (a branch or a SHA; the default branch without one), newest first, paginated; with `path`,
 * only those that changed something at or under it, as `git log -- path` lists them.
 */
async function listCommits(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const sha = await context.git.resolve(request.query.get('sha') ?? 'HEAD', 'commit');
  if (!sha) return notFound();
  const commits = await context.git.log(sha, request.query.get('path') ?? undefined);
  const { page, headers } = paginate(commits, request);
  return reply(
    200,
    page.map((commit) => commitJson(context, commit)),
    headers,
  );
}

function commitJson(context: FakeContext, commit: LoggedCommit): Record<string, unknown> {
  const url = (sha: string): string => `${repoApiUrl(context)}/commits/${sha}`;
  return {
    sha: commit.sha,
    url: url(commit.sha),
    html_url: `${context.webUrl}/${context.owner}/${context.repo}/commit/${commit.sha}`,
    commit: { message: commit.message, author: signatureJson(commit.author), committer: signatureJson(commit.committer) },
    parents: commit.parents.map((parent) => ({ sha: parent, url: url(parent) })),
  };
}

function signatureJson(signature: Signature): Record<string, unknown> {
  return { name: signature.name, email: signature.email, date: timestamp(signature.at) };
}

import { type FakeContext, repoApiUrl, repoPath } from '../context.js';
import type { TreeEntry } from '../git.js';
import { type Reply, type Route, type RouteRequest, notFound, param, reply } from '../http.js';

/** GitHub wraps a blob's base64 content in lines of 60 characters. */
const BASE64_LINE = /.{1,60}/g;

const READ_CONTENTS = { permissions: ['contents'], level: 'read' } as const;

/** Trees and blobs, the git database endpoints. */
export function gitDataRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/git/trees/(?<sha>[^/]+)'),
      credential: 'installation',
      requires: READ_CONTENTS,
      handle: (request) => getTree(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/git/blobs/(?<sha>[^/]+)'),
      credential: 'installation',
      requires: READ_CONTENTS,
      handle: (request) => getBlob(context, request),
    },
  ];
}

/** `:sha` names a tree or a commit; any value of `recursive` lists the whole tree, as on GitHub. */
async function getTree(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const treeSha = await context.git.resolve(param(request, 'sha'), 'tree');
  if (!treeSha) return notFound();
  const entries = await context.git.treeEntries(treeSha, request.query.has('recursive'));
  return reply(200, {
    sha: treeSha,
    url: `${repoApiUrl(context)}/git/trees/${treeSha}`,
    tree: entries.map((entry) => treeItem(context, entry)),
    truncated: false,
  });
}

function treeItem(context: FakeContext, entry: TreeEntry): Record<string, unknown> {
  const item: Record<string, unknown> = { path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha };
  if (entry.size !== undefined) item.size = entry.size;
  // A submodule's entry names a commit of another repository: GitHub gives it no URL.
  if (entry.type !== 'commit') item.url = `${repoApiUrl(context)}/git/${entry.type}s/${entry.sha}`;
  return item;
}

async function getBlob(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const sha = param(request, 'sha');
  const blob = (await context.git.readObjects([sha])).get(sha);
  if (blob?.type !== 'blob') return notFound();
  return reply(200, {
    sha,
    size: blob.content.length,
    url: `${repoApiUrl(context)}/git/blobs/${sha}`,
    content: (blob.content.toString('base64').match(BASE64_LINE) ?? []).map((line) => `${line}\n`).join(''),
    encoding: 'base64',
  });
}

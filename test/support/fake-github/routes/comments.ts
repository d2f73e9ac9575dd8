import { type Comment, type FakeContext, appSummary, botLogin, repoApiUrl, repoPath, timestamp } from '../context.js';
import {
  type Reply,
  type Route,
  type RouteRequest,
  ValidationError,
  notFound,
  objectFields,
  paginate,
  param,
  reply,
  requiredString,
} from '../http.js';

const MAX_BODY_CHARACTERS = 65536;
/** A pull request's conversation is its issue's: either permission lets a token at it. */
const READ = { permissions: ['issues', 'pull_requests'], level: 'read' } as const;
const WRITE = { permissions: ['issues', 'pull_requests'], level: 'write' } as const;

/** Issue comments on the pull requests: listed, written by the app, edited and deleted. */
export function commentRoutes(context: FakeContext): Route[] {
  const onIssue = repoPath(context, '/issues/(?<number>\\d+)/comments');
  const byId = repoPath(context, '/issues/comments/(?<id>\\d+)');
  const credential = 'installation';
  return [
    { method: 'GET', path: onIssue, credential, requires: READ, handle: (request) => list(context, request) },
    { method: 'POST', path: onIssue, credential, requires: WRITE, handle: (request) => create(context, request) },
    { method: 'PATCH', path: byId, credential, requires: WRITE, handle: (request) => edit(context, request) },
    { method: 'DELETE', path: byId, credential, requires: WRITE, handle: (request) => remove(context, request) },
  ];
}

function list(context: FakeContext, request: RouteRequest): Reply {
  const number = Number(param(request, 'number'));
  if (!context.pulls.has(number)) return notFound();
  const { page, headers } = paginate(
    context.comments.filter((comment) => comment.issue_number === number),
    request,
  );
  return reply(
    200,
    page.map((comment) => commentJson(context, comment)),
    headers,
  );
}

function create(context: FakeContext, request: RouteRequest): Reply {
  const number = Number(param(request, 'number'));
  if (!context.pulls.has(number)) return notFound();
  const now = timestamp();
  const comment: Comment = {
    id: context.nextId(),
    issue_number: number,
    body: commentBody(request.body),
    user: { login: botLogin(context), type: 'Bot' },
    performed_via_github_app: { id: context.appId },
    created_at: now,
    updated_at: now,
  };
  context.comments.push(comment);
  return reply(201, commentJson(context, comment));
}

function edit(context: FakeContext, request: RouteRequest): Reply {
  const comment = context.comments.find((candidate) => candidate.id === Number(param(request, 'id')));
  if (!comment) return notFound();
  comment.body = commentBody(request.body);
  comment.updated_at = timestamp();
  return reply(200, commentJson(context, comment));
}

function remove(context: FakeContext, request: RouteRequest): Reply {
  const index = context.comments.findIndex((candidate) => candidate.id === Number(param(request, 'id')));
  if (index === -1) return notFound();
  context.comments.splice(index, 1);
  return reply(204);
}

function commentBody(body: unknown): string {
  const text = requiredString(objectFields(body), 'body');
  if (text.length > MAX_BODY_CHARACTERS) {
    throw new ValidationError(`Validation Failed: Body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)`);
  }
  return text;
}

function commentJson(context: FakeContext, comment: Comment): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    url,
    html_url: `${context.webUrl}/${context.owner}/${context.repo}/pull/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(context)}/issues/${comment.issue_number}`,
    body: comment.body,
    user: comment.user,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    performed_via_github_app: comment.performed_via_github_app && {
      ...appSummary(context),
      id: comment.performed_via_github_app.id,
    },
  };
}

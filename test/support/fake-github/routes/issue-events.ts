import { type FakeContext, botLogin, type IssueEvent, appSummary, repoApiUrl, repoPath, userJson } from '../context.js';
import { type Reply, type Route, type RouteRequest, notFound, paginate, param, reply } from '../http.js';

/** A pull request's history is its issue's: either permission lets a token read it. */
const READ = { permissions: ['issues', 'pull_requests'], level: 'read' } as const;

/** A pull request's issue events, oldest first: who labelled it, asked for reviews, merged it, and when. */
export function issueEventRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/issues/(?<number>\\d+)/events'),
      credential: 'installation',
      requires: READ,
      handle: (request) => listEvents(context, request),
    },
  ];
}

function listEvents(context: FakeContext, request: RouteRequest): Reply {
  const number = Number(param(request, 'number'));
  if (!context.pulls.has(number)) return notFound();
  const { page, headers } = paginate(
    context.issueEvents.filter((event) => event.issueNumber === number),
    request,
  );
  return reply(
    200,
    page.map((event) => eventJson(context, event)),
    headers,
  );
}

/** GitHub's shape: a label is named by its name and colour only, a requested team by its slug. */
function eventJson(context: FakeContext, event: IssueEvent): Record<string, unknown> {
  const byApp = event.actor === botLogin(context);
  return {
    id: event.id,
    url: `${repoApiUrl(context)}/issues/events/${event.id}`,
    actor: userJson(event.actor, byApp ? 'Bot' : 'User'),
    event: event.event,
    commit_id: event.commitId ?? null,
    commit_url: event.commitId ? `${repoApiUrl(context)}/commits/${event.commitId}` : null,
    created_at: event.createdAt,
    performed_via_github_app: byApp ? appSummary(context) : null,
    ...(event.label === undefined ? {} : { label: { name: event.label, color: 'ededed' } }),
    ...(event.event === 'review_requested' ? { review_requester: userJson(event.actor, byApp ? 'Bot' : 'User') } : {}),
    ...(event.requestedReviewer === undefined ? {} : { requested_reviewer: userJson(event.requestedReviewer) }),
    ...(event.requestedTeam === undefined ? {} : { requested_team: { slug: event.requestedTeam, name: event.requestedTeam } }),
  };
}

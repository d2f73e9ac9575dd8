import {
  botLogin,
  type FakeContext,
  type PullReview,
  recordIssueEvent,
  repoApiUrl,
  repoPath,
  sameLogin,
  userJson,
} from '../context.js';
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
} from '../http.js';
import { pullJson } from './pulls.js';

const READ_PULLS = { permissions: ['pull_requests'], level: 'read' } as const;
const WRITE_PULLS = { permissions: ['pull_requests'], level: 'write' } as const;

/** A pull request's reviews, listed oldest first, and the reviews it asks of people and teams. */
export function reviewRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/pulls/(?<number>\\d+)/reviews'),
      credential: 'installation',
      requires: READ_PULLS,
      handle: (request) => listReviews(context, request),
    },
    {
      method: 'POST',
      path: repoPath(context, '/pulls/(?<number>\\d+)/requested_reviewers'),
      credential: 'installation',
      requires: WRITE_PULLS,
      handle: (request) => requestReviewers(context, request),
    },
  ];
}

function listReviews(context: FakeContext, request: RouteRequest): Reply {
  const number = Number(param(request, 'number'));
  if (!context.pulls.has(number)) return notFound();
  const { page, headers } = paginate(
    context.reviews.filter((review) => review.pullNumber === number),
    request,
  );
  return reply(
    200,
    page.map((review) => reviewJson(context, review)),
    headers,
  );
}

/**
 * Adds the people and teams to those asked, each once, with a `review_requested` event each time as the app's bot.
 * As on GitHub, the author cannot be asked, nor anyone without access to the repository, nor a team the
 * organisation does not have; any of them refuses the whole request.
 */
function requestReviewers(context: FakeContext, request: RouteRequest): Reply {
  const number = Number(param(request, 'number'));
  const pull = context.pulls.get(number);
  if (!pull) return notFound();
  const fields = objectFields(request.body);
  const reviewers = names(fields.reviewers, 'reviewers');
  const teams = names(fields.team_reviewers, 'team_reviewers');
  if (reviewers.length === 0 && teams.length === 0) {
    throw new ValidationError('Invalid request.\n\n"reviewers" or "team_reviewers" wasn\'t supplied.');
  }
  if (reviewers.some((login) => sameLogin(login, pull.author))) {
    throw new ValidationError('Review cannot be requested from pull request author.');
  }
  const strangers =
    reviewers.some((login) => !context.collaborators.has(login.toLowerCase())) ||
    teams.some((slug) => !context.teams.has(slug.toLowerCase()));
  if (strangers) {
    throw new ValidationError(
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${context.owner}/${context.repo} repository.`,
    );
  }
  for (const login of reviewers) {
    if (pull.requestedReviewers.some((requested) => sameLogin(requested, login))) continue;
    pull.requestedReviewers.push(login);
    recordIssueEvent(context, number, 'review_requested', botLogin(context), undefined, { requestedReviewer: login });
  }
  for (const slug of teams.map((team) => team.toLowerCase())) {
    if (pull.requestedTeams.includes(slug)) continue;
    pull.requestedTeams.push(slug);
    recordIssueEvent(context, number, 'review_requested', botLogin(context), undefined, { requestedTeam: slug });
  }
  return reply(201, pullJson(context, pull));
}

function names(value: unknown, label: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ValidationError(`Invalid request.\n\nFor '${label}', ${JSON.stringify(value)} is not an array of strings.`);
  }
  return value as string[];
}

function reviewJson(context: FakeContext, review: PullReview): Record<string, unknown> {
  const htmlUrl = `${context.webUrl}/${context.owner}/${context.repo}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApiUrl(context)}/pulls/${review.pullNumber}`;
  return {
    id: review.id,
    user: userJson(review.login),
    body: review.body,
    state: review.state,
    html_url: htmlUrl,
    pull_request_url: pullUrl,
    author_association: context.collaborators.has(review.login.toLowerCase()) ? 'COLLABORATOR' : 'NONE',
    _links: { html: { href: htmlUrl }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
  };
}

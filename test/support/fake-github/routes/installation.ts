import { type FakeContext, repositoryJson } from '../context.js';
import { type Reply, type Route, type RouteRequest, paginate, reply } from '../http.js';

/** What an installation token sees of its installation: the repositories it reaches. */
export function installationRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/installation\/repositories$/,
      credential: 'installation',
      requires: { permissions: ['metadata'], level: 'read' },
      handle: (request) => listRepositories(context, request),
    },
  ];
}

/** A token scoped to some repositories lists only those, as on GitHub. */
function listRepositories(context: FakeContext, request: RouteRequest): Reply {
  const scope = request.token?.repositories;
  const reachable = context.repositories.filter((repository) => !scope || scope.includes(repository.name));
  const { page, headers } = paginate(reachable, request);
  return reply(
    200,
    {
      total_count: reachable.length,
      repository_selection: 'selected',
      repositories: page.map((repository) => repositoryJson(context, repository)),
    },
    headers,
  );
}

import { type FakeContext, type RepositoryRole, repoPath, sameLogin, stableId, userJson } from '../context.js';
import { type Reply, type Route, type RouteRequest, notFound, param, reply } from '../http.js';

/** The legacy `permission` GitHub still sends beside `role_name`. */
const LEGACY_PERMISSION: Record<RepositoryRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};
const ROLES: readonly RepositoryRole[] = ['admin', 'maintain', 'write', 'triage', 'read'];

/** Who people are to the installation's organisation and repository: team memberships and repository roles. */
export function peopleRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/orgs\/(?<org>[^/]+)\/teams\/(?<team>[^/]+)\/memberships\/(?<username>[^/]+)$/,
      credential: 'installation',
      // An organisation permission: a token scoped to some repositories still reaches it.
      requires: { permissions: ['members'], level: 'read' },
      handle: (request) => teamMembership(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/collaborators/(?<username>[^/]+)/permission'),
      credential: 'installation',
      requires: { permissions: ['metadata'], level: 'read' },
      handle: (request) => collaboratorPermission(context, request),
    },
  ];
}

/**
 * 404 for anyone not in the team, as for a team the organisation does not have; the installation sees no other
 * organisation's teams. A pending membership (invited, not accepted) is listed as such.
 */
function teamMembership(context: FakeContext, request: RouteRequest): Reply {
  const org = param(request, 'org');
  const slug = param(request, 'team').toLowerCase();
  const membership = context.teams.get(slug)?.get(param(request, 'username').toLowerCase());
  if (!sameLogin(org, context.owner) || !membership) return notFound();
  return reply(200, {
    url: `${context.apiUrl}/organizations/${stableId(context.owner)}/team/${stableId(`${context.owner}/${slug}`)}/memberships/${membership.login}`,
    role: membership.role,
    state: membership.state,
  });
}

/** Someone without a role on the private repository has none: `none`, not a 404. */
function collaboratorPermission(context: FakeContext, request: RouteRequest): Reply {
  const username = param(request, 'username');
  const collaborator = context.collaborators.get(username.toLowerCase());
  const role = collaborator?.role;
  const at = role === undefined ? ROLES.length : ROLES.indexOf(role);
  return reply(200, {
    permission: role === undefined ? 'none' : LEGACY_PERMISSION[role],
    role_name: role ?? 'none',
    user: {
      ...userJson(collaborator?.login ?? username),
      permissions: {
        admin: at <= ROLES.indexOf('admin'),
        maintain: at <= ROLES.indexOf('maintain'),
        push: at <= ROLES.indexOf('write'),
        triage: at <= ROLES.indexOf('triage'),
        pull: at <= ROLES.indexOf('read'),
      },
      role_name: role ?? 'none',
    },
  });
}

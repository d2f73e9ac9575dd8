import { type FakeContext, appSummary, repositoryJson, sameLogin, timestamp } from '../context.js';
import { type Reply, type Route, type RouteRequest, notFound, paginate, param, reply } from '../http.js';
import { requestedScope } from '../tokens.js';

const INSTALLED_AT = '2024-01-01T00:00:00Z';
const EVENTS = ['check_run', 'check_suite', 'merge_group', 'pull_request', 'pull_request_review'];

/**
 * The endpoints an app calls with its JWT: itself, its installation, and tokens for the installation; and the app's
 * public page by its URL name, which any token reads (the Action learns its token's app there).
 */
export function appRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/app\/installations\/(?<installationId>\d+)\/access_tokens$/,
      credential: 'app',
      handle: (request) => createToken(context, request),
    },
    {
      method: 'GET',
      path: /^\/app\/installations$/,
      credential: 'app',
      handle: (request) => {
        const { page, headers } = paginate([installationJson(context)], request);
        return reply(200, page, headers);
      },
    },
    { method: 'GET', path: /^\/app$/, credential: 'app', handle: () => reply(200, appSummary(context)) },
    {
      method: 'GET',
      path: /^\/apps\/(?<slug>[^/]+)$/,
      // GitHub also answers a JWT or no credential for a public app; its callers here hold an installation token.
      credential: 'installation',
      handle: (request) => {
        const slug = param(request, 'slug');
        if (sameLogin(slug, context.appSlug)) return reply(200, appSummary(context));
        // Other apps exist only as `app-<id>`, the name the stand-in gives another app's check runs.
        const other = /^app-(\d+)$/.exec(slug);
        return other ? reply(200, { id: Number(other[1]), slug, name: `App ${other[1]}` }) : notFound();
      },
    },
  ];
}

/** A new token each time, scoped to the repositories and permissions asked for; `repositories` listed when asked. */
function createToken(context: FakeContext, request: RouteRequest): Reply {
  if (Number(param(request, 'installationId')) !== context.installationId) return notFound();
  const scope = requestedScope(request.body, {
    repositories: context.repositories,
    permissions: context.installationPermissions,
  });
  const issued = context.tokens.issue(scope);
  return reply(201, {
    token: issued.token,
    expires_at: timestamp(issued.expiresAt),
    permissions: issued.permissions,
    repository_selection: 'selected',
    ...(issued.repositories && {
      repositories: context.repositories
        .filter((repository) => issued.repositories?.includes(repository.name))
        .map((repository) => repositoryJson(context, repository)),
    }),
  });
}

function installationJson(context: FakeContext): Record<string, unknown> {
  const url = `${context.apiUrl}/app/installations/${context.installationId}`;
  return {
    id: context.installationId,
    account: { login: context.owner, type: 'Organization' },
    app_id: context.appId,
    app_slug: context.appSlug,
    target_type: 'Organization',
    repository_selection: 'selected',
    permissions: context.installationPermissions,
    events: EVENTS,
    access_tokens_url: `${url}/access_tokens`,
    repositories_url: `${context.apiUrl}/installation/repositories`,
    html_url: `${context.webUrl}/organizations/${context.owner}/settings/installations/${context.installationId}`,
    created_at: INSTALLED_AT,
    updated_at: INSTALLED_AT,
    suspended_at: null,
  };
}

import { type FakeContext, INSTALLATION_TOKEN, appSummary, timestamp } from '../context.js';
import { type Route, notFound, param, reply } from '../http.js';

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const INSTALLATION_PERMISSIONS = {
  checks: 'write',
  contents: 'read',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
};

/** The two endpoints an app calls with its JWT. */
export function appRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/app\/installations\/(?<installationId>\d+)\/access_tokens$/,
      credential: 'app',
      handle: (request) =>
        Number(param(request, 'installationId')) === context.installationId
          ? reply(201, {
              token: INSTALLATION_TOKEN,
              expires_at: timestamp(Date.now() + TOKEN_LIFETIME_MS),
              permissions: INSTALLATION_PERMISSIONS,
              repository_selection: 'selected',
            })
          : notFound(),
    },
    { method: 'GET', path: /^\/app$/, credential: 'app', handle: () => reply(200, appSummary(context)) },
  ];
}

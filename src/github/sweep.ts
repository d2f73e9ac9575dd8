import type { Logger } from 'pino';
import { CHECK_NAME } from './check-run.js';
import type { GitHubClients } from './client/installation-octokit.js';
import { describeError } from './errors.js';
import type { ReviewRequest } from './review-request.js';
import { parseExternalId } from './target.js';

export interface SweepOptions {
  appId: number;
  clients: GitHubClients;
  enqueue: (request: ReviewRequest) => Promise<void>;
  log: Logger;
  /** Open pull requests looked at per repository, newest first (default 100). */
  pullsPerRepository?: number;
}

/**
 * Finds the runs of this app that a process which died left in progress, on the heads of open pull requests, and
 * queues their reviews: the review takes the run over and completes it. Resolves to the number queued.
 */
export async function sweepRunsLeftInProgress(options: SweepOptions): Promise<number> {
  const { appId, clients, enqueue, log } = options;
  const app = clients.forApp();
  let queued = 0;
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const reader = clients.forInstallation(installation.id, log);
    try {
      const repositories = await reader.paginate(reader.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      for (const repository of repositories) {
        const { data: pulls } = await reader.rest.pulls.list({
          owner: repository.owner.login,
          repo: repository.name,
          state: 'open',
          sort: 'updated',
          direction: 'desc',
          per_page: options.pullsPerRepository ?? 100,
        });
        for (const pull of pulls) {
          const { data } = await reader.rest.checks.listForRef({
            owner: repository.owner.login,
            repo: repository.name,
            ref: pull.head.sha,
            check_name: CHECK_NAME,
            app_id: appId,
            filter: 'all',
          });
          const orphan = data.check_runs.find(
            (run) => run.app?.id === appId && run.status !== 'completed' && parseExternalId(run.external_id).pull === pull.number,
          );
          if (!orphan) continue;
          await enqueue({
            deliveryId: `sweep-${orphan.id}`,
            event: 'sweep.in_progress',
            installationId: installation.id,
            owner: repository.owner.login,
            repo: repository.name,
            htmlUrl: repository.html_url,
            subject: { kind: 'pull', number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha },
            fresh: false,
            receivedAt: Date.now(),
          });
          queued += 1;
        }
      }
    } catch (error) {
      log.error({ err: error, installationId: installation.id, reason: describeError(error) }, 'sweep of an installation failed');
    }
  }
  return queued;
}

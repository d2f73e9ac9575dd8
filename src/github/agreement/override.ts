import type { GitHubClient } from '../client/installation-octokit.js';

/** The override as the pull request shows it: who added the label and when, and whether their role allows it. */
export interface Override {
  by: string;
  at: string;
  /** Only someone who may change the repository's settings (admin or maintain) overrides the check. */
  allowed: boolean;
}

const OVERRIDING_ROLES = new Set(['admin', 'maintain']);

/**
 * The override label's latest addition to the pull request, when the pull request carries the label now: the
 * issue's events say who added it; the collaborator permission says whether that person may override.
 */
export async function overrideOf(
  octokit: GitHubClient,
  pull: { owner: string; repo: string; number: number },
  label: string,
  labels: readonly string[],
): Promise<Override | undefined> {
  if (!labels.some((name) => name.toLowerCase() === label.toLowerCase())) return undefined;
  const events = await octokit.paginate(octokit.rest.issues.listEvents, { owner: pull.owner, repo: pull.repo, issue_number: pull.number, per_page: 100 });
  const added = events.filter(
    (event) => event.event === 'labeled' && (event as { label?: { name?: string } }).label?.name?.toLowerCase() === label.toLowerCase(),
  );
  const last = added.at(-1);
  const by = last?.actor?.login;
  if (!last || !by) return undefined;
  const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: pull.owner, repo: pull.repo, username: by });
  const role = (data as { role_name?: string }).role_name ?? data.permission;
  return { by, at: last.created_at, allowed: OVERRIDING_ROLES.has(role) };
}

import type { GitHubClient } from '../client/installation-octokit.js';

/** A reviewer whose latest say on the pull request is an approval, on the commit it was given on. */
export interface Approval {
  login: string;
  commit: string;
}

/** Review states that replace a reviewer's earlier say; a comment leaves it as it was. */
const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/**
 * Every reviewer whose latest decisive review approves the pull request. A later request for changes, or the
 * approval being dismissed, takes it back, as on GitHub's own pull request page.
 */
export async function approvalsOf(octokit: GitHubClient, pull: { owner: string; repo: string; number: number }): Promise<Approval[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  // Keyed by the login as GitHub compares them (without case), shown as the user spells it.
  const latest = new Map<string, { login: string; state: string; commit: string }>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || !DECISIVE.has(review.state) || !review.commit_id) continue;
    latest.set(login.toLowerCase(), { login, state: review.state, commit: review.commit_id });
  }
  return [...latest.values()].filter((say) => say.state === 'APPROVED').map(({ login, commit }) => ({ login, commit }));
}

/**
 * Whether a GitHub user speaks for a contract's contact: the user named (`@jane`), or an active member of the team
 * named (`@acme/analytics`); `unknown` when the token may not read the team's members (an installation without
 * `members: read`, a workflow's own token). Team answers are kept for the review, so each pair costs one request at
 * most.
 */
export type SpeaksFor = boolean | 'unknown';

export function contactMatcher(octokit: GitHubClient): (contact: string, login: string) => Promise<SpeaksFor> {
  const answers = new Map<string, Promise<SpeaksFor>>();
  return (contact, login) => {
    const [org, team] = contact.replace(/^@/, '').split('/');
    if (team === undefined) return Promise.resolve(org!.toLowerCase() === login.toLowerCase());
    const key = `${contact.toLowerCase()} ${login.toLowerCase()}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = teamMember(octokit, org!, team, login);
      answers.set(key, answer);
    }
    return answer;
  };
}

async function teamMember(octokit: GitHubClient, org: string, team: string, login: string): Promise<SpeaksFor> {
  try {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login });
    return data.state === 'active';
  } catch (error) {
    const status = (error as { status?: number }).status;
    // Not a member, or a team this token cannot see: either way the user does not speak for it.
    if (status === 404) return false;
    // The token was not granted `members: read`: no team's membership can be seen.
    if (status === 403) return 'unknown';
    throw error;
  }
}

import type { GitHubClient } from './client/installation-octokit.js';
import { COMMENT_MARKER } from '../render/markdown.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

interface IssueComment {
  id: number;
  body?: string;
  created_at: string;
  user?: { login: string } | null;
  performed_via_github_app?: { id: number } | null;
}

/**
 * Whose comments are ours: the app's id, as GitHub names the app on the comments its tokens write; and, for a token
 * whose comments GitHub may not name the app on (the Actions token's), the bot login they are written under.
 */
export type Poster = number | { appId: number; login: string };

/**
 * Keeps exactly one comment of the app's on the pull request (danger-js's issue commenter is the model): found by
 * the hidden marker and the app's identity, edited only when its body changed, duplicates deleted.
 *
 * `decide` gets whether a comment exists and returns the body to show, or `undefined` to leave things as they are
 * (no comment is posted for a change that needs nobody's attention).
 */
export async function syncComment(
  octokit: GitHubClient,
  pull: PullRequestRef,
  poster: Poster,
  decide: (hasComment: boolean) => string | undefined,
): Promise<'created' | 'updated' | 'unchanged' | 'none'> {
  const ours = await ownComments(octokit, pull, poster);
  const body = decide(ours.length > 0);
  const [kept, ...duplicates] = ours;
  await deleteComments(octokit, pull, duplicates);
  if (body === undefined) return kept ? 'unchanged' : 'none';
  if (!kept) {
    // Two deliveries at once may both have found no comment and both created one: keep the oldest.
    const [, ...raced] = await createOnce(octokit, pull, poster, body);
    await deleteComments(octokit, pull, raced);
    return 'created';
  }
  if (kept.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ owner: pull.owner, repo: pull.repo, comment_id: kept.id, body });
  return 'updated';
}

const CREATE_ATTEMPTS = 3;

/**
 * Creates the comment, once: GitHub may create it and lose the answer, so after a failure the listing says whether
 * to try again. Resolves to the app's comments after the creation.
 */
async function createOnce(octokit: GitHubClient, pull: PullRequestRef, poster: Poster, body: string): Promise<IssueComment[]> {
  for (let attempt = 1; ; attempt += 1) {
    let failure: unknown;
    try {
      await octokit.rest.issues.createComment({ owner: pull.owner, repo: pull.repo, issue_number: pull.number, body });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== undefined && status < 500) throw error;
      failure = error;
    }
    const ours = await ownComments(octokit, pull, poster);
    if (ours.length > 0 || failure === undefined) return ours;
    if (attempt >= CREATE_ATTEMPTS) throw failure;
  }
}

/** The app's own comments on the pull request that carry `marker`, oldest first. */
export async function ownComments(octokit: GitHubClient, pull: PullRequestRef, poster: Poster, marker = COMMENT_MARKER): Promise<IssueComment[]> {
  const { appId, login } = typeof poster === 'number' ? { appId: poster, login: undefined } : poster;
  const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pull.owner,
    repo: pull.repo,
    issue_number: pull.number,
    per_page: 100,
  });
  return comments
    .filter((comment) => (comment.performed_via_github_app?.id === appId || (login !== undefined && comment.user?.login === login)) && comment.body?.startsWith(marker))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
}

async function deleteComments(octokit: GitHubClient, pull: PullRequestRef, comments: IssueComment[]): Promise<void> {
  for (const comment of comments) {
    try {
      await octokit.rest.issues.deleteComment({ owner: pull.owner, repo: pull.repo, comment_id: comment.id });
    } catch (error) {
      // A delivery racing this one may have deleted the same duplicate first.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
}

import type { GitHubClient } from '../github/client/installation-octokit.js';

/** The app a token acts as: its check runs carry the app's id, its comments are written as `<slug>[bot]`. */
export interface TokenIdentity {
  appId: number;
  login: string;
}

/**
 * The app the token acts as, from its public page (`GET /apps/{slug}`, which any token may read): a workflow's token
 * acts as GitHub Actions, whose id differs between github.com and each GitHub Enterprise Server. An installation
 * token cannot ask who it is (`GET /user` and `GET /app` are refused to it), so the slug is given.
 */
export async function tokenIdentity(octokit: GitHubClient, appSlug: string): Promise<TokenIdentity> {
  try {
    const { data } = await octokit.rest.apps.getBySlug({ app_slug: appSlug });
    if (!data) throw new Error(`GitHub did not describe the app "${appSlug}"`);
    return { appId: data.id, login: `${data.slug ?? appSlug}[bot]` };
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    throw new Error(`GitHub has no app called "${appSlug}": the \`app-slug\` input names the GitHub App whose token the \`token\` input is`, { cause: error });
  }
}

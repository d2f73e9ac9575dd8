/** What a workflow run tells the Action, read from the variables GitHub Actions sets and the step's inputs. */
export interface ActionSettings {
  token: string;
  /** `https://api.github.com`, or a GitHub Enterprise Server's `https://HOST/api/v3`. */
  apiUrl: string;
  owner: string;
  repo: string;
  /** The checkout the review reads: the `repo-dir` input, else the workspace. */
  checkout: string;
  eventName: string;
  eventPath: string;
  /** 1 for a workflow run's first attempt; more when someone re-ran it, which asks for a fresh review. */
  runAttempt: number;
  /** The app whose bot the token writes as: GitHub Actions' own for the workflow's token. */
  appSlug: string;
  /** The file whose markdown GitHub shows on the run's summary page, where the runner offers one. */
  summaryPath?: string;
  /** The job's id in the workflow: a job with the check's own name would show two checks of that name. */
  job?: string;
}

export class ActionSettingsError extends Error {
  override readonly name = 'ActionSettingsError';
}

/** The Actions token's app, `github-actions[bot]` on every comment it writes. */
const ACTIONS_APP_SLUG = 'github-actions';

/**
 * Reads the environment of a JavaScript action's step. Inputs arrive as `INPUT_<NAME>` (upper case, hyphens kept);
 * the token is the `token` input (action.yml defaults it to the workflow's token), or `GITHUB_TOKEN` in the step's
 * env where the input is set empty.
 */
export function actionSettings(env: NodeJS.ProcessEnv): ActionSettings {
  const token = input(env, 'token') ?? nonEmpty(env.GITHUB_TOKEN);
  if (!token) {
    throw new ActionSettingsError(
      'no GitHub token: pass one as the `token` input (it defaults to `${{ github.token }}`), or set GITHUB_TOKEN in the step\'s env',
    );
  }
  const [owner, repo, ...rest] = required(env, 'GITHUB_REPOSITORY').split('/');
  if (!owner || !repo || rest.length > 0) throw new ActionSettingsError(`GITHUB_REPOSITORY must read OWNER/REPO, not "${env.GITHUB_REPOSITORY}"`);
  const checkout = input(env, 'repo-dir') ?? nonEmpty(env.GITHUB_WORKSPACE);
  if (!checkout) throw new ActionSettingsError('GITHUB_WORKSPACE is not set and no `repo-dir` input names the checkout to review');
  const attempt = Number(nonEmpty(env.GITHUB_RUN_ATTEMPT) ?? '1');
  return {
    token,
    apiUrl: (nonEmpty(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, ''),
    owner,
    repo,
    checkout,
    eventName: required(env, 'GITHUB_EVENT_NAME'),
    eventPath: required(env, 'GITHUB_EVENT_PATH'),
    runAttempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    appSlug: input(env, 'app-slug') ?? ACTIONS_APP_SLUG,
    ...(nonEmpty(env.GITHUB_STEP_SUMMARY) ? { summaryPath: env.GITHUB_STEP_SUMMARY } : {}),
    ...(nonEmpty(env.GITHUB_JOB) ? { job: env.GITHUB_JOB } : {}),
  };
}

/** An input as the runner passes it: `INPUT_` and the name in upper case, spaces as underscores, hyphens kept. */
function input(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return nonEmpty(env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = nonEmpty(env[name]);
  if (!value) throw new ActionSettingsError(`${name} is not set: this runs as a step of a GitHub Actions workflow`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

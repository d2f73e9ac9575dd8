import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';
import type { CheckRun, Comment, PullState } from '../support/fake-github/context.js';
import { pullRequestPayload } from '../support/fake-github/webhooks.js';
import { createTempRepo, type FileChanges, type TempRepo } from '../git/temp-repo.js';
import { ORDERS_CONTRACT } from '../support/orders-contract.js';

/** The compiled entry action.yml names, run as the runner runs it: `node lib/action/main.js`. */
export const ENTRY = new URL('../../lib/action/main.js', import.meta.url).pathname;

/** GitHub Actions' app on github.com: the workflow's token acts as it, and writes as `github-actions[bot]`. */
export const ACTIONS_APP = { appId: 15368, appSlug: 'github-actions', login: 'github-actions[bot]' };
export const SHOP = { owner: 'acme', repo: 'shop', installationId: 1 };

export const BASE_FILES = {
  'contracts/orders.yaml': ORDERS_CONTRACT,
  'db/migrations/V1__orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  amount numeric(12,2) NOT NULL\n);\n',
  'src/app.ts': 'export {};\n',
};

/** What a workflow's `permissions` give its token for the review: GitHub adds `metadata: read` to any token. */
export const WORKFLOW_PERMISSIONS = { checks: 'write', contents: 'read', pull_requests: 'write', metadata: 'read' } as const;

/** Drops the column the blocking consumer relies on, on the migration's line 2. */
export const DROP_AMOUNT = { 'db/migrations/V2__drop_amount.sql': '-- no longer needed\nALTER TABLE orders DROP COLUMN amount;\n' };

/** The shop's repository and the stand-in GitHub serving it, where GitHub Actions' app is the one installed. */
export interface Workplace {
  repo: TempRepo;
  github: FakeGitHub;
  /** A token scoped as a workflow's `GITHUB_TOKEN` is with `checks: write`, `pull-requests: write`, `contents: read`. */
  token: string;
  base: string;
  close(): Promise<void>;
}

/** The shop's repository, its main branch one commit of `files` (by default the shop with its orders contract). */
export async function workplace(files: FileChanges = BASE_FILES, message = 'The shop with its orders contract'): Promise<Workplace> {
  const repo = await createTempRepo();
  const base = await repo.commit(files, message);
  const github = await startFakeGitHub({ repoDir: repo.dir, ...SHOP, appId: ACTIONS_APP.appId, appSlug: ACTIONS_APP.appSlug });
  const { token } = github.issueInstallationToken({
    repositories: [SHOP.repo],
    permissions: { ...WORKFLOW_PERMISSIONS },
  });
  return {
    repo,
    github,
    token,
    base,
    close: async () => {
      await github.close();
      await repo.remove();
    },
  };
}

/** A branch from main's first commit with `files` committed on it. */
export async function branch(place: Workplace, name: string, files: Record<string, string>): Promise<string> {
  await place.repo.git('checkout', '-q', '-b', name, place.base);
  const sha = await place.repo.commit(files, name);
  await place.repo.git('checkout', '-q', 'main');
  return sha;
}

export function pullEvent(action: Parameters<typeof pullRequestPayload>[0], pull: PullState, extra: { changes?: Record<string, unknown>; label?: string; sender?: string } = {}): object {
  return pullRequestPayload(action, { ...SHOP, ...pull, ...extra });
}

/** The check runs GitHub holds for a commit, oldest first. */
export function checkRunsOn(place: Workplace, sha: string): CheckRun[] {
  return place.github.checkRuns.filter((run) => run.head_sha === sha);
}

/** The comments on a pull request, oldest first. */
export function commentsOn(place: Workplace, number: number): Comment[] {
  return place.github.comments.filter((comment) => comment.issue_number === number);
}


export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What the step added to the run's summary page. */
  summary: string;
}

export interface RunOptions {
  eventName: string;
  payload: object;
  /** Variables to set or (undefined) to leave out, over the workflow's usual ones. */
  env?: Record<string, string | undefined>;
  /** The entry to run (default: the compiled one in lib/). */
  entry?: string;
  /** Called once the process is started, to signal it. */
  started?: (child: ReturnType<typeof execFile>) => void;
}

/**
 * Runs the compiled entry in a process of its own with the variables a runner sets for a JavaScript action's step:
 * the event's payload in a file, the workspace, the API URL, the token as the `token` input, a summary file. The
 * test's own environment lends only what any process needs (PATH, HOME, caches): no GITHUB_ variable leaks in.
 */
export async function runEntry(place: Workplace, options: RunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'dcr-action-'));
  try {
    const eventPath = join(dir, 'event.json');
    const summaryPath = join(dir, 'summary.md');
    await writeFile(eventPath, JSON.stringify(options.payload));
    await writeFile(summaryPath, '');
    const env: NodeJS.ProcessEnv = {
      ...inheritedEnvironment(),
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: `${SHOP.owner}/${SHOP.repo}`,
      GITHUB_WORKSPACE: place.repo.dir,
      GITHUB_API_URL: `${place.github.url}/api/v3`,
      GITHUB_SERVER_URL: place.github.url,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'review',
      GITHUB_STEP_SUMMARY: summaryPath,
      INPUT_TOKEN: place.token,
    };
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [options.entry ?? ENTRY], { env, timeout: 120_000 }, (error, out, err) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err });
      });
      options.started?.(child);
    });
    return { code, stdout, stderr, summary: await readFile(summaryPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(name)));
}

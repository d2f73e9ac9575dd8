import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '../../git/temp-repo.js';
import { seededRandom } from '../../support/fake-github/random.js';
import type { CheckRun, FakeGitHub, FaultKind } from '../../support/fake-github/server.js';
import { pullRequestPayload } from '../../support/fake-github/webhooks.js';
import { ORDERS_CONTRACT } from '../../support/orders-contract.js';
import { type AppProcess, sleep } from './app-process.js';
import { type Answer, type Delivery, percentile, type Sender, signed } from './deliveries.js';

/**
 * A burst of pushes over many pull requests, as a busy repository sends them: the scenario the burst and replica
 * end-to-end tests (and `npm run bench:burst`) drive against the app's server and the stand-in GitHub. Nothing here
 * asserts: it plans, sends, waits and measures, and lists what it found wrong for the tests to assert on.
 */

export const OWNER = 'acme';
export const REPO = 'shop';
export const APP_ID = 4242;
export const INSTALLATION_ID = 77;
export const WEBHOOK_SECRET = 'e2e-webhook-secret';
export const CHECK_NAME = 'data-contracts';

/** The migration each pull request changes with every push: it drops the contracted `amount`, or adds a column. */
const migrationOf = (pull: number) => `db/migrations/V100__pull_${pull}.sql`;

export interface BurstScale {
  pulls: number;
  /** Deliveries the burst sends in all: one per push, plus the same deliveries sent again. */
  deliveries: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** About how long the pushes are spread over, so reviews run while pushes still come. */
  spreadMs: number;
  /** Seeds the plan: which pull request gets which push, which heads break, which deliveries come twice. */
  seed: number;
}

/** Share of pushes whose delivery is sent twice at once (to one process, or one to each replica). */
const TWIN_SHARE = 0.08;
/** Share of pushes whose delivery is sent again later, as GitHub's "Redeliver" does. */
const REDELIVERY_SHARE = 0.06;
/** Share of pull requests whose next-to-last push is delivered after their newest: out of order. */
const LATE_SHARE = 0.33;
/** Chance that a push before the newest breaks the contract; the newest heads break in exactly half the PRs. */
const INTERMEDIATE_BREAKING_CHANCE = 0.35;

export interface Push {
  sha: string;
  /** Drops `amount`: the review must conclude `failure`; otherwise `success`. */
  breaking: boolean;
}

export interface PullPlan {
  number: number;
  branch: string;
  /** The head the pull request was opened with, before the burst (never delivered). */
  openedHead: string;
  /** The burst's pushes, oldest first: the last one is the newest head. */
  pushes: Push[];
  /** Commits pushed after the burst, one for each later round. */
  later: Push[];
}

export const newestOf = (pull: PullPlan): Push => pull.pushes[pull.pushes.length - 1] as Push;
export const conclusionOf = (push: Push): 'failure' | 'success' => (push.breaking ? 'failure' : 'success');

export interface BurstRepository {
  repo: TempRepo;
  mainSha: string;
  pulls: PullPlan[];
}

/**
 * The repository: a contract on `public.orders` and a few migrations on `main`, and one branch per pull request whose
 * commits each rewrite the pull request's own migration. Every commit is written by one `git fast-import`, so even a
 * thousand take a second.
 */
export async function createBurstRepository(scale: BurstScale, laterRounds: number): Promise<BurstRepository> {
  const random = seededRandom(scale.seed);
  const pushes = pushCount(scale);
  const counts = splitPushes(pushes, scale.pulls, random);
  const breakingNewest = new Set(shuffled(range(1, scale.pulls), random).slice(0, Math.floor(scale.pulls / 2)));

  const stream: string[] = [];
  let mark = 0;
  const commit = (ref: string, message: string, files: Record<string, string>, from?: number): number => {
    mark += 1;
    stream.push(`commit ${ref}`, `mark :${mark}`, `committer Test <test@example.com> ${1_700_000_000 + mark} +0000`, data(message));
    if (from !== undefined) stream.push(`from :${from}`);
    for (const [path, content] of Object.entries(files)) stream.push(`M 100644 inline ${path}`, data(content));
    return mark;
  };
  const main = commit('refs/heads/main', 'Shop', {
    'contracts/orders.yaml': ORDERS_CONTRACT,
    'db/migrations/V1__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL);\n',
    'db/migrations/V2__customers.sql': 'CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);\n',
    'db/migrations/V3__orders_customer.sql': 'ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);\n',
    'db/migrations/V4__invoices.sql': 'CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL);\n',
  });
  const planned: { number: number; branch: string; marks: { mark: number; breaking: boolean }[]; burst: number }[] = [];
  for (let number = 1; number <= scale.pulls; number += 1) {
    const branch = `pull-${number}`;
    const burst = counts[number - 1] as number;
    const marks: { mark: number; breaking: boolean }[] = [];
    for (let index = 0; index <= burst + laterRounds; index += 1) {
      // The opened head keeps the contract; the newest head and any later ones break it in the chosen half.
      const breaking = index === 0 ? false : index >= burst ? breakingNewest.has(number) : random() < INTERMEDIATE_BREAKING_CHANCE;
      const migration = breaking
        ? `ALTER TABLE orders DROP COLUMN amount;\n-- pull request ${number}, push ${index}\n`
        : `ALTER TABLE orders ADD COLUMN pull_${number}_${index} text;\n`;
      const files = { [migrationOf(number)]: migration, [`src/pull_${number}.ts`]: `export const push = ${index};\n` };
      marks.push({ mark: commit(`refs/heads/${branch}`, `Pull request ${number}, push ${index}`, files, index === 0 ? main : undefined), breaking });
    }
    planned.push({ number, branch, marks, burst });
  }

  const repo = await createTempRepo();
  const shas = await fastImport(repo.dir, `${stream.join('\n')}\n`);
  const sha = (m: number) => {
    const value = shas.get(m);
    if (!value) throw new Error(`git fast-import reported no commit for mark :${m}`);
    return value;
  };
  return {
    repo,
    mainSha: sha(main),
    pulls: planned.map(({ number, branch, marks, burst }) => ({
      number,
      branch,
      openedHead: sha(marks[0]!.mark),
      pushes: marks.slice(1, burst + 1).map(({ mark: m, breaking }) => ({ sha: sha(m), breaking })),
      later: marks.slice(burst + 1).map(({ mark: m, breaking }) => ({ sha: sha(m), breaking })),
    })),
  };
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}`;
}

async function fastImport(dir: string, stream: string): Promise<Map<number, string>> {
  const marksFile = join(dir, '.git', 'burst-marks');
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['-C', dir, 'fast-import', '--quiet', `--export-marks=${marksFile}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code}): ${stderr}`))));
    child.stdin.end(stream);
  });
  const marks = new Map<number, string>();
  for (const line of (await readFile(marksFile, 'utf8')).split('\n')) {
    const match = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
    if (match) marks.set(Number(match[1]), match[2] as string);
  }
  return marks;
}

function pushCount(scale: BurstScale): number {
  return Math.round(scale.deliveries / (1 + TWIN_SHARE + REDELIVERY_SHARE));
}

/** Every pull request gets two pushes at least; the rest go to pull requests drawn at random, some much busier. */
function splitPushes(pushes: number, pulls: number, random: () => number): number[] {
  if (pushes < 2 * pulls) throw new Error(`${pushes} pushes cannot give ${pulls} pull requests two each`);
  const counts = Array.from({ length: pulls }, () => 2);
  const weights = counts.map(() => 0.3 + random() * random() * 3);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  for (let left = pushes - 2 * pulls; left > 0; left -= 1) {
    let draw = random() * total;
    let index = 0;
    while (index < pulls - 1 && (draw -= weights[index] as number) >= 0) index += 1;
    counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** One sending of the burst: a push (its head moved, then delivered) or a later redelivery of a push's delivery. */
export interface Send {
  kind: 'push' | 'redelivery';
  pull: number;
  /** Index in the pull request's pushes. */
  push: number;
  sha: string;
  delivery: Delivery;
  /** A push whose delivery is sent twice at once. */
  twin: boolean;
  /**
   * A push whose delivery GitHub sends late: held back until the pull request's next push (this head) has been
   * delivered, so the app hears of the newer head first.
   */
  after?: string;
}

export function pushDelivery(repository: BurstRepository, pull: PullPlan, sha: string): Delivery {
  return signed(
    WEBHOOK_SECRET,
    'pull_request',
    pullRequestPayload('synchronize', {
      owner: OWNER,
      repo: REPO,
      installationId: INSTALLATION_ID,
      number: pull.number,
      headRef: pull.branch,
      headSha: sha,
      baseRef: 'main',
      baseSha: repository.mainSha,
    }),
  );
}

/**
 * The burst's sendings in order: the pull requests' pushes interleaved at random (each pull request's in order),
 * some delivered twice at once, some redelivered a little later with the same delivery id.
 */
export function planSends(repository: BurstRepository, scale: BurstScale): Send[] {
  const random = seededRandom(scale.seed * 7919 + 1);
  const remaining = repository.pulls.map((pull) => ({ pull, next: 0 }));
  const pushes: Send[] = [];
  for (let left = remaining.reduce((sum, entry) => sum + entry.pull.pushes.length, 0); left > 0; left -= 1) {
    let draw = Math.floor(random() * left);
    const entry = remaining.find((candidate) => (draw -= candidate.pull.pushes.length - candidate.next) < 0)!;
    const push = entry.pull.pushes[entry.next] as Push;
    pushes.push({ kind: 'push', pull: entry.pull.number, push: entry.next, sha: push.sha, delivery: pushDelivery(repository, entry.pull, push.sha), twin: false });
    entry.next += 1;
  }
  for (const pull of shuffled(repository.pulls, random).slice(0, Math.round(repository.pulls.length * LATE_SHARE))) {
    const late = pushes.find((send) => send.pull === pull.number && send.push === pull.pushes.length - 2);
    if (late) late.after = newestOf(pull).sha;
  }
  const twins = Math.round(pushes.length * TWIN_SHARE);
  for (const send of shuffled(pushes, random).slice(0, twins)) send.twin = true;
  const sends = [...pushes];
  const redeliveries = scale.deliveries - pushes.length - twins;
  for (const original of shuffled(pushes, random).slice(0, Math.max(0, redeliveries))) {
    const after = sends.indexOf(original);
    const at = Math.min(sends.length, after + 1 + Math.floor(random() * 3 * scale.concurrency));
    const { after: _held, ...delivery } = original;
    sends.splice(at, 0, { ...delivery, kind: 'redelivery', twin: false });
  }
  return sends;
}

/** One delivery sent once, and how it was answered. */
export interface SentRecord {
  deliveryId: string;
  pull: number;
  sha: string;
  /** `twin`: the second of two sent at once; `retry`: sent again elsewhere because the first got no answer. */
  kind: 'push' | 'twin' | 'redelivery' | 'retry';
  target: string;
  answer: Answer;
}

export interface BurstRunOptions {
  github: FakeGitHub;
  sender: Sender;
  sends: Send[];
  scale: BurstScale;
  /** The webhook base URL a sending goes to (its twin: `twinTarget`). */
  target: (send: Send, index: number) => string;
  twinTarget?: (send: Send, index: number) => string;
  /** Where to send again a delivery that got no answer (its process died), as GitHub's redelivery would. */
  fallback?: (failedTarget: string) => string | undefined;
  /** Awaited before each sending is taken: lets a test act at a chosen point of the burst. */
  beforeSend?: (index: number) => Promise<void> | void;
  /** Kept up to date with the deliveries awaiting an answer, by target. */
  inFlight?: Map<string, number>;
}

export interface BurstRun {
  records: SentRecord[];
  /** How late the sending process ran its callbacks during the burst, ms: its response times include such delays. */
  senderLoopDelayMs: { p99: number; max: number };
  /** When each pushed head was first delivered (epoch ms). */
  pushedAt: Map<string, number>;
  startedAt: number;
  endedAt: number;
}

/**
 * Sends the burst with `scale.concurrency` senders, each pausing at random between sendings so the burst lasts about
 * `scale.spreadMs`. A push moves its pull request's head on the stand-in first, in plan order, then delivers.
 */
export async function runBurst(options: BurstRunOptions): Promise<BurstRun> {
  const { github, sends, scale } = options;
  const random = seededRandom(scale.seed * 104729 + 3);
  const meanPauseMs = (scale.spreadMs / Math.max(1, sends.length)) * scale.concurrency;
  const records: SentRecord[] = [];
  const pushedAt = new Map<string, number>();
  const startedAt = Date.now();
  await options.sender.loopDelay();
  let next = 0;

  const inFlight = options.inFlight ?? new Map<string, number>();
  const tracked = async (target: string, delivery: Delivery): Promise<Answer> => {
    inFlight.set(target, (inFlight.get(target) ?? 0) + 1);
    try {
      return await options.sender.post(target, delivery);
    } finally {
      inFlight.set(target, (inFlight.get(target) ?? 1) - 1);
    }
  };
  const deliver = async (send: Send, target: string, kind: SentRecord['kind']): Promise<void> => {
    const answer = await tracked(target, send.delivery);
    records.push({ deliveryId: send.delivery.id, pull: send.pull, sha: send.sha, kind, target, answer });
    const elsewhere = answer.status === 0 ? options.fallback?.(target) : undefined;
    if (elsewhere) {
      const retried = await tracked(elsewhere, send.delivery);
      records.push({ deliveryId: send.delivery.id, pull: send.pull, sha: send.sha, kind: 'retry', target: elsewhere, answer: retried });
    }
  };
  // A push's first delivery answered, for the late deliveries held back until then.
  const delivered = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const deliveredOf = (sha: string) => {
    let entry = delivered.get(sha);
    if (!entry) {
      let resolve = () => undefined as void;
      const promise = new Promise<void>((done) => (resolve = done));
      entry = { promise, resolve };
      delivered.set(sha, entry);
    }
    return entry;
  };
  const late: Promise<void>[] = [];
  const sendOne = async (send: Send, index: number): Promise<void> => {
    const first = deliver(send, options.target(send, index), send.kind);
    const twin = send.twin ? deliver(send, (options.twinTarget ?? options.target)(send, index), 'twin') : undefined;
    await Promise.all([first, twin]);
    if (send.kind === 'push') deliveredOf(send.sha).resolve();
  };
  const sender = async (): Promise<void> => {
    for (;;) {
      await sleep(random() * 2 * meanPauseMs);
      await options.beforeSend?.(next);
      const index = next++;
      const send = sends[index];
      if (!send) return;
      if (send.kind === 'push') {
        // Synchronously with taking the sending, so heads move in plan order whatever the senders' timing.
        github.setPullHead(send.pull, send.sha);
        pushedAt.set(send.sha, Date.now());
      }
      if (send.after) late.push(deliveredOf(send.after).promise.then(() => sendOne(send, index)));
      else await sendOne(send, index);
    }
  };
  await Promise.all(Array.from({ length: scale.concurrency }, sender));
  await Promise.all(late);
  const senderLoopDelayMs = await options.sender.loopDelay();
  return { records, pushedAt, startedAt, endedAt: Date.now(), senderLoopDelayMs };
}

/** When the stand-in was first seen with each run of the app completed: polled, since it keeps no such time itself. */
export class CompletionWatch {
  readonly completedAt = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly github: FakeGitHub) {
    this.timer = setInterval(() => this.look(), 20);
  }

  look(): void {
    const now = Date.now();
    for (const run of this.github.checkRuns) {
      if (run.app_id === APP_ID && run.status === 'completed' && !this.completedAt.has(run.id)) this.completedAt.set(run.id, now);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.look();
  }
}

const ownRuns = (github: FakeGitHub, sha?: string): CheckRun[] =>
  github.checkRuns.filter((run) => run.app_id === APP_ID && run.name === CHECK_NAME && (sha === undefined || run.head_sha === sha));

/**
 * Waits until every head in `heads` has a completed run of the app, no run of the app is unfinished anywhere, and the
 * stand-in has had no request for `quietMs` (the comment follows the check). Resolves either way once `timeoutMs`
 * has passed: the caller asserts on what is there.
 */
export async function settle(github: FakeGitHub, heads: string[], options: { timeoutMs: number; quietMs?: number }): Promise<{ settled: boolean; at: number }> {
  const quietMs = options.quietMs ?? 3000;
  const started = Date.now();
  let lastCount = -1;
  let lastChange = Date.now();
  for (;;) {
    if (github.requests.length !== lastCount) {
      lastCount = github.requests.length;
      lastChange = Date.now();
    }
    const done =
      heads.every((sha) => ownRuns(github, sha).some((run) => run.status === 'completed')) &&
      ownRuns(github).every((run) => run.status === 'completed');
    if (done && Date.now() - lastChange >= quietMs) return { settled: true, at: lastChange };
    if (Date.now() - started > options.timeoutMs) return { settled: false, at: Date.now() };
    await sleep(100);
  }
}

/** What the app left on the stand-in, as lines naming what is wrong: empty when all is as it must be. */
export interface Findings {
  /** Newest heads without exactly one completed run of the app concluding as the head's contract says. */
  heads: string[];
  /** Runs of the app left queued or in progress, on any commit. */
  unfinished: string[];
  /** Pull requests with more than one comment of the app. */
  duplicateComments: string[];
}

export function inspect(github: FakeGitHub, pulls: PullPlan[], newest: (pull: PullPlan) => Push, apps: AppProcess[]): Findings {
  const heads = pulls.flatMap((pull) => {
    const head = newest(pull);
    const runs = ownRuns(github, head.sha);
    const expected = conclusionOf(head);
    if (runs.length === 1 && runs[0]!.status === 'completed' && runs[0]!.conclusion === expected) return [];
    const summary = runs.at(-1)?.output.summary;
    const said = summary ? `\n  its check says: ${summary.slice(0, 1500).replaceAll('\n', '\n    ')}` : '';
    return [`#${pull.number} newest head ${head.sha.slice(0, 7)} (expected ${expected}): ${describeRuns(runs)}${said}\n${evidence(github, pull, apps)}`];
  });
  const unfinished = ownRuns(github)
    .filter((run) => run.status !== 'completed')
    .map((run) => {
      const pull = pulls.find((candidate) => [...candidate.pushes, ...candidate.later].some((push) => push.sha === run.head_sha));
      const heads = pull ? [...pull.pushes, ...pull.later] : [];
      const index = heads.findIndex((push) => push.sha === run.head_sha);
      return `run ${run.id} on ${run.head_sha.slice(0, 7)} (#${pull?.number ?? '?'}, push ${index + 1} of ${heads.length}) is ${run.status}: ${run.output.title ?? ''}\n${pull ? evidence(github, pull, apps) : ''}`;
    });
  const byPull = new Map<number, number>();
  for (const comment of github.comments) {
    if (comment.performed_via_github_app?.id === APP_ID) byPull.set(comment.issue_number, (byPull.get(comment.issue_number) ?? 0) + 1);
  }
  const duplicateComments = [...byPull].filter(([, count]) => count > 1).map(([number, count]) => `#${number} has ${count} comments of the app`);
  return { heads, unfinished, duplicateComments };
}

function describeRuns(runs: CheckRun[]): string {
  if (runs.length === 0) return 'no run of the app';
  return runs.map((run) => `run ${run.id} ${run.status}/${run.conclusion ?? '-'} "${run.output.title ?? ''}"`).join('; ');
}

/** A pull request's story for a failure message: its heads' runs, and what the servers logged about it. */
function evidence(github: FakeGitHub, pull: PullPlan, apps: AppProcess[]): string {
  const heads = [...pull.pushes, ...pull.later].map((push, index) => {
    const runs = ownRuns(github, push.sha);
    return `    push ${index + 1} ${push.sha.slice(0, 7)} ${conclusionOf(push)}: ${describeRuns(runs)}`;
  });
  const logLines = apps.flatMap((app) =>
    app
      .entries()
      .filter((entry) => entry.pullRequest === pull.number || (typeof entry.key === 'string' && entry.key.endsWith(`#${pull.number}`)))
      .map((entry) => `    [${app.label}] ${String(entry.time ?? '')} ${entry.msg ?? ''} ${String(entry.commit ?? '').slice(0, 7)} ${entry.reason ?? entry.checkRunId ?? ''}`),
  );
  return [...heads, '  log:', ...logLines.slice(-25)].join('\n');
}

export interface Figures {
  deliveries: number;
  distinctDeliveries: number;
  /** Answers by status: 202 accepted, 200 duplicate, 0 none. */
  statuses: Record<string, number>;
  responseMs: { p50: number; p99: number; max: number };
  senderLoopDelayMs: { p99: number; max: number };
  /** From the newest head's first delivery to the stand-in holding its run completed. */
  pushToCheckMs: { p50: number; p95: number; max: number };
  burstMs: number;
  settleMs: number;
  reviewsStarted: number;
  comments: CommentFigures;
  /** What the servers logged during the burst, by message: the paths the reviews took. */
  logged: Record<string, number>;
  runsCreated: number;
  githubRequests: number;
  requestsPerReview: number;
  faults: Record<FaultKind, number>;
}

export function figures(options: {
  run: BurstRun;
  github: FakeGitHub;
  pulls: PullPlan[];
  watch: CompletionWatch;
  apps: AppProcess[];
  requestsBefore: number;
  runsBefore: number;
  settleMs: number;
  /** Per app, how many log entries it had before the burst. */
  entriesBefore: number[];
}): Figures {
  const { run, github, pulls, watch, apps } = options;
  const statuses: Record<string, number> = {};
  for (const record of run.records) statuses[record.answer.status] = (statuses[record.answer.status] ?? 0) + 1;
  const answered = run.records.filter((record) => record.answer.status !== 0).map((record) => record.answer.ms);
  const pushToCheck = pulls.flatMap((pull) => {
    const head = newestOf(pull);
    const sent = run.pushedAt.get(head.sha);
    const completed = ownRuns(github, head.sha)
      .map((candidate) => watch.completedAt.get(candidate.id))
      .filter((at): at is number => at !== undefined);
    return sent === undefined || completed.length === 0 ? [] : [Math.min(...completed) - sent];
  });
  const logged: Record<string, number> = {};
  apps.forEach((app, index) => {
    for (const entry of app.entries().slice(options.entriesBefore[index] ?? 0)) {
      if (!entry.msg || entry.msg === 'webhook ignored: this delivery was taken already') continue;
      // Octokit logs each failed request as "METHOD URL - STATUS with id ..."; counted by method and status.
      const failed = /^([A-Z]+) \S+ - (\d+) with id/.exec(entry.msg);
      const message = failed ? `(octokit) ${failed[1]} answered ${failed[2]}` : entry.msg;
      logged[message] = (logged[message] ?? 0) + 1;
    }
  });
  const reviewsStarted = logged['review started'] ?? 0;
  const comments = commentFigures(github, pulls);
  const githubRequests = github.requests.length - options.requestsBefore;
  return {
    deliveries: run.records.length,
    distinctDeliveries: new Set(run.records.map((record) => record.deliveryId)).size,
    statuses,
    responseMs: { p50: percentile(answered, 0.5), p99: percentile(answered, 0.99), max: Math.max(...answered) },
    senderLoopDelayMs: run.senderLoopDelayMs,
    pushToCheckMs: { p50: percentile(pushToCheck, 0.5), p95: percentile(pushToCheck, 0.95), max: Math.max(...pushToCheck) },
    burstMs: run.endedAt - run.startedAt,
    settleMs: options.settleMs,
    reviewsStarted,
    comments,
    logged,
    runsCreated: ownRuns(github).length - options.runsBefore,
    githubRequests,
    requestsPerReview: githubRequests / Math.max(1, reviewsStarted),
    faults: { ...github.faultsInjected },
  };
}

export interface CommentFigures {
  /** Pull requests whose comment of the app names their newest head. */
  current: number;
  /** Pull requests whose comment of the app names an older head: the last review could not update it. */
  stale: number[];
  /** Pull requests whose newest head fails with no comment of the app: the last review could not post it. */
  missing: number[];
}

/** The sticky comments: the app keeps one per pull request, and a failing head is always worth one. */
export function commentFigures(github: FakeGitHub, pulls: PullPlan[]): CommentFigures {
  const figures: CommentFigures = { current: 0, stale: [], missing: [] };
  for (const pull of pulls) {
    const ours = github.comments.filter((comment) => comment.issue_number === pull.number && comment.performed_via_github_app?.id === APP_ID);
    const head = newestOf(pull);
    if (ours.length === 0 && head.breaking) figures.missing.push(pull.number);
    else if (ours.some((comment) => comment.body.includes(head.sha.slice(0, 7)))) figures.current += 1;
    else if (ours.length > 0) figures.stale.push(pull.number);
  }
  return figures;
}

export function describeFigures(title: string, value: Figures, pulls: number): string {
  const faults = Object.entries(value.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return [
    `${title}`,
    `  deliveries:            ${value.deliveries} sent (${value.distinctDeliveries} distinct) over ${pulls} pull requests in ${(value.burstMs / 1000).toFixed(1)} s; answers ${JSON.stringify(value.statuses)}`,
    `  webhook response:      p50 ${value.responseMs.p50.toFixed(1)} ms, p99 ${value.responseMs.p99.toFixed(1)} ms, max ${value.responseMs.max.toFixed(1)} ms ` +
      `(the sending process's own event-loop delay: p99 ${value.senderLoopDelayMs.p99.toFixed(0)} ms, max ${value.senderLoopDelayMs.max.toFixed(0)} ms)`,
    `  push to completed check (newest heads): p50 ${(value.pushToCheckMs.p50 / 1000).toFixed(1)} s, p95 ${(value.pushToCheckMs.p95 / 1000).toFixed(1)} s, max ${(value.pushToCheckMs.max / 1000).toFixed(1)} s`,
    `  settled:               ${(value.settleMs / 1000).toFixed(1)} s after the burst began`,
    `  reviews started:       ${value.reviewsStarted}; check runs created: ${value.runsCreated}`,
    `  GitHub requests:       ${value.githubRequests} in all, ${value.requestsPerReview.toFixed(1)} per review started`,
    `  faults injected:       ${faults || 'none'}`,
    `  comments of the app:   ${value.comments.current} name the newest head; stale on ${JSON.stringify(value.comments.stale)}, missing on failing ${JSON.stringify(value.comments.missing)}`,
    `  server log, by message:`,
    ...Object.entries(value.logged)
      .sort(([, a], [, b]) => b - a)
      .map(([message, count]) => `    ${String(count).padStart(5)}  ${message}`),
  ].join('\n');
}

export interface IntakeFigures {
  deliveries: number;
  concurrency: number;
  accepted: number;
  statuses: Record<string, number>;
  ms: number;
  perMinute: number;
  responseMs: { p50: number; p99: number; max: number };
}

/**
 * Intake: signed deliveries fired as fast as `concurrency` senders can, each a new delivery (fresh id) of a push to
 * a pull request's current head. The app only verifies, records and queues them; the reviews they queue collapse
 * per pull request and find the head reviewed already.
 */
export async function measureIntake(
  sender: Sender,
  app: AppProcess,
  repository: BurstRepository,
  heads: Map<number, string>,
  options: { deliveries: number; concurrency: number },
): Promise<IntakeFigures> {
  const templates = repository.pulls.map((pull) => pushDelivery(repository, pull, heads.get(pull.number) ?? newestOf(pull).sha));
  const { answers, ms } = await sender.flood(app.baseUrl, templates, options.deliveries, options.concurrency);
  const statuses: Record<string, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const times = answers.filter((answer) => answer.status !== 0).map((answer) => answer.ms);
  const accepted = statuses['202'] ?? 0;
  return {
    deliveries: options.deliveries,
    concurrency: options.concurrency,
    accepted,
    statuses,
    ms,
    perMinute: (accepted / ms) * 60_000,
    responseMs: { p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: Math.max(...times) },
  };
}

export interface RoundFigures {
  pulls: number;
  githubRequests: number;
  requestsPerReview: number;
  pushToCheckMs: { p50: number; p95: number };
  settled: boolean;
}

/**
 * One push to each of `pulls` (their next later commit), each delivered once, waited for until settled: with faults
 * off, the requests the stand-in received divided by the reviews is what a review costs.
 */
export async function pushRound(
  sender: Sender,
  github: FakeGitHub,
  app: AppProcess,
  repository: BurstRepository,
  pulls: PullPlan[],
  round: number,
  watch: CompletionWatch,
  timeoutMs: number,
): Promise<RoundFigures> {
  const before = github.requests.length;
  const sentAt = new Map<string, number>();
  await Promise.all(
    pulls.map(async (pull) => {
      const push = pull.later[round] as Push;
      github.setPullHead(pull.number, push.sha);
      sentAt.set(push.sha, Date.now());
      const answer = await sender.post(app.baseUrl, pushDelivery(repository, pull, push.sha));
      if (answer.status !== 202) throw new Error(`push to #${pull.number} answered ${answer.status} ${answer.error ?? ''}`);
    }),
  );
  const { settled } = await settle(github, pulls.map((pull) => (pull.later[round] as Push).sha), { timeoutMs, quietMs: 1500 });
  watch.look();
  const times = pulls.flatMap((pull) => {
    const sha = (pull.later[round] as Push).sha;
    const completed = ownRuns(github, sha).map((run) => watch.completedAt.get(run.id)).filter((at): at is number => at !== undefined);
    return completed.length === 0 ? [] : [Math.min(...completed) - (sentAt.get(sha) as number)];
  });
  const githubRequests = github.requests.length - before;
  return {
    pulls: pulls.length,
    githubRequests,
    requestsPerReview: githubRequests / pulls.length,
    pushToCheckMs: { p50: percentile(times, 0.5), p95: percentile(times, 0.95) },
    settled,
  };
}

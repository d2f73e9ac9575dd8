import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, type FaultKind, type FaultPlan, startFakeGitHub } from '../support/fake-github/server.js';
import { type AppProcess, startAppProcess } from './support/app-process.js';
import { Sender } from './support/deliveries.js';
import {
  APP_ID,
  type BurstRepository,
  type BurstScale,
  CompletionWatch,
  conclusionOf,
  createBurstRepository,
  describeFigures,
  type Figures,
  figures,
  INSTALLATION_ID,
  inspect,
  type IntakeFigures,
  measureIntake,
  newestOf,
  OWNER,
  planSends,
  pushRound,
  REPO,
  type RoundFigures,
  runBurst,
  settle,
  WEBHOOK_SECRET,
} from './support/burst.js';

/**
 * One server process (in-process queue) takes a burst of pushes over dozens of pull requests while the stand-in
 * GitHub fails about one request in ten (5xx, lost responses, secondary limits and 429s with retry-after, slow
 * answers). Deliveries come concurrently, some twice at once, some again later with the same id, and for a third of
 * the pull requests the next-to-last push is delivered after the newest. Whatever the order and however often they
 * come, each pull request's newest head ends with exactly one completed check concluding as its contract says
 * (the newest heads of half the pull requests drop the contracted `amount`), nothing of the app is left in
 * progress, and no pull request has two comments of the app.
 *
 * `BURST_SCALE=full` (what `npm run bench:burst` runs) makes it bigger and writes its figures to `BURST_REPORT`.
 */
const FULL = process.env.BURST_SCALE === 'full';
const SCALE: BurstScale = FULL
  ? { pulls: Number(process.env.BURST_PULLS) || 40, deliveries: Number(process.env.BURST_DELIVERIES) || 1100, concurrency: 16, spreadMs: 60_000, seed: 7 }
  : { pulls: 24, deliveries: 300, concurrency: 12, spreadMs: 20_000, seed: 7 };
const INTAKE = FULL ? { deliveries: 2000, concurrency: 50 } : { deliveries: 200, concurrency: 20 };
/** Pull requests pushed to once more, faults off, to count the requests one review costs. */
const ROUND_PULLS = FULL ? SCALE.pulls : 8;

/** Seeded: the same requests fault every run. App-JWT requests (token exchanges) never fault: the default. */
const FAULTS: FaultPlan = {
  rate: 0.1,
  kinds: { error: 2, 'lost-response': 2, 'secondary-limit': 1, 'rate-limit': 1, slow: 2 },
  seed: 11,
  retryAfterSeconds: 1,
  slowMs: 1500,
};

const SETTLE_TIMEOUT_MS = FULL ? 480_000 : 150_000;

let repository: BurstRepository;
let github: FakeGitHub;
let app: AppProcess;
let watch: CompletionWatch;
let sender: Sender;
const report: { scale: BurstScale; burst?: Figures; intake?: IntakeFigures; faultFree?: RoundFigures; peakRssBytes?: number } = { scale: SCALE };

beforeAll(async () => {
  repository = await createBurstRepository(SCALE, 1);
  github = await startFakeGitHub({ repoDir: repository.repo.dir, owner: OWNER, repo: REPO, appId: APP_ID, installationId: INSTALLATION_ID });
  for (const pull of repository.pulls) {
    await github.openPull({ number: pull.number, baseRef: 'main', headRef: pull.branch });
    github.setPullHead(pull.number, pull.openedHead);
  }
  app = await startAppProcess({
    github,
    appId: APP_ID,
    privateKey: createAppPrivateKey(),
    webhookSecret: WEBHOOK_SECRET,
    env: {
      DCR_REVIEW_CONCURRENCY: '4',
      // GitHub asks for a second between an installation's writes, and the app keeps to it by default. The stand-in
      // enforces no spacing (no `minWriteIntervalMs`), so 20 ms keeps the spacing code at work without making a
      // burst of hundreds of reviews take many minutes; the faults stand in for GitHub's refusals.
      DCR_GITHUB_WRITE_INTERVAL_MS: '20',
    },
  });
  watch = new CompletionWatch(github);
  sender = Sender.start();
}, 120_000);

afterAll(async () => {
  watch?.stop();
  sender?.close();
  report.peakRssBytes = app?.peakRssBytes();
  if (report.peakRssBytes !== undefined) console.log(`server peak resident memory (VmHWM): ${(report.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`);
  if (process.env.BURST_REPORT) writeFileSync(process.env.BURST_REPORT, JSON.stringify(report, null, 2));
  await app?.stop();
  await github?.close();
  await repository?.repo.remove();
}, 60_000);

describe('a burst of pushes over many pull requests, with GitHub failing now and then', () => {
  it('leaves every newest head exactly one completed check with the right conclusion, and answers every delivery at once', async () => {
    const requestsBefore = github.requests.length;
    const runsBefore = github.checkRuns.length;
    const entriesBefore = [app.entries().length];
    github.setFaults(FAULTS);
    const sends = planSends(repository, SCALE);
    const run = await runBurst({ github, sender, sends, scale: SCALE, target: () => app.baseUrl });
    const { settled, at } = await settle(github, repository.pulls.map((pull) => newestOf(pull).sha), { timeoutMs: SETTLE_TIMEOUT_MS });
    watch.look();
    const burst = figures({ run, github, pulls: repository.pulls, watch, apps: [app], requestsBefore, runsBefore, settleMs: at - run.startedAt, entriesBefore });
    report.burst = burst;
    console.log(describeFigures(`Burst, one process, ${FAULTS.rate * 100}% faults:`, burst, SCALE.pulls));

    const found = inspect(github, repository.pulls, newestOf, [app]);
    expect(found.heads).toEqual([]);
    expect(found.unfinished).toEqual([]);
    expect(found.duplicateComments).toEqual([]);
    expect(settled).toBe(true);

    // Every delivery answered 2xx; each delivery id accepted (202) exactly once, its other copies taken as duplicates.
    expect(run.records.filter((record) => record.answer.status < 200 || record.answer.status >= 300)).toEqual([]);
    const accepted = new Map<string, number>();
    for (const record of run.records) accepted.set(record.deliveryId, (accepted.get(record.deliveryId) ?? 0) + (record.answer.status === 202 ? 1 : 0));
    expect([...accepted].filter(([, count]) => count !== 1)).toEqual([]);
    expect(burst.deliveries).toBe(SCALE.deliveries);
    expect(burst.distinctDeliveries).toBeLessThan(burst.deliveries);
    // Answered at once: the reviews run behind the queue (answers that waited for reviews would take seconds each).
    // 1 s is generous; on a machine so busy that even the sending process stalled, its longest stall is added.
    expect(burst.responseMs.p99).toBeLessThan(1000 + burst.senderLoopDelayMs.max);

    // The faults were there: each kind of the plan was dealt at least once.
    expect((Object.keys(FAULTS.kinds) as FaultKind[]).filter((kind) => github.faultsInjected[kind] === 0)).toEqual([]);
  }, SETTLE_TIMEOUT_MS + 60_000);

  it('takes deliveries as fast as they come, and queues no second review of a reviewed head', async () => {
    github.setFaults(undefined);
    await settle(github, [], { timeoutMs: 30_000, quietMs: 1500 });
    const runsBefore = github.checkRuns.length;
    const heads = new Map(repository.pulls.map((pull) => [pull.number, newestOf(pull).sha]));
    const intake = await measureIntake(sender, app, repository, heads, INTAKE);
    report.intake = intake;
    console.log(
      `Intake: ${intake.accepted} of ${intake.deliveries} deliveries accepted in ${(intake.ms / 1000).toFixed(1)} s with ${intake.concurrency} senders: ` +
        `${Math.round(intake.perMinute).toLocaleString('en')} per minute; response p50 ${intake.responseMs.p50.toFixed(1)} ms, p99 ${intake.responseMs.p99.toFixed(1)} ms`,
    );
    expect(intake.statuses).toEqual({ 202: INTAKE.deliveries });

    const { settled } = await settle(github, [], { timeoutMs: 60_000, quietMs: 1500 });
    expect(settled).toBe(true);
    expect(github.checkRuns.length).toBe(runsBefore);
  }, 120_000);

  it('costs a handful of GitHub requests per review when nothing fails', async () => {
    github.setFaults(undefined);
    const pulls = repository.pulls.slice(0, ROUND_PULLS);
    const round = await pushRound(sender, github, app, repository, pulls, 0, watch, 120_000);
    report.faultFree = round;
    console.log(
      `Fault-free round: ${round.pulls} pushes to ${round.pulls} pull requests, ${round.githubRequests} GitHub requests: ` +
        `${round.requestsPerReview.toFixed(1)} per review; push to completed check p50 ${(round.pushToCheckMs.p50 / 1000).toFixed(1)} s, p95 ${(round.pushToCheckMs.p95 / 1000).toFixed(1)} s`,
    );
    const found = inspect(github, pulls, (pull) => pull.later[0]!, [app]);
    expect(found.heads).toEqual([]);
    expect(found.unfinished).toEqual([]);
    expect(found.duplicateComments).toEqual([]);
    expect(round.settled).toBe(true);
    expect(pulls.map((pull) => conclusionOf(pull.later[0]!))).toContain('failure');
    expect(round.requestsPerReview).toBeLessThanOrEqual(20);
  }, 150_000);
});

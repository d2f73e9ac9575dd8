import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, type FaultKind, type FaultPlan, startFakeGitHub } from '../support/fake-github/server.js';
import { type AppProcess, startAppProcess, until } from './support/app-process.js';
import { Sender } from './support/deliveries.js';
import {
  APP_ID,
  type BurstRepository,
  type BurstScale,
  CompletionWatch,
  createBurstRepository,
  describeFigures,
  figures,
  INSTALLATION_ID,
  inspect,
  newestOf,
  OWNER,
  planSends,
  REPO,
  runBurst,
  settle,
  WEBHOOK_SECRET,
} from './support/burst.js';

/**
 * Two replicas of the server share one Redis: deliveries go to either, some to both; one replica is killed
 * (SIGKILL) in the middle of the burst, with reviews under way. The other takes its work over and finishes
 * everything: each newest head ends with exactly one completed check, nothing is left in progress.
 *
 * Needs Redis: DCR_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379). Without it the suite is skipped, except in CI
 * (CI set), where it fails: a replica test that silently does not run proves nothing.
 */
const CONFIGURED_URL = process.env.DCR_TEST_REDIS_URL;
const REDIS_URL = CONFIGURED_URL && isolatedDatabase(CONFIGURED_URL);

const SCALE: BurstScale = { pulls: 16, deliveries: 200, concurrency: 10, spreadMs: 24_000, seed: 13 };
const FAULTS: FaultPlan = {
  rate: 0.05,
  kinds: { error: 2, 'lost-response': 2, 'secondary-limit': 1, 'rate-limit': 1, slow: 2 },
  seed: 5,
  retryAfterSeconds: 1,
  slowMs: 1500,
};
/** Where in the burst the first replica dies. */
const KILL_AT = Math.floor(SCALE.deliveries * 0.4);
/**
 * The server gives bullmq no lock or stalled-check settings, so a dead replica's work waits for the defaults: its
 * locks expire after 30 s and the survivor looks for stalled jobs every 30 s. Whatever the survivor has not finished
 * 75 s after the kill (60 s of waiting, 15 s of reviewing) it never will.
 */
const TAKEOVER_MS = 75_000;
/** The longest the test waits for the burst to settle, with the first replica not yet killed. */
const SETTLE_TIMEOUT_MS = 150_000;

/**
 * The queue's and the delivery log's keys are fixed (`bull:data-contracts-reviews:*`, `dcr:*`) and app.e2e uses them
 * too: unless the URL names a database, this test keeps to database 3, so another jest worker running app.e2e at the
 * same time cannot take this test's jobs (or the other way round).
 */
function isolatedDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/3';
  return parsed.toString();
}

if (!REDIS_URL && process.env.CI) {
  describe('replicas sharing Redis', () => {
    it('runs in CI', () => {
      throw new Error('DCR_TEST_REDIS_URL is not set: CI must run the replica test against Redis, not skip it');
    });
  });
}

(REDIS_URL ? describe : describe.skip)('two replicas sharing Redis, one killed in the middle of a burst', () => {
  let repository: BurstRepository;
  let github: FakeGitHub;
  let first: AppProcess;
  let second: AppProcess;
  let watch: CompletionWatch;
  let sender: Sender;

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL!);
    try {
      // Start from no queue, delivery or limit state: what the test finds there is these servers' doing.
      const stale = [...(await redis.keys('dcr:*')), ...(await redis.keys('bull:data-contracts-reviews:*'))];
      if (stale.length > 0) await redis.del(...stale);
    } finally {
      redis.disconnect();
    }
    repository = await createBurstRepository(SCALE, 0);
    github = await startFakeGitHub({ repoDir: repository.repo.dir, owner: OWNER, repo: REPO, appId: APP_ID, installationId: INSTALLATION_ID });
    for (const pull of repository.pulls) {
      await github.openPull({ number: pull.number, baseRef: 'main', headRef: pull.branch });
      github.setPullHead(pull.number, pull.openedHead);
    }
    const privateKey = createAppPrivateKey();
    const env = {
      REDIS_URL: REDIS_URL!,
      DCR_REVIEW_CONCURRENCY: '4',
      // The stand-in enforces no write spacing (no `minWriteIntervalMs`): 20 ms keeps the shared spacing at work
      // without a burst of reviews taking minutes. GitHub itself asks for 1 s, the app's default.
      DCR_GITHUB_WRITE_INTERVAL_MS: '20',
    };
    [first, second] = await Promise.all([
      startAppProcess({ github, appId: APP_ID, privateKey, webhookSecret: WEBHOOK_SECRET, env, label: 'replica-1' }),
      startAppProcess({ github, appId: APP_ID, privateKey, webhookSecret: WEBHOOK_SECRET, env, label: 'replica-2' }),
    ]);
    watch = new CompletionWatch(github);
    sender = Sender.start();
  }, 120_000);

  afterAll(async () => {
    watch?.stop();
    sender?.close();
    await first?.kill();
    await second?.stop();
    await github?.close();
    await repository?.repo.remove();
  }, 60_000);

  it('reviews each newest head once, the survivor finishing what the dead replica had started', async () => {
    const requestsBefore = github.requests.length;
    const runsBefore = github.checkRuns.length;
    const entriesBefore = [first.entries().length, second.entries().length];
    github.setFaults(FAULTS);
    const sends = planSends(repository, SCALE);
    const inFlight = new Map<string, number>();
    let firstRetired = false;
    let killed: { at: number; leftInProgress: number[] } | undefined;
    const other = (url: string) => (url === first.baseUrl ? second.baseUrl : first.baseUrl);
    // Alternate between the replicas; a twin goes to the other one, so the same delivery reaches both at once.
    const target = (_send: unknown, index: number) => (firstRetired || index % 2 === 1 ? second.baseUrl : first.baseUrl);

    const run = await runBurst({
      github,
      sender,
      sends,
      scale: SCALE,
      inFlight,
      target,
      twinTarget: (send, index) => (firstRetired ? second.baseUrl : other(target(send, index))),
      fallback: (failed) => (failed === first.baseUrl ? second.baseUrl : undefined),
      beforeSend: async (index) => {
        if (index !== KILL_AT || firstRetired) return;
        // No new delivery for the first replica, and none of its deliveries left unanswered: the kill is to
        // interrupt reviews, not the taking of a delivery (that window is a separate matter, see the report).
        firstRetired = true;
        await until('the first replica to answer its deliveries', () => ((inFlight.get(first.baseUrl) ?? 0) === 0 ? true : undefined), { intervalMs: 5 });
        const runsUnderWay = () =>
          first
            .entries()
            .filter((entry) => entry.msg === 'review started')
            .map((entry) => entry.checkRunId as number)
            .filter((id) => github.checkRuns.some((candidate) => candidate.id === id && candidate.status !== 'completed'));
        await until('the first replica to be in the middle of a review', () => (runsUnderWay().length > 0 ? true : undefined), {
          intervalMs: 10,
          timeoutMs: 30_000,
        });
        await first.kill();
        killed = { at: Date.now(), leftInProgress: runsUnderWay() };
      },
    });
    const timeoutMs = killed ? Math.max(30_000, killed.at + TAKEOVER_MS - Date.now()) : SETTLE_TIMEOUT_MS;
    const { settled, at } = await settle(github, repository.pulls.map((pull) => newestOf(pull).sha), { timeoutMs });
    watch.look();
    const burst = figures({ run, github, pulls: repository.pulls, watch, apps: [first, second], requestsBefore, runsBefore, settleMs: at - run.startedAt, entriesBefore });
    const perReplica = [first, second].map((app) => `${app.label} accepted ${run.records.filter((record) => record.target === app.baseUrl && record.answer.status === 202).length}`);
    console.log(
      `${describeFigures(`Burst, two replicas on Redis, ${FAULTS.rate * 100}% faults:`, burst, SCALE.pulls)}\n` +
        `  ${perReplica.join(', ')}; replica-1 killed ${killed ? `${((killed.at - run.startedAt) / 1000).toFixed(1)} s into the burst, leaving runs ${JSON.stringify(killed.leftInProgress)} in progress` : 'never'}`,
    );

    expect(killed?.leftInProgress.length).toBeGreaterThan(0);
    const found = inspect(github, repository.pulls, newestOf, [first, second]);
    expect(found.heads).toEqual([]);
    expect(found.unfinished).toEqual([]);
    expect(found.duplicateComments).toEqual([]);
    expect(settled).toBe(true);

    // Every delivery answered 2xx, and each delivery id accepted (202) exactly once across both replicas.
    expect(run.records.filter((record) => record.answer.status < 200 || record.answer.status >= 300)).toEqual([]);
    const accepted = new Map<string, number>();
    for (const record of run.records) accepted.set(record.deliveryId, (accepted.get(record.deliveryId) ?? 0) + (record.answer.status === 202 ? 1 : 0));
    expect([...accepted].filter(([, count]) => count !== 1)).toEqual([]);
    expect(run.records.filter((record) => record.kind === 'twin' && record.target !== run.records.find((other) => other.deliveryId === record.deliveryId && other.kind === 'push')?.target).length).toBeGreaterThan(0);
    // Answered at once: the reviews run behind the queue (answers that waited for reviews would take seconds each).
    // 1 s is generous; on a machine so busy that even the sending process stalled, its longest stall is added.
    expect(burst.responseMs.p99).toBeLessThan(1000 + burst.senderLoopDelayMs.max);
    expect((Object.keys(FAULTS.kinds) as FaultKind[]).filter((kind) => github.faultsInjected[kind] === 0)).toEqual([]);
  }, SETTLE_TIMEOUT_MS + 60_000);
});

import { pino } from 'pino';
import { Probot } from 'probot';
import type { Replayer } from '../../../src/assets/postgres/replayer.js';
import { memoryReviewStore } from '../../../src/github/agreement/review-store.js';
import { dataContractsApp } from '../../../src/github/app.js';
import { createCaches } from '../../../src/github/caches.js';
import { GitHubClients } from '../../../src/github/client/installation-octokit.js';
import { memoryLimits } from '../../../src/github/client/limits.js';
import { reviewJob, type ReviewRequest } from '../../../src/github/review-request.js';
import { processReview, RunsUnderWay, type WorkerDependencies } from '../../../src/github/review-worker.js';
import { memoryRunLedger } from '../../../src/github/run-ledger.js';
import { InProcessQueue } from '../../../src/queue/in-process.js';
import { testExtractors } from '../../support/extractors.js';
import { createAppPrivateKey } from '../../support/fake-github/app-key.js';

export const APP_ID = 1;

const privateKey = createAppPrivateKey();

/** The app as `npm start` wires it, with its queue in process; `receive` resolves once the queue is idle again. */
export interface TestApp {
  receive(event: Parameters<Probot['receive']>[0]): Promise<void>;
  /** The review requests the app queued, in order. */
  queued: ReviewRequest[];
}

export async function loadApp(replayer: Replayer, overrides: Partial<WorkerDependencies> = {}): Promise<TestApp> {
  const log = pino({ level: 'silent' });
  const queue = new InProcessQueue<ReviewRequest>();
  const queued: ReviewRequest[] = [];
  const enqueue = async (request: ReviewRequest) => {
    queued.push(request);
    await queue.add(reviewJob(request));
  };
  const dependencies: WorkerDependencies = {
    appId: APP_ID,
    extractors: testExtractors(replayer),
    caches: createCaches(),
    // No write spacing and no back-off: nock answers at once, and the tests count requests, not time.
    clients: new GitHubClients({ appId: APP_ID, privateKey, limits: memoryLimits({ writeIntervalMs: 0 }), log, backoffMs: 1 }),
    log,
    enqueue,
    underWay: new RunsUnderWay(),
    ledger: memoryRunLedger(),
    reviews: memoryReviewStore(),
    ...overrides,
  };
  queue.process((job, context) => processReview(job, context, dependencies), { concurrency: 2 });
  const probot = new Probot({ appId: APP_ID, privateKey, log });
  await probot.load(dataContractsApp({ appId: APP_ID, enqueue }), { addHandler: () => {}, cwd: process.cwd() });
  return {
    queued,
    async receive(event) {
      await probot.receive(event);
      await queue.idle();
    },
  };
}

import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Probot } from 'probot';
import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { BullMQQueue } from '../queue/bullmq.js';
import { InProcessQueue } from '../queue/in-process.js';
import type { WorkQueue } from '../queue/queue.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { createEngine } from '../review/engine.js';
import { memoryReviewStore, redisReviewStore } from './agreement/review-store.js';
import { dataContractsApp } from './app.js';
import { createCaches } from './caches.js';
import { GitHubClients } from './client/installation-octokit.js';
import { memoryLimits, redisLimits } from './client/limits.js';
import { memoryDeliveryLog, redisDeliveryLog } from './deliveries.js';
import { serverSettings } from './environment.js';
import { type ReviewRequest, reviewJob } from './review-request.js';
import { processReview, RunsUnderWay } from './review-worker.js';
import { memoryRunLedger, redisRunLedger } from './run-ledger.js';
import { sweepRunsLeftInProgress } from './sweep.js';
import { webhookReceiver } from './webhook-receiver.js';

/**
 * `npm start`: the app's HTTP server. Webhooks are verified, taken once and queued; reviews run from the queue (on
 * Redis when REDIS_URL is set, shared by every replica; in this process otherwise). Logs are JSON, and whatever
 * could carry a secret is redacted before it is written.
 */
const log = pino({
  name: 'data-contract-review',
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: ['headers.authorization', '*.headers.authorization', 'err.request.headers.authorization', 'err.response.headers.authorization', 'token', '*.token', 'privateKey', 'secret'],
    censor: '[redacted]',
  },
});

// `.env` beside the process, as Probot's own start reads it; the environment's own values come first.
if (existsSync('.env')) process.loadEnvFile('.env');
const settings = serverSettings(process.env);
const redis = settings.redisUrl ? new Redis(settings.redisUrl, { maxRetriesPerRequest: null }) : undefined;
const onQueueError = (job: { key: string } | undefined, error: unknown) => log.error({ err: error, key: job?.key }, 'review queue: a job failed');
const queue: WorkQueue<ReviewRequest> = settings.redisUrl
  ? new BullMQQueue<ReviewRequest>({ connection: settings.redisUrl, onError: onQueueError })
  : new InProcessQueue<ReviewRequest>({ onError: onQueueError });
const enqueue = (request: ReviewRequest) => queue.add(reviewJob(request));

const clients = new GitHubClients({
  appId: settings.appId,
  privateKey: settings.privateKey,
  baseUrl: settings.baseUrl,
  limits: redis ? redisLimits(redis, { writeIntervalMs: settings.writeIntervalMs }) : memoryLimits({ writeIntervalMs: settings.writeIntervalMs }),
  log,
});
const engine = createEngine({ registry: registryFromEnvironment(process.env), ...mysqlServerFromEnvironment(process.env) });
const underWay = new RunsUnderWay();
const dependencies = {
  appId: settings.appId,
  extractors: engine.extractors,
  caches: createCaches(),
  reviewTimeoutMs: settings.reviewTimeoutMs,
  clients,
  log,
  enqueue,
  underWay,
  ledger: redis ? redisRunLedger(redis) : memoryRunLedger(),
  reviews: redis ? redisReviewStore(redis) : memoryReviewStore(),
  ...(settings.notifyWebhookUrl ? { notifyWebhookUrl: settings.notifyWebhookUrl } : {}),
};

const probot = new Probot({ appId: settings.appId, privateKey: settings.privateKey, secret: settings.webhookSecret, baseUrl: settings.baseUrl, log });
await probot.load(dataContractsApp({ appId: settings.appId, enqueue }), { cwd: process.cwd(), addHandler: () => undefined });
const receiveWebhook = webhookReceiver({
  secret: settings.webhookSecret,
  path: settings.webhookPath,
  deliveries: redis ? redisDeliveryLog(redis) : memoryDeliveryLog(),
  receive: (delivery) => probot.receive(delivery as Parameters<typeof probot.receive>[0]),
  log,
});

let ready = false;
const server = createServer((request, response) => {
  if (receiveWebhook(request, response)) return;
  const path = request.url?.split('?')[0];
  if (request.method === 'GET' && (path === '/healthz' || path === '/readyz')) {
    const ok = path === '/healthz' || ready;
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
});
server.listen(settings.port, settings.host, () => log.info({ host: settings.host, port: settings.port, queue: redis ? 'redis' : 'in-process' }, 'listening'));

/** The embedded Postgres is started ahead of the first review; reviews are taken once it is warm. */
async function warmUp(attempt = 1): Promise<void> {
  try {
    await engine.warmUp();
    ready = true;
    log.info('embedded Postgres is warm');
    queue.process((job, context) => processReview(job, context, dependencies), { concurrency: settings.concurrency });
    const queued = await sweepRunsLeftInProgress({ appId: settings.appId, clients, enqueue, log }).catch((error: unknown) => {
      log.error({ err: error }, 'sweep for runs left in progress failed');
      return 0;
    });
    log.info({ queued }, 'sweep for runs left in progress done');
  } catch (error) {
    const delaySeconds = Math.min(60, 5 * attempt);
    log.error({ err: error, delaySeconds }, 'embedded Postgres failed to start; trying again');
    setTimeout(() => void warmUp(attempt + 1), delaySeconds * 1000).unref();
  }
}
void warmUp();

/**
 * Stopping takes no new delivery and no new job, lets the reviews under way finish for a while, then hands the rest
 * back (to another replica through Redis, or fails their checks with a reason): no check is left in progress.
 */
process.once('SIGTERM', () => {
  log.info('stopping: letting reviews under way finish');
  server.close();
  void queue
    .close(settings.shutdownGraceMs)
    .then(async (unfinished) => {
      if (unfinished.length > 0 || underWay.size > 0) {
        log.warn({ unfinished: unfinished.length }, redis ? 'handing reviews under way to another replica' : 'failing the checks of reviews under way');
        await underWay.release(Boolean(redis), log);
      }
    })
    .then(() => engine.close())
    .finally(() => {
      redis?.disconnect();
      process.exit(0);
    });
});

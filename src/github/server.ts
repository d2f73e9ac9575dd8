import { pino } from 'pino';
import { run } from 'probot';
import { eventSchemaExtractor } from '../assets/events/formats.js';
import { PostgresExtractor } from '../assets/postgres/extractor.js';
import { Replayer } from '../assets/postgres/replayer.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { dataContractsApp } from './app.js';
import { createCaches } from './caches.js';
import { ReviewsInFlight } from './serialize.js';

/**
 * `npm start`: the app's HTTP server, configured by Probot's environment variables (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, HOST, PORT, GHE_HOST, GHE_PROTOCOL, LOG_LEVEL, REDIS_URL). Logs are JSON, and
 * whatever could carry a secret is redacted before it is written.
 */
const log = pino({
  name: 'data-contract-review',
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-hub-signature"]',
      'req.headers["x-hub-signature-256"]',
      'headers.authorization',
      '*.headers.authorization',
      'err.request.headers.authorization',
      'err.response.headers.authorization',
      'token',
      '*.token',
      'privateKey',
      'secret',
    ],
    censor: '[redacted]',
  },
});

const replayer = new Replayer();
const inFlight = new ReviewsInFlight();
let ready = false;

/** The embedded Postgres is started ahead of the first review; the server is ready once it is warm. */
async function warmUp(attempt = 1): Promise<void> {
  try {
    await replayer.warmUp();
    ready = true;
    log.info('embedded Postgres is warm');
  } catch (error) {
    const delaySeconds = Math.min(60, 5 * attempt);
    log.error({ err: error, delaySeconds }, 'embedded Postgres failed to start; trying again');
    setTimeout(() => void warmUp(attempt + 1), delaySeconds * 1000).unref();
  }
}
void warmUp();

const server = await run(
  dataContractsApp({
    appId: Number(process.env.APP_ID),
    extractors: { postgres: new PostgresExtractor(replayer), events: eventSchemaExtractor(registryFromEnvironment(process.env)) },
    caches: createCaches(),
    isReady: () => ready,
    inFlight,
  }),
  { log },
);

/** Reviews under way complete their checks before the process ends: a check left pending blocks merges. */
process.once('SIGTERM', () => {
  log.info('stopping: letting reviews under way finish');
  void inFlight
    .drain(25_000)
    .then((finished) => {
      if (!finished) log.warn('stopping with reviews still under way; their checks can be re-run');
      return server.stop();
    })
    .then(() => replayer.close())
    .finally(() => process.exit(0));
});

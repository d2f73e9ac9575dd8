import { pino } from 'pino';
import { run } from 'probot';
import { PostgresExtractor } from '../assets/postgres/extractor.js';
import { Replayer } from '../assets/postgres/replayer.js';
import { dataContractsApp } from './app.js';
import { createCaches } from './caches.js';

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
let ready = false;
replayer.warmUp().then(
  () => {
    ready = true;
    log.info('embedded Postgres is warm');
  },
  (error: unknown) => log.error({ err: error }, 'embedded Postgres failed to start; reviews will retry it'),
);

const server = await run(
  dataContractsApp({
    appId: Number(process.env.APP_ID),
    extractors: { postgres: new PostgresExtractor(replayer) },
    caches: createCaches(),
    isReady: () => ready,
  }),
  { log },
);

process.once('SIGTERM', () => {
  log.info('stopping');
  void server
    .stop()
    .then(() => replayer.close())
    .finally(() => process.exit(0));
});

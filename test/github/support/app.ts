import { generateKeyPairSync } from 'node:crypto';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import type { Replayer } from '../../../src/assets/postgres/replayer.js';
import { type AppOptions, dataContractsApp } from '../../../src/github/app.js';
import { createCaches } from '../../../src/github/caches.js';
import { testExtractors } from '../../support/extractors.js';

export const APP_ID = 1;

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

/** The app as `npm start` wires it, in a Probot that neither retries nor throttles and logs nothing. */
export async function loadApp(replayer: Replayer, overrides: Partial<AppOptions> = {}): Promise<Probot> {
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    log: pino({ level: 'silent' }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  await probot.load(
    dataContractsApp({
      appId: APP_ID,
      extractors: testExtractors(replayer),
      caches: createCaches(),
      isReady: () => true,
      ...overrides,
    }),
    { addHandler: () => {}, cwd: process.cwd() },
  );
  return probot;
}

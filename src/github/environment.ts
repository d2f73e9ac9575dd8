import { readFileSync } from 'node:fs';

/** The server's settings, from the environment Probot documents plus this app's own `DCR_` variables. */
export interface ServerSettings {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  webhookPath: string;
  host: string;
  port: number;
  /** GitHub's REST API: github.com's, or a GitHub Enterprise Server's (`GHE_HOST`, `GHE_PROTOCOL`). */
  baseUrl: string;
  redisUrl?: string;
  /** Reviews one process works on at once. */
  concurrency: number;
  /** The least time between two writes to GitHub of one installation. */
  writeIntervalMs: number;
  reviewTimeoutMs: number;
  /** How long a stopping process lets reviews under way finish before it hands them back. */
  shutdownGraceMs: number;
  /**
   * A Slack-compatible incoming webhook told when a pull request with accepted breaks, an override or contract
   * changes is merged. Set where the app runs, never in a repository: the URL is a secret.
   */
  notifyWebhookUrl?: string;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export function serverSettings(env: NodeJS.ProcessEnv): ServerSettings {
  const appId = positive(env, 'APP_ID', undefined);
  const privateKey = env.PRIVATE_KEY_PATH ? readFileSync(env.PRIVATE_KEY_PATH, 'utf8') : env.PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!privateKey?.includes('PRIVATE KEY')) throw new SettingsError('PRIVATE_KEY (or PRIVATE_KEY_PATH) must hold the GitHub App\'s private key in PEM form');
  const webhookSecret = env.WEBHOOK_SECRET;
  if (!webhookSecret) throw new SettingsError('WEBHOOK_SECRET must be set: unsigned deliveries are never taken');
  const gheHost = env.GHE_HOST?.trim();
  return {
    appId,
    privateKey,
    webhookSecret,
    webhookPath: env.WEBHOOK_PATH || '/api/github/webhooks',
    host: env.HOST || '0.0.0.0',
    port: positive(env, 'PORT', 3000),
    baseUrl: gheHost ? `${env.GHE_PROTOCOL || 'https'}://${gheHost}/api/v3` : 'https://api.github.com',
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    concurrency: positive(env, 'DCR_REVIEW_CONCURRENCY', 4),
    writeIntervalMs: positive(env, 'DCR_GITHUB_WRITE_INTERVAL_MS', 1000, true),
    reviewTimeoutMs: positive(env, 'DCR_REVIEW_TIMEOUT_SECONDS', 600) * 1000,
    shutdownGraceMs: positive(env, 'DCR_SHUTDOWN_GRACE_SECONDS', 25, true) * 1000,
    ...(env.DCR_NOTIFY_WEBHOOK_URL?.trim() ? { notifyWebhookUrl: webhookUrl(env.DCR_NOTIFY_WEBHOOK_URL.trim()) } : {}),
  };
}

function webhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError('DCR_NOTIFY_WEBHOOK_URL must be a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SettingsError('DCR_NOTIFY_WEBHOOK_URL must be an http or https URL');
  return text;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined, zeroAllowed = false): number {
  const text = env[name]?.trim();
  if (!text) {
    if (fallback === undefined) throw new SettingsError(`${name} must be set`);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new SettingsError(`${name} must be a whole number${zeroAllowed ? '' : ' above 0'}`);
  return value;
}

/** What GitHub's answer says about trying the same request again. */
export type RetryAdvice =
  /** GitHub asked the installation to slow down: nothing of it should be sent for `waitMs`. */
  | { kind: 'rate-limit'; waitMs: number }
  /** A failure a second attempt may not meet (5xx, no answer): safe to repeat only if the request is idempotent. */
  | { kind: 'transient'; waitMs: number };

interface ErrorShape {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** GitHub's advice for a secondary limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_FALLBACK_MS = 60_000;

/**
 * Reads a failed request's answer as GitHub documents it: 429, or 403 with `retry-after`, with
 * `x-ratelimit-remaining: 0` (wait until `x-ratelimit-reset`) or a secondary-limit message, is a rate limit; a 5xx or
 * an answer that never came is transient, retried after `backoffMs · 2^attempt`. Anything else is final.
 */
export function retryAdvice(error: unknown, attempt: number, now: number, backoffMs: number): RetryAdvice | undefined {
  const { status, message = '', response } = (error ?? {}) as ErrorShape;
  const headers = response?.headers ?? {};
  const retryAfter = seconds(headers['retry-after']);
  if (status === 429 || status === 403) {
    if (retryAfter !== undefined) return { kind: 'rate-limit', waitMs: retryAfter * 1000 };
    const reset = seconds(headers['x-ratelimit-reset']);
    if (String(headers['x-ratelimit-remaining']) === '0' && reset !== undefined) {
      return { kind: 'rate-limit', waitMs: Math.max(1000, reset * 1000 - now + 1000) };
    }
    if (status === 429 || /secondary rate limit|abuse/i.test(message)) return { kind: 'rate-limit', waitMs: SECONDARY_LIMIT_FALLBACK_MS };
    return undefined;
  }
  // Octokit reports a request that got no answer at all (reset connection, time-out) without a status, or as 500.
  if (status === undefined || status >= 500) return { kind: 'transient', waitMs: backoffMs * 2 ** attempt };
  return undefined;
}

/**
 * Whether sending the request twice does no more than sending it once: a POST may create something twice. GraphQL
 * (this app only queries) is `/graphql` on github.com and a full `…/api/graphql` URL on GitHub Enterprise Server.
 */
export function isIdempotent(method: string, url: string): boolean {
  return method.toUpperCase() !== 'POST' || isGraphQL(url) || url.endsWith('/access_tokens');
}

export function isGraphQL(url: string): boolean {
  return url.endsWith('/graphql');
}

function seconds(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

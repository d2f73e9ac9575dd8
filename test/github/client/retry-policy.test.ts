import { describe, expect, it } from '@jest/globals';
import { isIdempotent, retryAdvice } from '../../../src/github/client/retry-policy.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const answer = (status: number | undefined, headers: Record<string, string> = {}, message = '') => ({ status, message, response: { headers } });

describe('what a failed GitHub request says about trying again', () => {
  it('waits as long as retry-after says, on a 403 secondary limit and on a 429', () => {
    expect(retryAdvice(answer(403, { 'retry-after': '7' }, 'You have exceeded a secondary rate limit'), 0, NOW, 1000)).toEqual({ kind: 'rate-limit', waitMs: 7000 });
    expect(retryAdvice(answer(429, { 'retry-after': '2' }), 0, NOW, 1000)).toEqual({ kind: 'rate-limit', waitMs: 2000 });
  });

  it('waits until x-ratelimit-reset when the primary limit is spent', () => {
    const reset = String(NOW / 1000 + 30);
    expect(retryAdvice(answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), 0, NOW, 1000)).toEqual({ kind: 'rate-limit', waitMs: 31_000 });
  });

  it('waits a minute on a secondary limit that names no time, as GitHub advises', () => {
    expect(retryAdvice(answer(403, {}, 'You have exceeded a secondary rate limit.'), 0, NOW, 1000)).toEqual({ kind: 'rate-limit', waitMs: 60_000 });
  });

  it('takes a plain 403 (a missing permission) and other 4xx as final', () => {
    expect(retryAdvice(answer(403, {}, 'Resource not accessible by integration'), 0, NOW, 1000)).toBeUndefined();
    expect(retryAdvice(answer(404), 0, NOW, 1000)).toBeUndefined();
    expect(retryAdvice(answer(422), 0, NOW, 1000)).toBeUndefined();
  });

  it('backs off exponentially on 5xx and on answers that never came', () => {
    expect(retryAdvice(answer(502), 0, NOW, 100)).toEqual({ kind: 'transient', waitMs: 100 });
    expect(retryAdvice(answer(500), 2, NOW, 100)).toEqual({ kind: 'transient', waitMs: 400 });
    expect(retryAdvice(new Error('socket hang up'), 1, NOW, 100)).toEqual({ kind: 'transient', waitMs: 200 });
  });

  it('repeats a POST only where sending it twice does no harm', () => {
    expect(isIdempotent('POST', '/repos/{owner}/{repo}/check-runs')).toBe(false);
    expect(isIdempotent('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(false);
    expect(isIdempotent('POST', '/graphql')).toBe(true);
    expect(isIdempotent('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}')).toBe(true);
    expect(isIdempotent('GET', '/repos/{owner}/{repo}/pulls/{pull_number}')).toBe(true);
  });
});

describe('GraphQL on GitHub Enterprise Server', () => {
  it('is a read, repeatable like one, at its full URL too', () => {
    expect(isIdempotent('POST', 'http://ghe.example.com/api/graphql')).toBe(true);
  });
});

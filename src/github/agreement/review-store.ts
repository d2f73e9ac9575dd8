import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Settings } from '../../config/schema.js';
import type { Review } from '../../core/review.js';

/**
 * A judged review with what deciding and reporting it again needs: the settings (how approvals count, which label
 * overrides, when to comment) and the target commit the contracts were read at (links point there).
 */
export interface StoredReview {
  review: Review;
  settings: Pick<Settings, 'approvals' | 'override' | 'comment'>;
  targetRev: string;
}

/**
 * The judged review of a pull request's head, before approvals and overrides are applied: an approval, a label or a
 * merge then decides again from it, without reading or replaying the commit a second time. Kept in Redis when the
 * app runs as replicas, so any replica finds it.
 */
export interface ReviewStore {
  get(key: string): Promise<StoredReview | undefined>;
  set(key: string, stored: StoredReview): Promise<void>;
  /** Remembers that `marker` was done for `key` (a review requested of a contact); false if it already was. */
  once(key: string, marker: string): Promise<boolean>;
  /** Whether `marker` was done for `key`. */
  has(key: string, marker: string): Promise<boolean>;
}

/** `owner/repo#7@<head sha>`: one pull request's one commit. */
export function reviewKey(pull: { owner: string; repo: string; number: number }, headSha: string): string {
  return `${pull.owner}/${pull.repo}#${pull.number}@${headSha}`;
}

export function memoryReviewStore(max = 2000): ReviewStore {
  const reviews = new LRUCache<string, StoredReview>({ max });
  const done = new LRUCache<string, true>({ max: max * 10 });
  return {
    get: async (key) => reviews.get(key),
    set: async (key, stored) => void reviews.set(key, stored),
    once: async (key, marker) => {
      const entry = `${key} ${marker}`;
      if (done.has(entry)) return false;
      done.set(entry, true);
      return true;
    },
    has: async (key, marker) => done.has(`${key} ${marker}`),
  };
}

/** A pull request's reviews are looked at again for weeks at most; markers last as long as a pull request may stay open. */
const REVIEW_LIFETIME_SECONDS = 14 * 24 * 60 * 60;
const MARKER_LIFETIME_SECONDS = 180 * 24 * 60 * 60;

export function redisReviewStore(redis: Redis, prefix = 'dcr:reviews'): ReviewStore {
  return {
    get: async (key) => {
      const stored = await redis.get(`${prefix}:${key}`);
      return stored ? (JSON.parse(stored) as StoredReview) : undefined;
    },
    set: async (key, stored) => {
      await redis.set(`${prefix}:${key}`, JSON.stringify(stored), 'EX', REVIEW_LIFETIME_SECONDS);
    },
    once: async (key, marker) => (await redis.set(`${prefix}:once:${key}:${marker}`, '1', 'EX', MARKER_LIFETIME_SECONDS, 'NX')) === 'OK',
    has: async (key, marker) => (await redis.exists(`${prefix}:once:${key}:${marker}`)) === 1,
  };
}

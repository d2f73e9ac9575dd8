import type { Redis } from 'ioredis';

/** What taking a key for a job came to: `busy` while another run holds the key, `superseded` once a newer job came. */
export type KeyClaim = 'claimed' | 'busy' | 'superseded';

// Each script reads and writes in one step, so two processes can never both see a key free or an id unseen.
const RECORD_NEWEST = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[3]) then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  return 1
end
return 0`;

const CLAIM = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 'superseded' end
if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then return 'claimed' end
return 'busy'`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

const FORGET_NEWEST = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/**
 * What the shared queue keeps in Redis beside bullmq's own keys: the newest job id per key (a hash), the job ids
 * seen recently (one expiring marker each) and one lock per key whose job is running, held by a random token.
 */
export class RedisLedger {
  private readonly newestKey: string;

  /** `namespace` prefixes every key, so removing the queue's data removes these too. */
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {
    this.newestKey = `${namespace}:newest`;
  }

  /** Records `id` as its key's newest job; false, recording nothing, when the id was seen within `rememberMs`. */
  async recordNewest(key: string, id: string, rememberMs: number): Promise<boolean> {
    return (await this.redis.eval(RECORD_NEWEST, 2, this.seenKey(id), this.newestKey, key, id, rememberMs)) === 1;
  }

  /** Lets `id` be recorded again. */
  async forgetSeen(id: string): Promise<void> {
    await this.redis.del(this.seenKey(id));
  }

  async newestId(key: string): Promise<string | undefined> {
    return (await this.redis.hget(this.newestKey, key)) ?? undefined;
  }

  /** Takes the key's lock for `lockMs` if `id` is still its newest job and no other run holds the lock. */
  async claim(key: string, id: string, token: string, lockMs: number): Promise<KeyClaim> {
    return (await this.redis.eval(CLAIM, 2, this.newestKey, this.lockKey(key), key, id, token, lockMs)) as KeyClaim;
  }

  /** Extends the key's lock; false when `token` no longer holds it. */
  async renew(key: string, token: string, lockMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.lockKey(key), token, lockMs)) === 1;
  }

  /** Frees the key's lock unless it expired and another run took it. */
  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_EQUAL, 1, this.lockKey(key), token);
  }

  /** Drops the key's entry once its newest job is done, so the hash holds only keys with work pending. */
  async forgetNewest(key: string, id: string): Promise<void> {
    await this.redis.eval(FORGET_NEWEST, 1, this.newestKey, key, id);
  }

  private seenKey(id: string): string {
    return `${this.namespace}:seen:${id}`;
  }

  private lockKey(key: string): string {
    return `${this.namespace}:lock:${key}`;
  }
}

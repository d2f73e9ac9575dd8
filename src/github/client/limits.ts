import type { Redis } from 'ioredis';

/**
 * GitHub's limits are per installation: its requests, from every process of the app, share one budget. Writes are
 * spaced (GitHub asks for a second between content-creating requests), requests in flight are bounded, and when
 * GitHub says wait, the whole installation waits.
 */
export interface InstallationLimits {
  /** Waits for this installation's turn for one request; call the returned function when it has been answered. */
  acquire(installationId: number, kind: 'read' | 'write'): Promise<() => void>;
  /** GitHub asked this installation to wait: no request of it starts before `until` (epoch ms). */
  pause(installationId: number, until: number): Promise<void>;
}

export interface LimitsOptions {
  /** The least time between two writes of one installation (default 1000 ms, as GitHub asks). */
  writeIntervalMs?: number;
  /** Requests of one installation in flight at once from this process (default 20). */
  concurrency?: number;
}

const DEFAULT_WRITE_INTERVAL_MS = 1000;
const DEFAULT_CONCURRENCY = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A counting semaphore: at most `size` holders at once, served in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async take(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}

/** Where the spacing of writes and the pauses GitHub asked for are kept: this process, or Redis for every replica. */
interface LimitState {
  pausedUntil(installationId: number): Promise<number>;
  setPause(installationId: number, until: number): Promise<void>;
  /** Claims the next write slot; resolves with how long to wait before trying again (0 when claimed). */
  claimWrite(installationId: number, intervalMs: number): Promise<number>;
}

class MemoryState implements LimitState {
  private readonly pauses = new Map<number, number>();
  private readonly nextWrite = new Map<number, number>();
  async pausedUntil(installationId: number) {
    return this.pauses.get(installationId) ?? 0;
  }
  async setPause(installationId: number, until: number) {
    this.pauses.set(installationId, Math.max(until, this.pauses.get(installationId) ?? 0));
  }
  async claimWrite(installationId: number, intervalMs: number) {
    const now = Date.now();
    const next = this.nextWrite.get(installationId) ?? 0;
    if (next > now) return next - now;
    this.nextWrite.set(installationId, now + intervalMs);
    return 0;
  }
}

/** The pause extended, never shortened, by whichever replica hears GitHub last. */
const EXTEND_PAUSE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = tonumber(ARGV[1])
if untilMs > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

class RedisState implements LimitState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  async pausedUntil(installationId: number) {
    return Number((await this.redis.get(`${this.prefix}:${installationId}:paused-until`)) ?? 0);
  }
  async setPause(installationId: number, until: number) {
    const ttl = Math.max(1, until - Date.now());
    await this.redis.eval(EXTEND_PAUSE, 1, `${this.prefix}:${installationId}:paused-until`, String(until), String(ttl));
  }
  async claimWrite(installationId: number, intervalMs: number) {
    const key = `${this.prefix}:${installationId}:write`;
    if ((await this.redis.set(key, '1', 'PX', intervalMs, 'NX')) === 'OK') return 0;
    return Math.max(1, await this.redis.pttl(key));
  }
}

class Limits implements InstallationLimits {
  private readonly slots = new Map<number, Slots>();
  private readonly writeQueues = new Map<number, Promise<unknown>>();
  private readonly writeIntervalMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly state: LimitState,
    options: LimitsOptions,
  ) {
    this.writeIntervalMs = options.writeIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  async acquire(installationId: number, kind: 'read' | 'write'): Promise<() => void> {
    let slots = this.slots.get(installationId);
    if (!slots) this.slots.set(installationId, (slots = new Slots(this.concurrency)));
    const release = await slots.take();
    try {
      await this.waitOutPause(installationId);
      if (kind === 'write') await this.takeWriteTurn(installationId);
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  async pause(installationId: number, until: number): Promise<void> {
    await this.state.setPause(installationId, until);
  }

  private async waitOutPause(installationId: number): Promise<void> {
    for (;;) {
      const wait = (await this.state.pausedUntil(installationId)) - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /** This process's writes queue up one behind another, so they claim the installation's turns in order. */
  private takeWriteTurn(installationId: number): Promise<void> {
    const previous = this.writeQueues.get(installationId) ?? Promise.resolve();
    const turn = previous.then(async () => {
      for (;;) {
        const wait = await this.state.claimWrite(installationId, this.writeIntervalMs);
        if (wait === 0) return;
        await sleep(wait);
      }
    });
    const tail = turn.catch(() => undefined);
    this.writeQueues.set(installationId, tail);
    void tail.then(() => {
      if (this.writeQueues.get(installationId) === tail) this.writeQueues.delete(installationId);
    });
    return turn;
  }
}

/** Limits kept by this process alone: right for a single replica. */
export function memoryLimits(options: LimitsOptions = {}): InstallationLimits {
  return new Limits(new MemoryState(), options);
}

/** Limits shared through Redis by every replica: the spacing of writes and GitHub's pauses hold across them. */
export function redisLimits(redis: Redis, options: LimitsOptions & { prefix?: string } = {}): InstallationLimits {
  return new Limits(new RedisState(redis, options.prefix ?? 'dcr:github'), options);
}

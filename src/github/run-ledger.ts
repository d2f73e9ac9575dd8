import type { Redis } from 'ioredis';

/**
 * A check run this app started and has not completed yet, for one queue key (a pull request or merge group); without
 * `checkRunId`, a run being claimed for that head: a process that dies while GitHub creates the run leaves this.
 */
export interface LedgerEntry {
  checkRunId?: number;
  headSha: string;
}

function fieldOf(entry: LedgerEntry): string {
  return entry.checkRunId === undefined ? `head:${entry.headSha}` : String(entry.checkRunId);
}

/**
 * The runs in progress per key, kept where every process sees them. Only one process works on a key at a time (the
 * queue's promise), so an entry found by the process working on a key, other than its own, belongs to a process
 * that stopped or died: its run may sit on an older head, where no later review of that head will ever look.
 */
export interface RunLedger {
  list(key: string): Promise<LedgerEntry[]>;
  add(key: string, entry: LedgerEntry): Promise<void>;
  remove(key: string, entry: LedgerEntry): Promise<void>;
}

export function memoryRunLedger(): RunLedger {
  const runs = new Map<string, Map<string, LedgerEntry>>();
  return {
    list: async (key) => [...(runs.get(key)?.values() ?? [])],
    add: async (key, entry) => {
      let entries = runs.get(key);
      if (!entries) runs.set(key, (entries = new Map()));
      entries.set(fieldOf(entry), entry);
    },
    remove: async (key, entry) => {
      const entries = runs.get(key);
      entries?.delete(fieldOf(entry));
      if (entries?.size === 0) runs.delete(key);
    },
  };
}

/** A run is completed within a review's deadline or taken over long before: entries outlive neither. */
const ENTRY_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function redisRunLedger(redis: Redis, prefix = 'dcr:runs'): RunLedger {
  const hash = (key: string) => `${prefix}:${key}`;
  return {
    list: async (key) => Object.values(await redis.hgetall(hash(key))).map((value) => JSON.parse(value) as LedgerEntry),
    add: async (key, entry) => {
      await redis.multi().hset(hash(key), fieldOf(entry), JSON.stringify(entry)).expire(hash(key), ENTRY_LIFETIME_SECONDS).exec();
    },
    remove: async (key, entry) => {
      await redis.hdel(hash(key), fieldOf(entry));
    },
  };
}

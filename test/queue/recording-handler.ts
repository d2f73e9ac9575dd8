import type { Job, JobContext } from '../../src/queue/queue.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms: ${condition.toString()}`);
    await sleep(10);
  }
}

interface RecordingOptions {
  /** Each job waits for `release(id)` before finishing. */
  hold?: boolean;
  /** How long each job works before finishing. */
  workMs?: number;
  /** The ids of the jobs that throw. */
  failing?: string[];
}

/** A job handler that records which jobs ran, and how many ran at once in all and per key. */
export class RecordingHandler {
  readonly started: string[] = [];
  readonly finished: string[] = [];
  readonly contexts = new Map<string, JobContext>();
  maxRunning = 0;
  maxRunningPerKey = 0;
  private readonly runningKeys: string[] = [];
  private readonly releases = new Map<string, () => void>();

  constructor(private readonly options: RecordingOptions = {}) {}

  readonly handle = async (job: Job<string>, context: JobContext): Promise<void> => {
    this.started.push(job.id);
    this.contexts.set(job.id, context);
    this.runningKeys.push(job.key);
    this.maxRunning = Math.max(this.maxRunning, this.runningKeys.length);
    this.maxRunningPerKey = Math.max(this.maxRunningPerKey, this.runningKeys.filter((key) => key === job.key).length);
    try {
      if (this.options.hold) await new Promise<void>((resolve) => this.releases.set(job.id, resolve));
      if (this.options.workMs) await sleep(this.options.workMs);
      if (this.options.failing?.includes(job.id)) throw new Error(`${job.id} failed`);
      this.finished.push(job.id);
    } finally {
      this.runningKeys.splice(this.runningKeys.indexOf(job.key), 1);
    }
  };

  release(id: string): void {
    const release = this.releases.get(id);
    if (!release) throw new Error(`${id} is not being held`);
    release();
  }
}

/** A job for `key` whose data is its id. */
export function job(key: string, id: string): Job<string> {
  return { key, id, data: id };
}

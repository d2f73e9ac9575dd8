/**
 * A unit of work for a key (a pull request, a merge group). `id` names the job itself (a webhook delivery id), so
 * the same job added twice is kept once.
 */
export interface Job<T> {
  key: string;
  id: string;
  data: T;
}

export interface ProcessingOptions {
  /** Jobs worked on at once by this process (different keys only). */
  concurrency: number;
}

/** What a handler is told about its job while it runs. */
export interface JobContext {
  /** Whether a newer job for the same key was added since this one started: its result may be outdated. */
  superseded(): Promise<boolean>;
}

/**
 * The review queue: jobs for one key never run at once (across every process sharing the queue), and a burst for
 * one key collapses to its newest job: a job that a newer one for its key overtook before it started is dropped.
 */
export interface WorkQueue<T> {
  /** Adds a job. Resolves once the job is stored (for a shared queue: in Redis), so the sender can be answered. */
  add(job: Job<T>): Promise<void>;
  /** Starts taking jobs; `handler` failing is logged by the caller's handler, never retried here. */
  process(handler: (job: Job<T>, context: JobContext) => Promise<void>, options: ProcessingOptions): void;
  /**
   * Stops taking jobs and waits at most `timeoutMs` for those under way. Resolves to the jobs still under way then:
   * a shared queue hands them to another process once this one is gone; an in-process queue loses them.
   */
  close(timeoutMs: number): Promise<Job<T>[]>;
  /** Resolves when no job is waiting or running (tests and benchmarks wait for a burst to settle). */
  idle(): Promise<void>;
}

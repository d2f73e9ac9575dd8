import { Worker } from 'node:worker_threads';

export interface BoundedWorkerOptions {
  workerUrl: URL;
  /** How long one request may take before the worker is stopped. */
  timeoutMs: number;
  /** The worker's heap: a request past it stops the worker, which is replaced. */
  maxHeapMb: number;
  /** What runs in the worker, as messages name it: `Prisma's schema engine`, `the TypeScript compiler`. */
  name: string;
}

/** Why a request got no reply: it ran past its time, or it broke the worker. */
export interface WorkerStopped {
  kind: 'stopped';
  reason: 'timeout' | 'crashed';
  message: string;
}

/**
 * A tool in a worker thread, one request at a time, each bounded in time. A request that runs too long or breaks
 * the worker costs the worker (a new one starts with the next request), never the process.
 */
export class BoundedWorker<Request extends { id: number }, Reply extends { id: number }> {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly options: BoundedWorkerOptions) {}

  /** The reply to the request `make` builds with its id, once every earlier request is answered. */
  request(make: (id: number) => Request): Promise<Reply | WorkerStopped> {
    const result = this.queue.then(() => this.requestNow(make(this.nextId++)));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Lets the worker go: the next request starts a new one (a worker whose memory never shrinks, or that broke). */
  async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  async close(): Promise<void> {
    await this.queue;
    await this.retire();
  }

  private requestNow(request: Request): Promise<Reply | WorkerStopped> {
    const worker = this.running();
    const { name, timeoutMs } = this.options;
    return new Promise((resolve) => {
      const stop = (reason: WorkerStopped['reason'], message: string): void => {
        cleanup();
        void this.retire();
        resolve({ kind: 'stopped', reason, message });
      };
      const timer = setTimeout(() => stop('timeout', `${name} did not finish reading these files within ${timeoutMs / 1000}s and was stopped`), timeoutMs);
      const onMessage = (reply: Reply): void => {
        if (reply.id !== request.id) return;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error): void => stop('crashed', `${name} stopped: ${error.message}`);
      const onExit = (code: number): void => stop('crashed', `${name} stopped (exit code ${code}; out of memory?)`);
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    // Unreferenced: an idle worker never keeps a command-line run from exiting.
    worker.unref();
    const forget = (): void => {
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    this.worker = worker;
    return worker;
  }
}

import type { Logger } from 'pino';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * A cancelled workflow run (by hand, by `concurrency`, or past the step's `timeout-minutes`) is sent SIGINT, then
 * SIGTERM, before it is killed. Watched from the start, so a signal that comes while the check run is being created
 * is not lost: once the run exists, `guard` names how to complete it, and cancelling completes it and exits 1.
 */
export class Cancellation {
  private signal: NodeJS.Signals | undefined;
  private complete: (() => Promise<void>) | undefined;
  private stopping = false;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.signal) return; // SIGTERM after SIGINT: the check is already being completed
    this.signal = signal;
    this.log.error(`Stopped by ${signal} before the review finished.`);
    if (this.complete) void this.stop();
  };

  constructor(private readonly log: Logger) {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** From now on, cancelling runs `complete` before the process exits. */
  async guard(complete: () => Promise<void>): Promise<void> {
    this.complete = complete;
    if (this.signal) await this.stop();
  }

  /** The work is over: signals are the runtime's again. */
  release(): void {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
  }

  private async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    try {
      await this.complete?.();
    } catch (error) {
      this.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'the check could not be completed');
    } finally {
      process.exit(1);
    }
  }
}

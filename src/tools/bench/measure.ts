/** Runs `work`, printing how long it took. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  return (await timedResult(label, work)).result;
}

/** Runs `work`, printing and returning how long it took, in milliseconds. */
export async function timedResult<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(60)} ${ms.toFixed(0).padStart(7)} ms`);
  return { result, ms };
}

/** Samples the resident memory until stopped, returning the peak in bytes. */
export function peakMemorySampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage().rss, maxResidentBytes());
    },
  };
}

/** The process's peak resident memory so far, worker threads included, as the kernel counted it. */
export function maxResidentBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export const mebibytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

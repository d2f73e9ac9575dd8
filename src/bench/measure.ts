/** Runs `work`, printing how long it took. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(52)} ${milliseconds.toFixed(0).padStart(7)} ms`);
  return result;
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
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

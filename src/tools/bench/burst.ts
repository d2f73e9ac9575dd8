import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Measures one server process under a burst of webhooks, against the stand-in GitHub: `npm run bench:burst`.
 *
 * The stand-in GitHub is test code (TypeScript under test/, not compiled to lib/), so this script runs the burst
 * end-to-end test at full scale through jest (BURST_SCALE=full: 1,100 deliveries over 40 pull requests with 10% of
 * GitHub's answers faulty, then 2,000 deliveries as fast as 50 senders go, then one fault-free push to every pull
 * request) and prints the figures it writes. The test's assertions hold at full scale too: a failure is reported.
 *
 * Options: `--pulls N`, `--deliveries N` change the burst's size.
 */
const root = new URL('../../../', import.meta.url).pathname;
const testFile = 'test/e2e/burst.e2e.test.ts';
if (!existsSync(join(root, testFile)) || !existsSync(join(root, 'node_modules/jest/bin/jest.js'))) {
  console.error(`${testFile} and jest are needed: run this from a checkout with its dev dependencies (npm ci), not from an image.`);
  process.exit(2);
}

const option = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};

interface Report {
  scale: { pulls: number; deliveries: number; concurrency: number; spreadMs: number };
  burst?: {
    deliveries: number;
    distinctDeliveries: number;
    statuses: Record<string, number>;
    responseMs: { p50: number; p99: number; max: number };
    senderLoopDelayMs: { p99: number; max: number };
    pushToCheckMs: { p50: number; p95: number; max: number };
    settleMs: number;
    reviewsStarted: number;
    githubRequests: number;
    requestsPerReview: number;
    faults: Record<string, number>;
  };
  intake?: { deliveries: number; concurrency: number; accepted: number; ms: number; perMinute: number; responseMs: { p50: number; p99: number } };
  faultFree?: { pulls: number; githubRequests: number; requestsPerReview: number; pushToCheckMs: { p50: number; p95: number } };
  peakRssBytes?: number;
}

const dir = mkdtempSync(join(tmpdir(), 'dcr-bench-burst-'));
const reportFile = join(dir, 'report.json');
const jest = spawn(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', testFile], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    BURST_SCALE: 'full',
    BURST_REPORT: reportFile,
    ...(option('pulls') ? { BURST_PULLS: option('pulls') } : {}),
    ...(option('deliveries') ? { BURST_DELIVERIES: option('deliveries') } : {}),
  },
});
const code = await new Promise<number>((resolve) => jest.once('exit', (exitCode) => resolve(exitCode ?? 1)));

if (!existsSync(reportFile)) {
  console.error(`\nThe burst test wrote no figures (jest exited with ${code}).`);
  process.exit(code || 1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
rmSync(dir, { recursive: true, force: true });

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const lines: string[] = ['', 'Burst benchmark: one server process (in-process queue) against the stand-in GitHub', ''];
const { burst, intake, faultFree } = report;
if (intake) {
  lines.push(
    `intake: ${Math.round(intake.perMinute).toLocaleString('en')} deliveries per minute ` +
      `(${intake.accepted} of ${intake.deliveries} accepted in ${seconds(intake.ms)}, ${intake.concurrency} senders; p99 ${intake.responseMs.p99.toFixed(0)} ms)`,
  );
}
if (burst) {
  const faults = Object.entries(burst.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  lines.push(
    `burst: ${burst.deliveries} deliveries (${burst.distinctDeliveries} distinct) over ${report.scale.pulls} pull requests in about ${seconds(report.scale.spreadMs)}, GitHub faults: ${faults}`,
    `  webhook response p99: ${burst.responseMs.p99.toFixed(0)} ms (p50 ${burst.responseMs.p50.toFixed(0)} ms, max ${burst.responseMs.max.toFixed(0)} ms)`,
    `  push to completed check, newest heads: p50 ${seconds(burst.pushToCheckMs.p50)}, p95 ${seconds(burst.pushToCheckMs.p95)} (max ${seconds(burst.pushToCheckMs.max)})`,
    `  reviews started: ${burst.reviewsStarted}; GitHub requests: ${burst.githubRequests} (${burst.requestsPerReview.toFixed(1)} per review, faults and retries included)`,
    `  everything settled ${seconds(burst.settleMs)} after the burst began`,
  );
}
if (faultFree) {
  lines.push(
    `fault-free: ${faultFree.requestsPerReview.toFixed(1)} GitHub requests per review (${faultFree.githubRequests} for ${faultFree.pulls} pushes to ${faultFree.pulls} pull requests); ` +
      `push to check p50 ${seconds(faultFree.pushToCheckMs.p50)}, p95 ${seconds(faultFree.pushToCheckMs.p95)}`,
  );
}
if (report.peakRssBytes !== undefined) lines.push(`server peak resident memory (VmHWM): ${(report.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`);
if (code !== 0) lines.push('', `The burst test failed (jest exited with ${code}): see its output above; the figures are those of a failing run.`);
console.log(lines.join('\n'));
process.exit(code);

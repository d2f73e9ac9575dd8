import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { FakeGitHub } from '../../support/fake-github/server.js';

/** The compiled server, as `npm start` runs it (`npm run build` first). */
export const SERVER_SCRIPT = new URL('../../../lib/github/server.js', import.meta.url).pathname;

export interface AppProcessOptions {
  github: FakeGitHub;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** More environment for the server: `REDIS_URL`, `DCR_*` knobs. */
  env?: Record<string, string>;
  /** Names the process in messages, when a test runs more than one. */
  label?: string;
}

/** One JSON line the server logged. */
export type LogEntry = Record<string, unknown> & { msg?: string };

export interface AppProcess {
  label: string;
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** Every line the process wrote, stdout and stderr, in order. */
  lines: string[];
  /** The lines that are JSON log entries, parsed. */
  entries(): LogEntry[];
  /** Whether a line with this message (and these fields) was logged. */
  logged(message: string, fields?: Record<string, unknown>): boolean;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's peak resident memory so far, in bytes (Linux `VmHWM`); undefined elsewhere or once it exited. */
  peakRssBytes(): number | undefined;
  /** SIGTERM, as an orchestrator stops a replica, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies on the spot, leaving whatever it held. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it yields something other than undefined. Past `timeoutMs` it throws, with `explain()` (the
 * server's log, the state found) in the message.
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; explain?: () => string } = {},
): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 100, explain } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${explain ? `\n${explain()}` : ''}`);
    await sleep(intervalMs);
  }
}

/**
 * Starts the app's server as `npm start` does, against the stand-in GitHub, and waits until it is ready and its
 * start-up sweep for runs left in progress is done, so what the test counts afterwards is its own doing.
 */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const label = options.label ?? 'app';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // For profiling a server under test: DCR_E2E_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/profiles'.
  const nodeArgs = process.env.DCR_E2E_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, SERVER_SCRIPT], {
    env: {
      PATH: process.env.PATH,
      APP_ID: String(options.appId),
      PRIVATE_KEY: options.privateKey,
      WEBHOOK_SECRET: options.webhookSecret,
      GHE_HOST: options.github.host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const parsed: LogEntry[] = [];
  let parsedUpTo = 0;
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line !== ''));
    });
    stream?.on('end', () => {
      if (rest !== '') lines.push(rest);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  let exitedYet = false;
  void exited.then(() => {
    exitedYet = true;
    // For looking into a failure afterwards: DCR_E2E_LOG_DIR=/tmp/somewhere keeps each server's whole output.
    const dir = process.env.DCR_E2E_LOG_DIR;
    if (dir) writeFileSync(join(dir, `${label}-${child.pid}.log`), `${lines.join('\n')}\n`);
  });

  const entries = (): LogEntry[] => {
    for (; parsedUpTo < lines.length; parsedUpTo += 1) {
      const line = lines[parsedUpTo] ?? '';
      if (!line.startsWith('{')) continue;
      try {
        parsed.push(JSON.parse(line) as LogEntry);
      } catch {
        // not a log entry: a stack trace or a warning Node printed
      }
    }
    return parsed;
  };
  const app: AppProcess = {
    label,
    baseUrl,
    pid: child.pid ?? -1,
    child,
    lines,
    entries,
    logged: (message, fields = {}) =>
      entries().some((entry) => entry.msg === message && Object.entries(fields).every(([key, value]) => entry[key] === value)),
    exited,
    peakRssBytes: () => {
      if (exitedYet) return undefined;
      try {
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Number(match[1]) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (!exitedYet) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (!exitedYet) child.kill('SIGKILL');
      await exited;
    },
  };

  const explain = () => `${label}'s output:\n${lines.slice(-40).join('\n')}`;
  try {
    await until(
      `${label} to be ready`,
      async () => {
        if (exitedYet) throw new Error(`${label} exited while starting\n${explain()}`);
        const response = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
        return response?.status === 200 ? true : undefined;
      },
      { timeoutMs: 90_000, explain },
    );
    await until(`${label}'s start-up sweep`, () => (app.logged('sweep for runs left in progress done') ? true : undefined), {
      timeoutMs: 60_000,
      explain,
    });
  } catch (error) {
    await app.kill();
    throw error;
  }
  return app;
}

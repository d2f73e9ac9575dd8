import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { removeAllQueueData } from 'bullmq';
import { Redis } from 'ioredis';
import { BullMQQueue, type BullMQQueueOptions } from '../../src/queue/bullmq.js';
import { job, RecordingHandler, sleep, until } from './recording-handler.js';
import { itBehavesAsAWorkQueue } from './work-queue-behaviour.js';

const redisUrl = process.env.DCR_TEST_REDIS_URL;
// Without a server these tests skip on a workstation, but fail in CI: a suite never skips itself silently there.
const describeRedis = redisUrl || process.env.CI ? describe : describe.skip;
const prefix = 'dcr-test';
const lockMs = 1000;

describeRedis('BullMQQueue', () => {
  let name: string;
  const opened: BullMQQueue<string>[] = [];

  beforeAll(() => {
    if (!redisUrl) throw new Error('DCR_TEST_REDIS_URL is not set: these tests need a Redis server');
  });

  beforeEach(() => {
    name = `reviews-${randomUUID()}`;
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close(0)));
    // It quits the client it is given.
    await removeAllQueueData(new Redis(redisUrl!), name, prefix);
  });

  function replicaOptions(): BullMQQueueOptions<string> {
    return { connection: redisUrl!, name, prefix, lockMs, stalledIntervalMs: 500 };
  }

  function open(onError?: BullMQQueueOptions<string>['onError']): BullMQQueue<string> {
    const queue = new BullMQQueue<string>({ ...replicaOptions(), onError });
    opened.push(queue);
    return queue;
  }

  itBehavesAsAWorkQueue({ open, settleMs: 400 });

  it('shares the work between replicas', async () => {
    const first = open();
    const second = open();
    const handler = new RecordingHandler({ hold: true });
    const ranOnFirst: string[] = [];
    first.process((job, context) => (ranOnFirst.push(job.id), handler.handle(job, context)), { concurrency: 1 });
    second.process(handler.handle, { concurrency: 1 });
    await first.add(job('pr-1', 'a1'));
    await first.add(job('pr-2', 'b1'));
    await until(() => handler.started.length === 2);
    expect(ranOnFirst).toHaveLength(1);
    for (const id of ['a1', 'b1']) handler.release(id);
    await first.idle();
  });

  it('never runs one key on two replicas at once', async () => {
    const first = open();
    const second = open();
    const handler = new RecordingHandler({ workMs: 150 });
    for (const replica of [first, second]) replica.process(handler.handle, { concurrency: 3 });
    // More free slots than keys, and each key's next job arriving while the last one runs.
    const keys = ['pr-1', 'pr-2'];
    for (const round of [1, 2, 3, 4]) {
      for (const key of keys) await first.add(job(key, `${key}/${round}`));
      await sleep(50);
    }
    await first.idle();
    expect(handler.maxRunningPerKey).toBe(1);
    expect(handler.finished).toEqual(expect.arrayContaining(keys.map((key) => `${key}/4`)));
  });

  it('hands the jobs still running at close to another replica, once their key lock expires', async () => {
    const leaving = open();
    const leavingHandler = new RecordingHandler({ hold: true });
    leaving.process(leavingHandler.handle, { concurrency: 1 });
    await leaving.add(job('pr-1', 'a1'));
    await until(() => leavingHandler.started.length === 1);
    const staying = open();
    const stayingHandler = new RecordingHandler();
    staying.process(stayingHandler.handle, { concurrency: 1 });

    expect(await leaving.close(50)).toEqual([job('pr-1', 'a1')]);
    await sleep(lockMs / 2);
    expect(stayingHandler.started).toEqual([]);
    await until(() => stayingHandler.finished.includes('a1'));
  });

  it('finishes the job of a replica killed mid-job on another replica', async () => {
    const survivor = open();
    const killed = startReplicaProcess(replicaOptions());
    try {
      await survivor.add(job('pr-1', 'a1'));
      await outputLine(killed, 'started a1');
      killed.kill('SIGKILL');
      const handler = new RecordingHandler();
      survivor.process(handler.handle, { concurrency: 1 });
      await until(() => handler.finished.includes('a1'));
      expect(handler.started).toEqual(['a1']);
    } finally {
      killed.kill('SIGKILL');
    }
  });
});

type ReplicaProcess = ChildProcessByStdio<null, Readable, null>;

function startReplicaProcess(options: BullMQQueueOptions<string>): ReplicaProcess {
  const script = fileURLToPath(new URL('./replica.mjs', import.meta.url));
  return spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves once the process writes `line`; rejects if it exits first (say, when lib/ was not built). */
function outputLine(child: ReplicaProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.split('\n').includes(line)) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`the replica exited (${signal ?? code}) before "${line}"`)));
  });
}

import { expect, it, jest } from '@jest/globals';
import type { Job, WorkQueue } from '../../src/queue/queue.js';
import { job, RecordingHandler, sleep, until } from './recording-handler.js';

export interface QueueUnderTest {
  /** A new queue, sharing its jobs with the others this test opened; the suite closes it after the test. */
  open(onError?: (job: Job<string> | undefined, error: unknown) => void): WorkQueue<string>;
  /** How long to wait before concluding that something did not happen. */
  settleMs: number;
}

/** The behaviour every WorkQueue shares, as `it` blocks for the calling suite. */
export function itBehavesAsAWorkQueue(subject: QueueUnderTest): void {
  it('collapses a burst for one key to its newest job', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler();
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-1', 'a2'));
    await queue.add(job('pr-1', 'a3'));
    queue.process(handler.handle, { concurrency: 4 });
    await queue.idle();
    expect(handler.started).toEqual(['a3']);
  });

  it('runs one job per key at a time, then the newest that arrived meanwhile', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 4 });
    await queue.add(job('pr-1', 'a1'));
    await until(() => handler.started.length === 1);
    await queue.add(job('pr-1', 'a2'));
    await queue.add(job('pr-1', 'a3'));
    await sleep(subject.settleMs);
    expect(handler.started).toEqual(['a1']);

    handler.release('a1');
    await until(() => handler.started.length === 2);
    handler.release('a3');
    await queue.idle();
    expect(handler.finished).toEqual(['a1', 'a3']);
    expect(handler.maxRunningPerKey).toBe(1);
  });

  it('runs jobs of different keys at once, up to the concurrency', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 2 });
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-2', 'b1'));
    await queue.add(job('pr-3', 'c1'));
    await until(() => handler.started.length === 2);
    await sleep(subject.settleMs);
    expect(handler.started).toEqual(['a1', 'b1']);

    handler.release('a1');
    await until(() => handler.started.length === 3);
    handler.release('b1');
    handler.release('c1');
    await queue.idle();
    expect(handler.maxRunning).toBe(2);
  });

  it('keeps a job added twice once, whether it is waiting or already ran', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler();
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-1', 'a1'));
    queue.process(handler.handle, { concurrency: 1 });
    await queue.idle();
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-1', 'a2'));
    await queue.idle();
    expect(handler.started).toEqual(['a1', 'a2']);
  });

  it('takes ids of any shape: digits only, with colons', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler();
    queue.process(handler.handle, { concurrency: 2 });
    await queue.add(job('org/repo#1', '12345'));
    await queue.add(job('org/repo#2', 'delivery:1:2'));
    await queue.idle();
    expect(handler.started.sort()).toEqual(['12345', 'delivery:1:2']);
  });

  it('tells a running job once a newer one for its key was added', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 2 });
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-2', 'b1'));
    await until(() => handler.started.length === 2);
    const context = handler.contexts.get('a1')!;
    expect(await context.superseded()).toBe(false);

    await queue.add(job('pr-2', 'b2'));
    expect(await context.superseded()).toBe(false);
    await queue.add(job('pr-1', 'a2'));
    expect(await context.superseded()).toBe(true);
    for (const id of ['a1', 'b1']) handler.release(id);
    await until(() => handler.started.length === 4);
    for (const id of ['a2', 'b2']) handler.release(id);
    await queue.idle();
  });

  it('reports a handler that throws and carries on', async () => {
    const onError = jest.fn();
    const queue = subject.open(onError);
    const handler = new RecordingHandler({ failing: ['a1'] });
    queue.process(handler.handle, { concurrency: 1 });
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-2', 'b1'));
    await queue.idle();
    expect(handler.finished).toEqual(['b1']);
    await until(() => onError.mock.calls.length > 0);
    expect(onError).toHaveBeenCalledWith(job('pr-1', 'a1'), new Error('a1 failed'));
  });

  it('on close, waits for the running jobs and returns none when they finish in time', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 1 });
    await queue.add(job('pr-1', 'a1'));
    await until(() => handler.started.length === 1);
    const closed = queue.close(10_000);
    await sleep(subject.settleMs);
    handler.release('a1');
    expect(await closed).toEqual([]);
    expect(handler.finished).toEqual(['a1']);
  });

  it('on close, starts nothing more and returns the jobs still running when the timeout passes', async () => {
    const queue = subject.open();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 1 });
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-2', 'b1'));
    await until(() => handler.started.length === 1);
    expect(await queue.close(subject.settleMs)).toEqual([job('pr-1', 'a1')]);
    handler.release('a1');
    await sleep(subject.settleMs);
    expect(handler.started).toEqual(['a1']);
    await expect(queue.add(job('pr-3', 'c1'))).rejects.toThrow('the queue is closed');
  });

  it('is idle once nothing waits or runs', async () => {
    const queue = subject.open();
    await queue.idle();
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 1 });
    await queue.add(job('pr-1', 'a1'));
    let idle = false;
    const idled = queue.idle().then(() => (idle = true));
    await until(() => handler.started.length === 1);
    await sleep(subject.settleMs);
    expect(idle).toBe(false);
    handler.release('a1');
    await idled;
  });
}

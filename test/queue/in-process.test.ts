import { afterEach, describe, expect, it } from '@jest/globals';
import { InProcessQueue } from '../../src/queue/in-process.js';
import type { WorkQueue } from '../../src/queue/queue.js';
import { job, RecordingHandler, until } from './recording-handler.js';
import { itBehavesAsAWorkQueue } from './work-queue-behaviour.js';

const opened: WorkQueue<string>[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close(0)));
});

describe('InProcessQueue', () => {
  itBehavesAsAWorkQueue({
    open: (onError) => {
      const queue = new InProcessQueue<string>({ onError });
      opened.push(queue);
      return queue;
    },
    settleMs: 20,
  });

  it('serves keys in the order they became ready, so a busy key cannot starve the others', async () => {
    const queue = new InProcessQueue<string>();
    opened.push(queue);
    const handler = new RecordingHandler({ hold: true });
    queue.process(handler.handle, { concurrency: 1 });
    await queue.add(job('pr-1', 'a1'));
    await queue.add(job('pr-2', 'b1'));
    await queue.add(job('pr-1', 'a2'));
    for (const id of ['a1', 'b1', 'a2']) {
      await until(() => handler.started.includes(id));
      handler.release(id);
    }
    await queue.idle();
    expect(handler.started).toEqual(['a1', 'b1', 'a2']);
  });

  it('discards the waiting jobs on close', async () => {
    const queue = new InProcessQueue<string>();
    await queue.add(job('pr-1', 'a1'));
    expect(await queue.close(0)).toEqual([]);
    await queue.idle();
    expect(() => queue.process(new RecordingHandler().handle, { concurrency: 1 })).toThrow('the queue is closed');
  });

  it('forgets the oldest ids beyond the number it remembers', async () => {
    const queue = new InProcessQueue<string>({ rememberedIds: 2 });
    opened.push(queue);
    const handler = new RecordingHandler();
    queue.process(handler.handle, { concurrency: 1 });
    for (const id of ['a1', 'b1', 'c1', 'a1']) await queue.add(job(`pr-${id}`, id));
    await queue.idle();
    expect(handler.started).toEqual(['a1', 'b1', 'c1', 'a1']);
  });
});

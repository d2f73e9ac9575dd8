// Sends webhook deliveries for the end-to-end tests from a process of its own, and times the answers there.
// The test's process also hosts the stand-in GitHub, whose git commands keep its event loop busy in a burst; timed
// from there, a delivery's response time would include those delays rather than measure the app.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';

// How late this process ran its callbacks: a response time it measured includes such delays, the machine's doing.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function readLoopDelay() {
  const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  loopDelay.reset();
  return delay;
}

async function post(url, headers, body) {
  const sentAt = Date.now();
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return { status: response.status, sentAt, ms: performance.now() - started };
  } catch (error) {
    const cause = error?.cause;
    return { status: 0, sentAt, ms: performance.now() - started, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

/** `count` deliveries made from the templates with fresh ids, sent by `concurrency` senders as fast as they go. */
async function flood({ url, templates, count, concurrency }) {
  const answers = [];
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let index = next++; index < count; index = next++) {
      const template = templates[index % templates.length];
      answers.push(await post(url, { ...template.headers, 'x-github-delivery': randomUUID() }, template.body));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return { answers, ms: performance.now() - started };
}

process.on('message', (message) => {
  const work =
    message.kind === 'flood' ? flood(message) : message.kind === 'loop-delay' ? Promise.resolve(readLoopDelay()) : post(message.url, message.headers, message.body);
  void work.then((result) => process.send({ id: message.id, result }));
});
process.on('disconnect', () => process.exit(0));

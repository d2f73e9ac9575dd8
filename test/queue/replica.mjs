// A replica in a process of its own, for the test that kills one mid-job. It runs the compiled queue (npm run build),
// reports each job it starts on stdout, and never finishes one.
import { BullMQQueue } from '../../lib/queue/bullmq.js';

const queue = new BullMQQueue(JSON.parse(process.argv[2]));
queue.process(
  async (job) => {
    process.stdout.write(`started ${job.id}\n`);
    await new Promise(() => undefined);
  },
  { concurrency: 1 },
);

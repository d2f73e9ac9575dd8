import { Replayer } from '../../lib/assets/postgres/replayer.js';

/**
 * Builds the embedded Postgres image (cached per machine) once, before the test workers start: otherwise every worker
 * that replays would pay its own initdb on a fresh machine, all at once.
 */
export default async function buildPostgresImage() {
  const replayer = new Replayer({ workerUrl: new URL('../../lib/assets/postgres/replay-worker.js', import.meta.url) });
  try {
    await replayer.warmUp();
  } finally {
    await replayer.close();
  }
}

import { Replayer } from '../../src/assets/postgres/replayer.js';

/** The worker runs as compiled JavaScript: `npm test` builds first (the `pretest` script). */
export const COMPILED_WORKER = new URL('../../lib/assets/postgres/replay-worker.js', import.meta.url);

export function testReplayer(): Replayer {
  return new Replayer({ workerUrl: COMPILED_WORKER });
}

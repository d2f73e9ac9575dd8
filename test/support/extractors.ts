import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { SchemaRegistry } from '../../src/registry/port.js';
import { createEngine } from '../../src/review/engine.js';
import type { Extractors } from '../../src/review/run.js';

/** SQLite's replay worker runs as compiled JavaScript, like Postgres's; it starts only for a SQLite contract. */
const SQLITE_WORKER = new URL('../../lib/assets/sqlite/replay-worker.js', import.meta.url);

const PRISMA_WORKER = new URL('../../lib/assets/prisma/engine-worker.js', import.meta.url);
const TYPESCRIPT_WORKER = new URL('../../lib/assets/typescript/analysis-worker.js', import.meta.url);

/**
 * A test process is large already (the modules of every suite it ran), so a sandbox's bound on the process's memory
 * would trip on it rather than on what a test replays: tests lift it, and the bound has a test of its own.
 */
export const UNBOUNDED_PROCESS_MEMORY = Number.MAX_SAFE_INTEGER;

/** Every asset reader, as the CLI and the app build them, with the test's replayer and registry. */
export function testExtractors(replayer: Replayer, registry?: SchemaRegistry): Extractors {
  return createEngine({
    replayer,
    sqliteReplayer: { workerUrl: SQLITE_WORKER, maxResidentBytes: UNBOUNDED_PROCESS_MEMORY },
    prisma: { workerUrl: PRISMA_WORKER },
    typescript: { workerUrl: TYPESCRIPT_WORKER },
    ...(registry ? { registry } : {}),
  }).extractors;
}

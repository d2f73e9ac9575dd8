import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { SchemaRegistry } from '../../src/registry/port.js';
import { createEngine } from '../../src/review/engine.js';
import type { Extractors } from '../../src/review/run.js';

/** Every asset reader, as the CLI and the app build them, with the test's replayer and registry. */
export function testExtractors(replayer: Replayer, registry?: SchemaRegistry): Extractors {
  return createEngine({ replayer, ...(registry ? { registry } : {}) }).extractors;
}

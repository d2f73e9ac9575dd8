import { eventSchemaExtractor } from '../../src/assets/events/formats.js';
import { PostgresExtractor } from '../../src/assets/postgres/extractor.js';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { SchemaRegistry } from '../../src/registry/port.js';
import type { Extractors } from '../../src/review/run.js';

/** Every asset reader, as the CLI and the app build them, with the test's replayer and registry. */
export function testExtractors(replayer: Replayer, registry?: SchemaRegistry): Extractors {
  return { postgres: new PostgresExtractor(replayer), events: eventSchemaExtractor(registry) };
}

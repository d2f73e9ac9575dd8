import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfluentRegistry } from '../../src/registry/client.js';
import type { SchemaRegistry } from '../../src/registry/port.js';
import type { RuleExample } from '../../src/rules/catalogue.js';
import { EXAMPLE_SUBJECT } from '../../src/rules/example-files.js';
import { startFakeRegistry } from './fake-registry.js';

/** The registry a rule's example asks, as the example describes it; undefined when it asks none. */
export async function exampleRegistry(example: RuleExample): Promise<{ client: SchemaRegistry; close(): Promise<void> } | undefined> {
  if (!example.registry) return undefined;
  if (example.registry === 'unreachable') {
    const url = await closedLoopbackUrl();
    return { client: new ConfluentRegistry({ url, timeoutMs: 2000, retryDelayMs: 10 }), close: async () => undefined };
  }
  const registry = await startFakeRegistry();
  if (example.registry === 'base-registered') registry.register(EXAMPLE_SUBJECT, { schemaType: 'AVRO', schema: example.before[0]! });
  return { client: new ConfluentRegistry({ url: registry.url }), close: () => registry.close() };
}

/** A loopback address where nothing listens any more. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

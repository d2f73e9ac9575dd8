import { PrismaSchemaEngine, type PrismaEngineOptions } from '../../../src/assets/prisma/engine.js';

/** The worker runs as compiled JavaScript: `npm test` builds first (the `pretest` script). */
export const COMPILED_ENGINE_WORKER = new URL('../../../lib/assets/prisma/engine-worker.js', import.meta.url);

export function testPrismaEngine(options: Omit<PrismaEngineOptions, 'workerUrl'> = {}): PrismaSchemaEngine {
  return new PrismaSchemaEngine({ workerUrl: COMPILED_ENGINE_WORKER, ...options });
}

/** A Prisma 7 datasource (no `url`: it moved to prisma.config.ts). */
export const POSTGRES = 'datasource db {\n  provider = "postgresql"\n}\n';

/** A schema file: the datasource, then each block after a blank line. */
export function schema(...blocks: string[]): string {
  return [POSTGRES, ...blocks].join('\n');
}

/** The 1-based line of the first line of `text` that contains `snippet`; fails the test when there is none. */
export function lineWith(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`no line contains ${snippet}`);
  return index + 1;
}

const CONSUMERS = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/** A contract on a Prisma model; `fields` are YAML lines under `fields:`. */
export function contract(id: string, model: string, fields: string, source = 'prisma/schema.prisma'): string {
  return `id: ${id}\nasset:\n  type: prisma\n  name: ${model}\n  source: ${source}\nfields:\n${fields}${CONSUMERS}`;
}

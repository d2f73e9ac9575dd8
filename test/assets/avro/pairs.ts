import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';

const PAIRS = join(dirname(fileURLToPath(import.meta.url)), 'pairs');

/**
 * One fixture case: `before.avsc` and `after.avsc` (the record under test is the main file's top-level record), any
 * `before.<name>.avsc` / `after.<name>.avsc` files they use, and the rule ids expected in each direction.
 */
export interface SchemaPair {
  name: string;
  before: SchemaFile[];
  after: SchemaFile[];
  expect: Record<CompatibilityDirection, string[]>;
}

export function loadPairs(): SchemaPair[] {
  return readdirSync(PAIRS).sort().map((name) => {
    const directory = join(PAIRS, name);
    const files = readdirSync(directory).sort();
    const version = (side: 'before' | 'after') => {
      const main = `${side}.avsc`;
      const others = files.filter((file) => file.startsWith(`${side}.`) && file !== main);
      return [main, ...others].map((file) => ({ path: `schemas/${file}`, text: readFileSync(join(directory, file), 'utf8') }));
    };
    const expect = JSON.parse(readFileSync(join(directory, 'expect.json'), 'utf8')) as SchemaPair['expect'];
    return { name, before: version('before'), after: version('after'), expect };
  });
}

/** The full name of the record a version's main file defines at its top level. */
export function mainRecordName(files: readonly SchemaFile[]): string {
  const schema = JSON.parse(files[0]!.text) as { name: string; namespace?: string };
  return schema.namespace ? `${schema.namespace}.${schema.name}` : schema.name;
}

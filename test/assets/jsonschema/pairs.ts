import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';

const PAIRS = join(dirname(fileURLToPath(import.meta.url)), 'pairs');

/** The asset of every pair: `schemas/order.json`, with no `$id` unless the case needs one. */
export const ORDER_PATH = 'schemas/order.json';

export type Policy = 'lenient' | 'strict';

/**
 * One fixture case. Each version is `before.json` / `after.json` (the asset alone), or a `before/` / `after/`
 * directory holding `order.json` and the files it refers to, placed under `schemas/`. `expect.json` lists the rule
 * ids expected in each direction under each policy.
 */
export interface SchemaPair {
  name: string;
  before: SchemaFile[];
  after: SchemaFile[];
  expect: Record<CompatibilityDirection, Record<Policy, string[]>>;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function version(directory: string, side: 'before' | 'after'): SchemaFile[] {
  const single = join(directory, `${side}.json`);
  const paths = readdirSync(directory).includes(`${side}.json`) ? [single] : filesUnder(join(directory, side));
  const pathOf = (file: string) => (file === single ? ORDER_PATH : `schemas/${relative(join(directory, side), file)}`);
  const files = paths.map((file) => ({ path: pathOf(file), text: readFileSync(file, 'utf8') }));
  return [...files.filter((file) => file.path === ORDER_PATH), ...files.filter((file) => file.path !== ORDER_PATH)];
}

export function loadPairs(): SchemaPair[] {
  return readdirSync(PAIRS)
    .sort()
    .map((name) => {
      const directory = join(PAIRS, name);
      const expect = JSON.parse(readFileSync(join(directory, 'expect.json'), 'utf8')) as SchemaPair['expect'];
      return { name, before: version(directory, 'before'), after: version(directory, 'after'), expect };
    });
}

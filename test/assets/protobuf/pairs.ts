import { readdirSync, readFileSync } from 'node:fs';
import type { SchemaFile, SchemaRead } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';

const PAIRS = new URL('./pairs/', import.meta.url);

export type Level = 'WIRE' | 'WIRE_JSON' | 'PACKAGE' | 'FILE';

/**
 * One fixture pair: `before.proto` and `after.proto` are the asset's file, `proto/acme/order.proto`, defining
 * `acme.Order`. Other files are `proto/acme/<name>.proto` in the version their prefix names (`before.money.proto`,
 * `after.money.proto`), or in both without a prefix (`money.proto`); dots in `<name>` are folders
 * (`after.v2.status.proto` is `proto/acme/v2/status.proto`).
 */
export interface Pair {
  name: string;
  before: SchemaFile[];
  after: SchemaFile[];
  /** The rule ids buf's categories find at each level; a level left out of expect.json is not checked. */
  expect: Partial<Record<Level, string[]>>;
}

type Version = 'before' | 'after';

function isVersion(word: string | undefined): word is Version {
  return word === 'before' || word === 'after';
}

/** Which versions a fixture file belongs to, and its path in them. */
function placeOf(entry: string): { versions: Version[]; path: string } {
  const words = entry.replace(/\.proto$/, '').split('.');
  const [first] = words;
  const versions: Version[] = isVersion(first) ? [first] : ['before', 'after'];
  const name = (isVersion(first) ? words.slice(1) : words).join('/') || 'order';
  return { versions, path: `proto/acme/${name}.proto` };
}

function readPair(name: string): Pair {
  const folder = new URL(`${name}/`, PAIRS);
  const pair: Pair = { name, before: [], after: [], expect: JSON.parse(readFileSync(new URL('expect.json', folder), 'utf8')) };
  for (const entry of readdirSync(folder).filter((file) => file.endsWith('.proto')).sort()) {
    const text = readFileSync(new URL(entry, folder), 'utf8');
    const { versions, path } = placeOf(entry);
    for (const version of versions) pair[version].push({ path, text });
  }
  return pair;
}

export function readPairs(): Pair[] {
  return readdirSync(PAIRS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readPair(entry.name));
}

function parsed(pair: Pair, read: SchemaRead<ProtobufSchema>): ProtobufSchema {
  if (read.status !== 'present') throw new Error(`${pair.name}: expected acme.Order, got ${JSON.stringify(read)}`);
  return read.parsed;
}

/** The rule ids the product finds for a pair at a level, sorted. */
export function productRules(pair: Pair, level: Level): string[] {
  const before = parsed(pair, protobufFormat.read(pair.before, 'acme.Order'));
  const after = parsed(pair, protobufFormat.read(pair.after, 'acme.Order'));
  const found = protobufFormat.incompatibilities(before, after, 'backward', { level });
  return [...new Set(found.map((incompatibility) => incompatibility.rule))].sort();
}

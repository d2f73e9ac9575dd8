import { describe, expect, it } from '@jest/globals';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';
import type { JsonSchemaAsset } from '../../../src/assets/jsonschema/asset.js';
import { JSON_SCHEMA_RULES } from '../../../src/rules/jsonschema-rules.js';
import { loadPairs, ORDER_PATH, type Policy } from './pairs.js';

const pairs = loadPairs();
const CASES: [CompatibilityDirection, Policy][] = [
  ['backward', 'lenient'],
  ['backward', 'strict'],
  ['forward', 'lenient'],
  ['forward', 'strict'],
];

function read(files: readonly SchemaFile[]): JsonSchemaAsset {
  const result = jsonSchemaFormat.read(files, ORDER_PATH);
  if (result.status !== 'present') throw new Error(`${files[0]?.path}: ${JSON.stringify(result)}`);
  return result.parsed;
}

describe.each(pairs.map((pair) => [pair.name, pair] as const))('pair %s', (_name, pair) => {
  const [older, newer] = [read(pair.before), read(pair.after)];

  it.each(CASES)('%s, %s policy: finds the expected rules', (direction, policy) => {
    const rules = jsonSchemaFormat.incompatibilities(older, newer, direction, { policy }).map((problem) => problem.rule);
    expect(rules.sort()).toEqual([...pair.expect[direction][policy]].sort());
  });

  it.each(CASES)('%s, %s policy: says where each problem is, in the newer files when they have it', (direction, policy) => {
    for (const problem of jsonSchemaFormat.incompatibilities(older, newer, direction, { policy })) {
      expect(problem.location).toBeDefined();
      expect(problem.message).toMatch(/^(Field \S+|The schema): .+\.$/);
    }
  });
});

it('is lenient unless the contract asks for the strict policy', () => {
  const pair = pairs.find((candidate) => candidate.name === 'optional-property-added-open');
  if (!pair) throw new Error('the optional-property-added-open pair is missing');
  const found = jsonSchemaFormat.incompatibilities(read(pair.before), read(pair.after), 'backward', {});
  expect(found).toEqual([]);
});

it('has a pair for every JSON Schema rule, and at least forty pairs', () => {
  const expected = new Set(pairs.flatMap((pair) => Object.values(pair.expect).flatMap((byPolicy) => Object.values(byPolicy).flat())));
  expect([...expected].sort()).toEqual(JSON_SCHEMA_RULES.map((rule) => rule.id).sort());
  expect(pairs.length).toBeGreaterThanOrEqual(40);
});

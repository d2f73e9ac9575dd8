import { describe, expect, it } from '@jest/globals';
import avsc from 'avsc';
import { avroFormat } from '../../../src/assets/avro/format.js';
import type { AvroSchema } from '../../../src/assets/avro/model.js';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';
import { loadPairs, mainRecordName } from './pairs.js';

const pairs = loadPairs();
const DIRECTIONS: CompatibilityDirection[] = ['backward', 'forward'];

/**
 * Where avsc's verdict knowingly differs from ours, by `case/direction`. avsc is given no logical type classes (as
 * registries' Java checker, it ignores logical types), so it reads every decimal as plain bytes.
 */
const AVSC_DIFFERS: Record<string, string> = {
  'decimal-scale-changed/backward': 'avsc reads decimals as bytes: another scale reads other numbers',
  'decimal-scale-changed/forward': 'avsc reads decimals as bytes: another scale reads other numbers',
  'decimal-on-fixed-scale-changed/backward': 'avsc reads decimals as their fixed: another scale reads other numbers',
  'decimal-on-fixed-scale-changed/forward': 'avsc reads decimals as their fixed: another scale reads other numbers',
  'decimal-precision-widened/forward': 'avsc reads decimals as bytes: the old reader\'s precision is too small',
  'decimal-precision-narrowed/backward': 'avsc reads decimals as bytes: the new reader\'s precision is too small',
};

function read(files: readonly SchemaFile[]): AvroSchema {
  const result = avroFormat.read(files, mainRecordName(files));
  if (result.status !== 'present') throw new Error(`${files[0]!.path}: ${JSON.stringify(result)}`);
  return result.parsed;
}

/** avsc's own reading of a version: the files it uses first, in one registry, then the main file. */
function avscType(files: readonly SchemaFile[]): avsc.Type {
  const registry: Record<string, avsc.Type> = {};
  const [main, ...used] = files;
  for (const file of used) avsc.Type.forSchema(JSON.parse(file.text) as avsc.Schema, { registry });
  return avsc.Type.forSchema(JSON.parse(main!.text) as avsc.Schema, { registry });
}

/** Whether avsc resolves the writer with the reader; namespaces ignored, as the specification matches unqualified names. */
function avscCompatible(reader: avsc.Type, writer: avsc.Type): boolean {
  try {
    reader.createResolver(writer, { ignoreNamespaces: true });
    return true;
  } catch {
    return false;
  }
}

describe.each(pairs.map((pair) => [pair.name, pair] as const))('pair %s', (_name, pair) => {
  const [older, newer] = [read(pair.before), read(pair.after)];

  it.each(DIRECTIONS)('%s: finds the expected rules', (direction) => {
    const rules = avroFormat.incompatibilities(older, newer, direction, {}).map((problem) => problem.rule);
    expect(rules.sort()).toEqual([...pair.expect[direction]].sort());
  });

  it.each(DIRECTIONS)('%s: agrees with avsc on compatibility, or differs for a listed reason', (direction) => {
    const [olderType, newerType] = [avscType(pair.before), avscType(pair.after)];
    const [reader, writer] = direction === 'backward' ? [newerType, olderType] : [olderType, newerType];
    const ours = avroFormat.incompatibilities(older, newer, direction, {}).length === 0;
    const differs = `${pair.name}/${direction}` in AVSC_DIFFERS;
    expect(avscCompatible(reader, writer)).toBe(differs ? !ours : ours);
  });
});

it('has a pair for every Avro rule, and at least forty pairs', () => {
  const expected = new Set(pairs.flatMap((pair) => [...pair.expect.backward, ...pair.expect.forward]));
  expect([...expected].sort()).toEqual([
    'avro-decimal-mismatch',
    'avro-enum-symbol-missing',
    'avro-field-missing-default',
    'avro-fixed-size-mismatch',
    'avro-name-mismatch',
    'avro-type-mismatch',
    'avro-union-branch-missing',
  ]);
  expect(pairs.length).toBeGreaterThanOrEqual(40);
});

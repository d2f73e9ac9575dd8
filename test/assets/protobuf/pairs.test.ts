import { describe, expect, it } from '@jest/globals';
import type { SchemaRead } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import { BUF_RULES, type BufRule, ruleId } from '../../../src/rules/protobuf-levels.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';
import { type Level, productRules, readPairs } from './pairs.js';

const pairs = readPairs();

function parsed(read: SchemaRead<ProtobufSchema>): ProtobufSchema {
  if (read.status !== 'present') throw new Error(`expected acme.Order, got ${JSON.stringify(read)}`);
  return read.parsed;
}

const table = pairs.flatMap((pair) =>
  Object.entries(pair.expect).map(([level, rules]) => [pair.name, level as Level, [...rules].sort(), pair] as const),
);

describe('buf breaking-change rules over the fixture pairs', () => {
  it('has pairs enough to cover the rules', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(100);
  });

  it.each(table)('%s at %s finds %j', (_name, level, rules, pair) => {
    expect(productRules(pair, level)).toEqual(rules);
  });

  it('makes every rule fire in some pair', () => {
    const expected = new Set(pairs.flatMap((pair) => Object.values(pair.expect).flat()));
    const missing = (Object.keys(BUF_RULES) as BufRule[]).map(ruleId).filter((id) => !expected.has(id));
    expect(missing).toEqual([]);
  });

  it('judges both directions alike, as buf does', () => {
    const pair = pairs.find((candidate) => candidate.name === 'field-number-reused')!;
    const before = parsed(protobufFormat.read(pair.before, 'acme.Order'));
    const after = parsed(protobufFormat.read(pair.after, 'acme.Order'));
    expect(protobufFormat.incompatibilities(before, after, 'forward', {})).toEqual(protobufFormat.incompatibilities(before, after, 'backward', {}));
  });
});

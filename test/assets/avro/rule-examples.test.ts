import { describe, expect, it } from '@jest/globals';
import { avroFormat } from '../../../src/assets/avro/format.js';
import type { AvroSchema } from '../../../src/assets/avro/model.js';
import type { CompatibilityDirection } from '../../../src/assets/events/format.js';
import { AVRO_RULES } from '../../../src/rules/avro-rules.js';

/** The example's files as the catalogue names them: the main file first. */
function read(texts: readonly string[]): AvroSchema {
  const files = texts.map((text, index) => ({ path: index === 0 ? 'schemas/order.avsc' : `schemas/extra-${index}.avsc`, text }));
  const result = avroFormat.read(files, 'com.acme.Order');
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result.parsed;
}

describe.each(AVRO_RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const { example } = rule;
  const direction: CompatibilityDirection = example.asset.includes('FORWARD') ? 'forward' : 'backward';

  it('fires on its example in the direction the example\'s contract asks for', () => {
    const rules = avroFormat.incompatibilities(read(example.before), read(example.after), direction, {}).map((problem) => problem.rule);
    expect(rules).toEqual([id]);
  });

  it('is an Avro example that blocks, says when it is checked, and names its severity policy', () => {
    expect(example).toMatchObject({ assetType: 'avro', expect: 'blocking' });
    expect(rule).toMatchObject({ kind: 'change', severityPolicy: 'consumers' });
    expect(rule.description).toContain('`asset.compatibility`');
  });
});

import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';
import { exampleContract, exampleFiles, exampleLayout } from '../../../src/rules/example-files.js';
import { JSON_SCHEMA_RULES } from '../../../src/rules/jsonschema-rules.js';
import type { RuleExample } from '../../../src/rules/rule.js';

function read(example: RuleExample, texts: readonly string[]) {
  const files: SchemaFile[] = Object.entries(exampleFiles(example, texts)).map(([path, text]) => ({ path, text }));
  const result = jsonSchemaFormat.read(files, exampleLayout(example).asset);
  if (result.status !== 'present') throw new Error(`the example does not read: ${JSON.stringify(result)}`);
  return result.parsed;
}

interface ExampleAsset {
  compatibility: string;
  policy?: 'strict' | 'lenient';
}

describe.each(JSON_SCHEMA_RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const { example } = rule;
  const asset = (parse(exampleContract(example)) as { asset: ExampleAsset }).asset;

  it('fires alone on its example, in the direction and with the policy its contract sets', () => {
    const direction: CompatibilityDirection = asset.compatibility === 'FORWARD' ? 'forward' : 'backward';
    const found = jsonSchemaFormat.incompatibilities(read(example, example.before), read(example, example.after), direction, { policy: asset.policy });
    expect(found.map((problem) => problem.rule)).toEqual([id]);
  });

  it('is a blocking JSON Schema example that says when it is checked', () => {
    expect(example).toMatchObject({ assetType: 'jsonschema', expect: 'blocking' });
    expect(rule).toMatchObject({ kind: 'change', severityPolicy: 'consumers' });
    expect(rule.description).toContain('`asset.compatibility`');
    expect(rule.description).toContain('all the contract\'s consumers');
  });
});

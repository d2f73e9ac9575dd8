import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import { BUF_RULES, type BufRule, ruleId } from '../../../src/rules/protobuf-levels.js';
import { exampleContract, exampleFiles } from '../../../src/rules/example-files.js';
import { PROTOBUF_RULES } from '../../../src/rules/protobuf-rules.js';
import type { RuleExample } from '../../../src/rules/rule.js';

function read(example: RuleExample, texts: readonly string[]) {
  const files: SchemaFile[] = Object.entries(exampleFiles(example, texts)).map(([path, text]) => ({ path, text }));
  const result = protobufFormat.read(files, 'acme.Order');
  if (result.status !== 'present') throw new Error(`the example does not read: ${JSON.stringify(result)}`);
  return result.parsed;
}

describe('the Protobuf rules', () => {
  it('define one rule for each buf rule the checks apply', () => {
    const checked = (Object.keys(BUF_RULES) as BufRule[]).map(ruleId).sort();
    expect(PROTOBUF_RULES.map((rule) => rule.id).sort()).toEqual(checked);
  });

  it.each(PROTOBUF_RULES.map((rule) => [rule.id, rule] as const))('%s names its buf rule', (id, rule) => {
    const bufRule = (Object.keys(BUF_RULES) as BufRule[]).find((candidate) => ruleId(candidate) === id);
    expect(rule.description).toContain(`\`${bufRule}\``);
  });

  it.each(PROTOBUF_RULES.map((rule) => [rule.id, rule] as const))('%s fires on its example at the level the contract sets', (id, rule) => {
    const { example } = rule;
    const contract = parse(exampleContract(example)) as { asset: { level?: 'WIRE' | 'WIRE_JSON' | 'PACKAGE' | 'FILE' } };
    const found = protobufFormat.incompatibilities(read(example, example.before), read(example, example.after), 'backward', {
      level: contract.asset.level,
    });
    expect(found.map((incompatibility) => incompatibility.rule)).toContain(id);
  });
});

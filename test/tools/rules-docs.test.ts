import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../src/rules/catalogue.js';
import { renderRulesMarkdown } from '../../src/tools/rules-docs.js';

describe('docs/rules.md', () => {
  it('has a table row and a section with the example for every rule', () => {
    const markdown = renderRulesMarkdown();
    for (const rule of RULES) {
      const format = rule.example.assetType ?? 'postgres';
      expect(markdown).toContain(`| [\`${rule.id}\`](#${rule.id}) | ${rule.kind} | ${rule.severityPolicy} | ${format} | ${rule.title} |`);
      expect(markdown).toContain(`## \`${rule.id}\``);
      for (const body of [rule.example.contract, rule.example.contractAfter]) if (body) expect(markdown).toContain(body.trimEnd());
      expect(markdown).toContain(`Finding: \`${rule.id}\`, severity \`${rule.example.expect}\`.`);
    }
  });
});

import { RULES, type RuleDefinition } from './catalogue.js';

const POLICIES: Record<RuleDefinition['severityPolicy'], string> = {
  consumers:
    '`blocking` if a blocking consumer uses the field (or, for the asset itself, any consumer is blocking), `advisory` if only advisory consumers do, `info` if none does; a `draft` contract never blocks',
  info: 'always `info`: nothing a consumer relies on breaks',
  drift: 'always `drift`: the base commit already breaks the contract, so it is reported but never blamed on the change',
  error: '`error` when the head cannot be built, which fails the check; `drift` when only the base cannot be built',
};

function sqlBlock(files: readonly string[]): string {
  const body = files.map((text, index) => `-- migration ${index + 1}\n${text.trim()}`).join('\n\n');
  return ['```sql', body, '```'].join('\n');
}

function ruleSection(rule: RuleDefinition): string {
  const { example } = rule;
  return [
    `## \`${rule.id}\``,
    '',
    `**${rule.title}.** ${rule.description}`,
    '',
    `Kind: ${rule.kind}. Severity: ${POLICIES[rule.severityPolicy]}.`,
    '',
    'Contract (the `fields` and `consumers` of a contract for `public.orders`):',
    '',
    '```yaml',
    example.contract.trimEnd(),
    '```',
    '',
    'Migrations at the base commit:',
    '',
    sqlBlock(example.before),
    '',
    'Migrations at the head commit:',
    '',
    sqlBlock(example.after),
    '',
    `Finding: \`${rule.id}\`, severity \`${example.expect}\`.`,
  ].join('\n');
}

/** The rule catalogue as Markdown: docs/rules.md is this, generated, never edited by hand. */
export function renderRulesMarkdown(rules: readonly RuleDefinition[] = RULES): string {
  const table = [
    '| id | kind | severity | title |',
    '|---|---|---|---|',
    ...rules.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.kind} | ${rule.severityPolicy} | ${rule.title} |`),
  ];
  return [
    '# Rules',
    '',
    '<!-- Generated from src/rules/catalogue.ts by src/rules/generate-docs.ts; edit those, not this file. -->',
    '',
    'Every finding names one of these rules. Ids are stable: they are never renamed. Change rules judge what the',
    'pull request does to an asset; conformance rules report drift, a guarantee the base commit already breaks; the',
    'error rule reports an asset that could not be built. Each example is real Postgres SQL that makes its rule fire.',
    '',
    ...table,
    '',
    rules.map(ruleSection).join('\n\n'),
    '',
  ].join('\n');
}

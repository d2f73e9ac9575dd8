import { RULES, type RuleDefinition, type RuleExample } from '../rules/catalogue.js';
import { EXAMPLE_SUBJECT, exampleContractAt, exampleFiles, exampleLayout } from '../rules/example-files.js';

const POLICIES: Record<RuleDefinition['severityPolicy'], string> = {
  consumers:
    'by the consumers that rely on what changed (those that use the field; every consumer of the contract for the asset or the whole schema): `blocking` if any of them blocks (`advisory` instead on a `draft` contract, which never blocks), `advisory` if only advisory ones do; `info` when none does or the change breaks nothing they rely on; `drift` when the base commit already broke it, so it is reported but never blamed on the change',
  owner:
    '`blocking` until the contract\'s owner approves the pull request, agreeing to keep the new guarantee (`advisory` instead on a `draft` contract)',
  info: 'always `info`: nothing a consumer relies on breaks',
  drift: 'always `drift`: the base commit already breaks the contract, so it is reported but never blamed on the change',
  advisory: 'always `advisory`: flagged, never blocking',
  error: 'an `error`, which fails the check (the change cannot be judged, or a check it needs could not run); `drift` when only the base commit has it',
};

function filesBlock(example: RuleExample, files: readonly string[]): string {
  const { language } = exampleLayout(example);
  const body = Object.entries(exampleFiles(example, files)).map(([path, text]) => `${language === 'sql' ? '--' : '//'} ${path}\n${text.trim()}`);
  return ['```' + language, body.join('\n\n'), '```'].join('\n');
}

/** The contract once, or as the base and the head commits have it when the example's pull request changes it. */
function contractBlocks(example: RuleExample): string[] {
  const yaml = (text: string | undefined) => (text === undefined ? ['(no contract file)'] : ['```yaml', text.trimEnd(), '```']);
  const [base, head] = [exampleContractAt(example, 'base'), exampleContractAt(example, 'head')];
  if (base === head) return ['Contract:', '', ...yaml(base), ''];
  return ['Contract at the base commit:', '', ...yaml(base), '', 'Contract at the head commit:', '', ...yaml(head), ''];
}

const REGISTRY_STATES: Record<NonNullable<RuleExample['registry']>, string> = {
  'base-registered': `The registry holds the base's schema as the latest version of subject \`${EXAMPLE_SUBJECT}\` (compatibility BACKWARD).`,
  empty: `The registry has no version of subject \`${EXAMPLE_SUBJECT}\`.`,
  unreachable: 'The registry does not answer.',
};

function ruleSection(rule: RuleDefinition): string {
  const { example } = rule;
  return [
    `## \`${rule.id}\``,
    '',
    `**${rule.title}.** ${rule.description}`,
    '',
    `Kind: ${rule.kind}. Severity: ${POLICIES[rule.severityPolicy]}.`,
    '',
    ...contractBlocks(example),
    'At the base commit:',
    '',
    filesBlock(example, example.before),
    '',
    'At the head commit:',
    '',
    filesBlock(example, example.after),
    '',
    ...(example.registry ? [REGISTRY_STATES[example.registry], ''] : []),
    `Finding: \`${rule.id}\`, severity \`${example.expect}\`.`,
  ].join('\n');
}

/** The rule catalogue as Markdown: docs/rules.md is this, generated, never edited by hand. */
export function renderRulesMarkdown(rules: readonly RuleDefinition[] = RULES): string {
  const table = [
    '| id | kind | severity | example | title |',
    '|---|---|---|---|---|',
    ...rules.map(
      (rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.kind} | ${rule.severityPolicy} | ${rule.example.assetType ?? 'postgres'} | ${rule.title} |`,
    ),
  ];
  return [
    '# Rules',
    '',
    '<!-- Generated from src/rules/catalogue.ts by npm run generate; edit the rules, not this file. -->',
    '',
    'Every finding names one of these rules. Ids are stable: they are never renamed. Change rules judge what the',
    'pull request does to an asset; conformance rules report drift, a guarantee the base commit already breaks; the',
    'error rules report an asset that could not be built or a check that could not run. Rules without a format prefix',
    'apply to every asset type; `avro-`, `protobuf-` and `jsonschema-` rules are the whole-schema compatibility checks',
    'a contract asks for with `asset.compatibility`. Each example is a real review: its files make its rule fire.',
    '',
    ...table,
    '',
    rules.map(ruleSection).join('\n\n'),
    '',
  ].join('\n');
}

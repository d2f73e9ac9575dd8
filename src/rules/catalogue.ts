import { AGREEMENT_RULES } from './agreement-rules.js';
import { AVRO_RULES, type AvroRuleId } from './avro-rules.js';
import { CHANGE_RULES } from './change-rules.js';
import { CONFORMANCE_RULES } from './conformance-rules.js';
import { DBT_RULES } from './dbt-rules.js';
import { JSON_SCHEMA_RULES, type JsonSchemaRuleId } from './jsonschema-rules.js';
import type { ProtobufRuleId } from './protobuf-levels.js';
import { PROTOBUF_RULES } from './protobuf-rules.js';
import { FINANCE, type RuleDefinition } from './rule.js';
import { SCHEMA_RULES } from './schema-rules.js';
import { TYPESCRIPT_RULES } from './typescript-rules.js';

export type { ExampleAssetType, RuleDefinition, RuleExample, SeverityPolicy } from './rule.js';

const ERROR_RULES = [
  {
    id: 'migration-failed',
    title: 'The asset\'s definition could not be built',
    kind: 'error',
    severityPolicy: 'error',
    description:
      'A migration or schema file failed, timed out or went over a limit, so the asset could not be built. It is reported once per failing statement, naming every contract whose asset it stopped, and mentions no consumer: only the change\'s author can fix it. At the head commit this fails the check, whatever the contracts\' status (the change cannot be judged, so it never passes); at the base commit alone it is drift, and the head is judged as if the base met the contract.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: ['CREATE TABLE public.orders (id bigint PRIMARY KEY);'],
      after: [
        'CREATE TABLE public.orders (id bigint PRIMARY KEY);',
        'ALTER TABLE public.orders DROP COLUMN does_not_exist;',
      ],
      expect: 'error',
    },
  },
] as const satisfies readonly RuleDefinition[];

const ALL_RULES = [...CHANGE_RULES, ...CONFORMANCE_RULES, ...ERROR_RULES, ...SCHEMA_RULES, ...AVRO_RULES, ...PROTOBUF_RULES, ...JSON_SCHEMA_RULES, ...AGREEMENT_RULES, ...DBT_RULES, ...TYPESCRIPT_RULES] as const;

/** A rule's stable id: every finding names one. */
export type RuleId = (typeof ALL_RULES)[number]['id'];

/** The rules a schema format's compatibility check reports, by the format's own rule set. */
export type CompatibilityRuleId = AvroRuleId | ProtobufRuleId | JsonSchemaRuleId;

/** Every rule, in the order the documentation lists them. */
export const RULES: readonly RuleDefinition[] = ALL_RULES;

/** A rule by its id: always found for a `RuleId`, which only the catalogue's ids satisfy. */
export function ruleById(id: RuleId): RuleDefinition;
export function ruleById(id: string): RuleDefinition | undefined;
export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((rule) => rule.id === id);
}

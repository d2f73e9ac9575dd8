import { FINANCE, type RuleDefinition } from './rule.js';

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    { "name": "id", "type": "long" },
    { "name": "amount", "type": "double" }
  ]
}`;

const ORDER_WITH_CODE = (code: string) => `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    { "name": "id", "type": "long" },
    { "name": "code", "type": ${code} }
  ]
}`;

/** Rules for event schemas whatever their format: the union values a contract expects, and the registry's word. */
export const SCHEMA_RULES = [
  {
    id: 'union-branch-removed',
    title: 'A union lost a kind of value the contract expects',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The contract gives a field a union type (the kinds of value its consumers handle, such as `union<long,string>`), and the change removed one of them: values the consumer is built for can no longer appear. A branch added to the union is judged by `field-type-changed`, as a value the contract\'s type cannot hold.',
    example: {
      assetType: 'avro',
      contract: `fields:\n  - name: code\n    type: union<long,string>\n${FINANCE}\n`,
      before: [ORDER_WITH_CODE('["long", "string"]')],
      after: [ORDER_WITH_CODE('"string"')],
      expect: 'blocking',
    },
  },
  {
    id: 'compatibility-history-incomplete',
    title: 'A transitive compatibility mode could not see every earlier version',
    kind: 'error',
    severityPolicy: 'info',
    description:
      'The contract asks for a `_TRANSITIVE` compatibility mode, which checks the head schema against every earlier version of the schema files, but the review could not see the whole history: a shallow clone, more versions than `schemas.historyDepth`, an earlier version that no longer parses, or a history the review cannot read at all. It says how many versions were checked, so a pass is never silently partial.',
    example: {
      assetType: 'avro',
      asset: '  compatibility: BACKWARD_TRANSITIVE',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER],
      after: [ORDER.replace('"double" }', '"double", "doc": "in euros" }')],
      expect: 'info',
    },
  },
  {
    id: 'compatibility-unchecked',
    title: 'The compatibility mode could not be checked: the base cannot be read',
    kind: 'error',
    severityPolicy: 'error',
    description:
      'The contract asks for a compatibility mode, but the base version of the schema cannot be read, even leaving out the files that stop it (the asset\'s own file is broken, or a type it needs). Nothing then says whether consumers of the base can read the head\'s data, so the check fails rather than pass by omission. The base\'s own failure is reported beside it as `schema-invalid` drift; the contract\'s fields are still judged against the head.',
    example: {
      assetType: 'avro',
      asset: '  compatibility: BACKWARD',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER.replace('"type": "long"', '"type": "lnog"')],
      after: [ORDER],
      expect: 'error',
    },
  },
  {
    id: 'registry-incompatible',
    title: 'The schema registry refuses the head schema',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The contract names a subject of the schema registry configured for the app (`asset.registry.subject`; the registry\'s URL comes from the app\'s environment, never from the repository), and the registry says the head schema is not compatible with the subject\'s latest version under the subject\'s own compatibility level. Its messages are quoted. Registering the schema would fail, so every consumer of the contract is affected. The registry is asked about the base schema too: when it refuses the base for the same reasons, the finding is drift, never blamed on the change.',
    example: {
      assetType: 'avro',
      registry: 'base-registered',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER],
      after: [ORDER.replace('"type": "double" }', '"type": "double" },\n    { "name": "currency", "type": "string" }')],
      expect: 'blocking',
    },
  },
  {
    id: 'registry-subject-missing',
    title: 'The schema registry has no version of the subject',
    kind: 'change',
    severityPolicy: 'info',
    description:
      'The contract names a registry subject that has no version yet, so there is nothing to check the head schema against. Expected before the first registration; otherwise the subject may be misspelt.',
    example: {
      assetType: 'avro',
      registry: 'empty',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER],
      after: [ORDER.replace('"double" }', '"double", "doc": "in euros" }')],
      expect: 'info',
    },
  },
  {
    id: 'registry-unavailable',
    title: 'The schema registry could not be asked',
    kind: 'error',
    severityPolicy: 'advisory',
    description:
      'The contract names a registry subject, but the registry did not answer: none is configured where the review runs (`DCR_SCHEMA_REGISTRY_URL`), it is unreachable or timed out, it refused the credentials, or it failed. The finding says which. It is advisory, never a silent pass and never a crash: the rest of the review stands, and it mentions no consumer, since only whoever runs the app can fix it.',
    example: {
      assetType: 'avro',
      registry: 'unreachable',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER],
      after: [ORDER.replace('"double" }', '"double", "doc": "in euros" }')],
      expect: 'advisory',
    },
  },
  {
    id: 'schema-invalid',
    title: 'The event schema could not be read',
    kind: 'error',
    severityPolicy: 'error',
    description:
      'A schema file the asset needs is not valid (broken JSON, a syntax error in a .proto file, an unknown type name, an unresolved `$ref` or import, nesting past the readers\' bounds), the files exceed `schemas.maxBytes`, or the review stopped on the input. It is reported at its file and line once for each contract it affects, and mentions no consumer: only the change\'s author can fix it. At the head commit this fails the check (the change cannot be judged); at the base commit it is drift, and the base is read without the files that stop it where the asset does not need them.',
    example: {
      assetType: 'avro',
      contract: `fields:\n  - name: id\n    type: long\n${FINANCE}\n`,
      before: [ORDER],
      after: [ORDER.replace('"type": "long"', '"type": "lnog"')],
      expect: 'error',
    },
  },
] as const satisfies readonly RuleDefinition[];

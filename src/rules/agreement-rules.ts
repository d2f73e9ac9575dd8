import type { RuleDefinition, RuleExample } from './rule.js';

const ORDERS = `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text NOT NULL,
  amount numeric(12,2) NOT NULL,
  note text
);`;

const ORDER_EVENT = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    { "name": "id", "type": "long" },
    { "name": "amount", "type": "double" }
  ]
}`;

const OWNER = 'owner: "@acme/checkout"';
const FINANCE = `  - name: Finance dashboards
    contact: "@acme/analytics"
    enforcement: blocking`;
const CHURN = `  - name: Churn model
    contact: "@jane"
    enforcement: advisory
    uses: [status]`;

interface ContractParts {
  owner?: string | undefined;
  status?: string;
  fields?: string[];
  consumers?: string[];
  compatibility?: string;
}

const AMOUNT = '  - name: amount\n    type: decimal\n    required: true';
const STATUS = '  - name: status\n    enum: [pending, paid]';
const ID = '  - name: id\n    type: integer\n    primaryKey: true';

/** A contract body for the examples: the owner, the fields and the consumers. */
function body({ owner = OWNER, status, fields = [ID, STATUS, AMOUNT], consumers = [FINANCE] }: ContractParts = {}): string {
  return [
    ...(owner ? [owner] : []),
    ...(status ? [`status: ${status}`] : []),
    'fields:',
    ...fields,
    'consumers:',
    ...consumers,
    '',
  ].join('\n');
}

/** A pull request that changes only the contract: the table stays as it is. */
function contractChange(before: string | null, after: string | null, expect: RuleExample['expect']): RuleExample {
  return { contract: before, contractAfter: after, before: [ORDERS], after: [ORDERS], expect };
}

/** A pull request that changes only the compatibility mode an Avro contract asks for. */
function compatibilityChange(before: string, after: string): RuleExample {
  const event = body({ fields: ['  - name: id\n    type: long'] });
  return {
    assetType: 'avro',
    contract: event,
    contractAfter: event,
    asset: `  compatibility: ${before}`,
    assetAfter: `  compatibility: ${after}`,
    before: [ORDER_EVENT],
    after: [ORDER_EVENT],
    expect: 'blocking',
  };
}

const LOOSENS =
  'It loosens what the contract guarantees, so it needs the approval of each consumer that relied on it: an approving review from their contact on the pull request accepts it (the finding stays, marked as accepted by whom).';
const BINDS_OWNER =
  'It adds to what the producer promises, so it needs the approval of the contract\'s owner, who agrees to keep it: an approving review from the owner (or a member of the owning team) accepts it. A contract without an owner names no one who can agree: name one.';

/**
 * Rules for a pull request that changes a contract file: a contract is an agreement, so each change binds whoever
 * must consent to it. Editing names, descriptions, channels or the version binds no one and makes no finding.
 */
export const AGREEMENT_RULES = [
  {
    id: 'contract-removed',
    title: 'A contract was removed',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `The pull request deletes a contract (its file, or the contract in it): nothing it guaranteed is checked any more. ${LOOSENS} Every consumer of the contract is asked.`,
    example: contractChange(body(), null, 'blocking'),
  },
  {
    id: 'contract-status-relaxed',
    title: 'A contract became a draft or was deprecated',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `The contract's \`status\` moves to \`draft\` (which never blocks) or to \`deprecated\` (its consumers are told to move away). ${LOOSENS} Every consumer of the contract is asked.`,
    example: contractChange(body(), body({ status: 'draft' }), 'blocking'),
  },
  {
    id: 'contract-asset-changed',
    title: 'A contract now describes another asset',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `The contract's asset is renamed or re-pointed (another type, name or source): what its consumers read may no longer be what is checked. ${LOOSENS} Every consumer of the contract is asked.`,
    example: { ...contractChange(body(), body(), 'blocking'), assetAfter: '  source: "db/**/*.sql"' },
  },
  {
    id: 'contract-compatibility-relaxed',
    title: 'The schema\'s compatibility mode was relaxed',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `\`asset.compatibility\` checks less than before (\`FULL\` to \`BACKWARD\`, \`BACKWARD\` to \`FORWARD\`, a \`_TRANSITIVE\` mode dropped, or \`NONE\`). ${LOOSENS} Every consumer of the contract is asked.`,
    example: compatibilityChange('FULL', 'BACKWARD'),
  },
  {
    id: 'contract-field-removed',
    title: 'A field was removed from a contract',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A field is no longer in the contract, so nothing about it is checked any more. ${LOOSENS} The consumers that relied on the field are asked (those whose \`uses\` lists it, and those without \`uses\`).`,
    example: contractChange(body(), body({ fields: [ID, STATUS] }), 'blocking'),
  },
  {
    id: 'contract-required-removed',
    title: 'A contracted field is no longer required',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A field loses \`required: true\`: it may now be null or absent. ${LOOSENS} The consumers that relied on the field are asked.`,
    example: contractChange(body(), body({ fields: [ID, STATUS, '  - name: amount\n    type: decimal'] }), 'blocking'),
  },
  {
    id: 'contract-key-removed',
    title: 'A contracted field is no longer a key',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A field loses \`primaryKey\` or \`unique\`: its values may now repeat. ${LOOSENS} The consumers that relied on the field are asked.`,
    example: contractChange(body(), body({ fields: ['  - name: id\n    type: integer', STATUS, AMOUNT] }), 'blocking'),
  },
  {
    id: 'contract-enum-widened',
    title: 'A contracted value list was widened',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A field's \`enum\` gains values, or is dropped (any value allowed): consumers that handle exactly the listed values may meet others. ${LOOSENS} The consumers that relied on the field are asked.`,
    example: contractChange(body({ consumers: [FINANCE, CHURN] }), body({ fields: [ID, '  - name: status\n    enum: [pending, paid, refunded]', AMOUNT], consumers: [FINANCE, CHURN] }), 'blocking'),
  },
  {
    id: 'contract-type-loosened',
    title: 'A contracted type was loosened',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A field's contracted \`type\` moves to one that holds more values or other values (\`integer\` to \`decimal\`, \`decimal\` to \`string\`), or is dropped. The asset type's own type rules decide. ${LOOSENS} The consumers that relied on the field are asked.`,
    example: contractChange(body(), body({ fields: [ID, STATUS, '  - name: amount\n    type: string\n    required: true'] }), 'blocking'),
  },
  {
    id: 'contract-uses-dropped',
    title: 'A consumer no longer relies on some fields',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A consumer's \`uses\` list drops contract fields it relied on (or is added, narrowing "every field"): changes to those fields no longer stop at that consumer. ${LOOSENS} That consumer is asked.`,
    example: contractChange(body(), body({ consumers: [`${FINANCE}\n    uses: [id, amount]`] }), 'blocking'),
  },
  {
    id: 'contract-consumer-relaxed',
    title: 'A consumer was removed, made advisory or re-contacted',
    kind: 'agreement',
    severityPolicy: 'consumers',
    description: `A consumer is removed from the contract, goes from \`blocking\` to \`advisory\`, or is reached through another contact: a change that breaks it would no longer stop at it. ${LOOSENS} That consumer is asked, through the contact the base commit names.`,
    example: contractChange(body(), body({ consumers: [FINANCE.replace('blocking', 'advisory')] }), 'blocking'),
  },
  {
    id: 'contract-added',
    title: 'A contract was added',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `The pull request adds a contract. ${BINDS_OWNER} The asset at the head commit is also checked against it (\`contract-unmet\`).`,
    example: contractChange(null, body(), 'blocking'),
  },
  {
    id: 'contract-status-tightened',
    title: 'A draft or deprecated contract became active',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `The contract's \`status\` moves to \`active\`: its guarantees now block changes that break them. ${BINDS_OWNER}`,
    example: contractChange(body({ status: 'draft' }), body(), 'blocking'),
  },
  {
    id: 'contract-owner-changed',
    title: 'A contract changed owner',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `The contract names a new owner. ${BINDS_OWNER} The new owner is asked.`,
    example: contractChange(body(), body({ owner: 'owner: "@acme/payments"' }), 'blocking'),
  },
  {
    id: 'contract-compatibility-tightened',
    title: 'The schema\'s compatibility mode was tightened',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `\`asset.compatibility\` checks more than before (\`NONE\` to \`BACKWARD\`, \`BACKWARD\` to \`FULL\`, a \`_TRANSITIVE\` mode). ${BINDS_OWNER}`,
    example: compatibilityChange('BACKWARD', 'FULL'),
  },
  {
    id: 'contract-field-added',
    title: 'A field was added to a contract',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A field is added to the contract, with whatever it guarantees. ${BINDS_OWNER} The asset at the head commit is checked against it (\`contract-unmet\`).`,
    example: contractChange(body(), body({ fields: [ID, STATUS, AMOUNT, '  - name: note'] }), 'blocking'),
  },
  {
    id: 'contract-required-added',
    title: 'A contracted field became required',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A field gains \`required: true\`. ${BINDS_OWNER} The asset at the head commit is checked against it (\`contract-unmet\`).`,
    example: contractChange(body(), body({ fields: [ID, '  - name: status\n    enum: [pending, paid]\n    required: true', AMOUNT] }), 'blocking'),
  },
  {
    id: 'contract-key-added',
    title: 'A contracted field became a key',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A field gains \`primaryKey\` or \`unique\`. ${BINDS_OWNER} The asset at the head commit is checked against it (\`contract-unmet\`).`,
    example: contractChange(body(), body({ fields: [`${ID}\n    unique: true`, STATUS, AMOUNT] }), 'blocking'),
  },
  {
    id: 'contract-enum-narrowed',
    title: 'A contracted value list was narrowed',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A field's \`enum\` loses values, or a field gains an \`enum\`: the producer promises fewer values. ${BINDS_OWNER}`,
    example: contractChange(body(), body({ fields: [ID, '  - name: status\n    enum: [paid]', AMOUNT] }), 'blocking'),
  },
  {
    id: 'contract-type-tightened',
    title: 'A contracted type was tightened',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A field's contracted \`type\` moves to one that holds fewer values (\`decimal\` to \`integer\`), or a field gains a type. ${BINDS_OWNER} The asset at the head commit is checked against it (\`contract-unmet\`).`,
    example: contractChange(body(), body({ fields: [ID, STATUS, '  - name: amount\n    type: numeric(12,2)\n    required: true'] }), 'blocking'),
  },
  {
    id: 'contract-consumer-added',
    title: 'A blocking consumer was added',
    kind: 'agreement',
    severityPolicy: 'owner',
    description: `A consumer is added as \`blocking\`, or an advisory one becomes blocking: changes that break it will now stop the merge. ${BINDS_OWNER} A new advisory consumer binds no one.`,
    example: contractChange(body(), body({ consumers: [FINANCE, CHURN.replace('advisory', 'blocking')] }), 'blocking'),
  },
  {
    id: 'contract-invalid',
    title: 'A changed contract file is invalid',
    kind: 'agreement',
    severityPolicy: 'error',
    description:
      'A contract file the pull request adds or changes does not validate (YAML syntax, an unknown key, a wrong value): each problem is reported at its file, line and column, and fails the check, so a broken contract never lands on the target branch. The contracts on the target branch still judge the rest of the change.',
    example: contractChange(body(), body({ consumers: [FINANCE.replace('blocking', 'sometimes')] }), 'error'),
  },
  {
    id: 'contract-unmet',
    title: 'A new guarantee is not met by the asset',
    kind: 'agreement',
    severityPolicy: 'error',
    description:
      'A guarantee the pull request adds to a contract (a new contract, a new field, `required`, a key, a narrower type) is not true of the asset at the head commit: a contract field no column has, `required` on a nullable column. A contract that promises what the asset does not do would let consumers rely on it: fix the contract or the asset in the same pull request.',
    example: contractChange(body(), body({ fields: [ID, STATUS, AMOUNT, '  - name: note\n    required: true'] }), 'error'),
  },
] as const satisfies readonly RuleDefinition[];

export type AgreementRuleId = (typeof AGREEMENT_RULES)[number]['id'];

import { FINANCE, type RuleDefinition } from './rule.js';

const ORDERS = `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text,
  amount numeric(12,2) NOT NULL
);`;

/** A head change to the asset, so the contract is reviewed, that breaks nothing. */
const ADD_NOTE = 'ALTER TABLE public.orders ADD COLUMN note text;';

/**
 * Rules for a guarantee the base commit already breaks: drift, reported once and never blamed on the PR. When the
 * head breaks a guarantee the base kept, the change rule that explains it is reported instead.
 */
export const CONFORMANCE_RULES = [
  {
    id: 'asset-missing',
    title: 'The asset does not exist at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description:
      'The contract describes an asset the base commit does not define. When the change creates it, the head is judged as the change introducing every guarantee, with the change rules and the consumers\' severity. When neither commit defines it, the message says how the name was read (Postgres folds unquoted names to lower case).',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);'],
      after: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);', 'ALTER TABLE public.customers ADD COLUMN name text;'],
      expect: 'drift',
    },
  },
  {
    id: 'field-missing',
    title: 'A contracted field does not exist at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description: 'The contract names a field the asset does not have at the base commit.',
    example: {
      contract: `fields:\n  - name: currency\n    type: string\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, ADD_NOTE],
      expect: 'drift',
    },
  },
  {
    id: 'field-type-mismatch',
    title: 'A field\'s type does not match the contract at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description: 'At the base commit the field\'s type already has values the contract\'s type cannot hold.',
    example: {
      contract: `fields:\n  - name: amount\n    type: integer\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, ADD_NOTE],
      expect: 'drift',
    },
  },
  {
    id: 'field-not-required',
    title: 'A required field is nullable at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description: 'The contract marks the field `required`, but at the base commit it already allows NULL.',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n    required: true\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, ADD_NOTE],
      expect: 'drift',
    },
  },
  {
    id: 'enum-values-mismatch',
    title: 'A field\'s allowed values differ from the contract\'s list at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description:
      'The contract lists the field\'s `enum` values, and at the base commit the field\'s enum type or CHECK constraint allows a different set (order never matters).',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n    enum: [pending, paid, shipped]\n${FINANCE}\n`,
      before: [
        `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'paid'))
);`,
      ],
      after: [
        `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'paid'))
);`,
        ADD_NOTE,
      ],
      expect: 'drift',
    },
  },
  {
    id: 'primary-key-missing',
    title: 'A field is not part of the primary key at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description: 'The contract marks the field `primaryKey`, but at the base commit it is not part of the primary key.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n    primaryKey: true\n${FINANCE}\n`,
      before: ['CREATE TABLE public.orders (id bigint NOT NULL, status text);'],
      after: ['CREATE TABLE public.orders (id bigint NOT NULL, status text);', ADD_NOTE],
      expect: 'drift',
    },
  },
  {
    id: 'unique-missing',
    title: 'A field is not unique at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description: 'The contract marks the field `unique`, but at the base commit no unique constraint (or single-column primary key) covers it.',
    example: {
      contract: `fields:\n  - name: email\n    type: string\n    unique: true\n${FINANCE}\n`,
      before: ['CREATE TABLE public.orders (id bigint PRIMARY KEY, email text);'],
      after: ['CREATE TABLE public.orders (id bigint PRIMARY KEY, email text);', ADD_NOTE],
      expect: 'drift',
    },
  },
] as const satisfies readonly RuleDefinition[];

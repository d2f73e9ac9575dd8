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
 * head breaks a guarantee the base kept, the change rule that explains it is reported instead. An asset neither
 * commit defines is no drift but an error: the contract checks nothing.
 */
export const CONFORMANCE_RULES = [
  {
    id: 'asset-missing',
    title: 'The asset does not exist at the base commit',
    kind: 'conformance',
    severityPolicy: 'drift',
    description:
      'The contract describes an asset the base commit does not define, and the change creates it. The head is judged as the change introducing every guarantee, with the change rules and the consumers\' severity. When the head does not define it either, the contract checks nothing: that is `asset-not-found`.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);'],
      after: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);', 'CREATE TABLE public.orders (id bigint PRIMARY KEY);'],
      expect: 'drift',
    },
  },
  {
    id: 'asset-not-found',
    title: 'The asset exists at neither commit',
    kind: 'error',
    severityPolicy: 'error',
    description:
      'The contract describes an asset that neither the base nor the head commit defines, so nothing it promises can be checked: a misspelt name would otherwise let every change through, a contracted field dropped included. It names the contract and its owner, and mentions no consumer: the contract must be corrected. The message says how the name was read (Postgres folds unquoted names to lower case, so `public.TaskRun` looks for `public.taskrun`; a table created as `"TaskRun"` is named `public."TaskRun"`).',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);'],
      after: ['CREATE TABLE public.customers (id bigint PRIMARY KEY);', 'ALTER TABLE public.customers ADD COLUMN name text;'],
      expect: 'error',
    },
  },
  {
    id: 'asset-name-resolved',
    title: 'The asset was found by another name',
    kind: 'error',
    severityPolicy: 'info',
    description:
      'No asset has the contract\'s name exactly, but exactly one has it up to case, and that one was judged. Postgres folds unquoted names to lower case, so a contract naming `public.TaskRun` looks for `public.taskrun`, while Prisma and other tools create `"TaskRun"`. The note says which asset was judged and how to write its name; with two or more candidates none is chosen, and the contract gets `asset-not-found`. For Prisma, also when the contract names the model\'s table instead of the model, or the model was renamed with its table (`@@map`) kept; the note says which model to name.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: ['CREATE TABLE public."Orders" (id bigint PRIMARY KEY);'],
      after: ['CREATE TABLE public."Orders" (id bigint PRIMARY KEY);', 'ALTER TABLE public."Orders" ADD COLUMN note text;'],
      expect: 'info',
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
  {
    id: 'asset-read-approximately',
    title: 'The asset was read without its database, and part of it may differ',
    kind: 'error',
    severityPolicy: 'info',
    description:
      'Without a MySQL server (`DCR_MYSQL_URL`), MySQL migrations are folded by a parser, which reads CREATE TABLE, ALTER TABLE (columns, keys, defaults, renames), RENAME TABLE, DROP TABLE and indexes. A statement of the change that could change the table but that the parser cannot fold (`ALTER TABLE ... CONVERT TO CHARACTER SET` or `PARTITION BY`, a `CALL` of a procedure that changes tables, `ALTER DATABASE`) is named at its file and line: the table was read as if it had not run, so findings about what it changed may be missing. Set `DCR_MYSQL_URL` to replay the migrations in MySQL and read them exactly; the check says which way was used.',
    example: {
      assetType: 'mysql',
      contract: `fields:\n  - name: note\n    type: string\n${FINANCE}\n`,
      before: ['CREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  note VARCHAR(64)\n);'],
      after: ['CREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  note VARCHAR(64)\n);', 'ALTER TABLE orders CONVERT TO CHARACTER SET latin1;'],
      expect: 'info',
    },
  },
] as const satisfies readonly RuleDefinition[];

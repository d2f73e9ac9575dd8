import { FINANCE, type ExampleAssetType, type RuleDefinition, type RuleExample } from './rule.js';

const ORDERS = `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text NOT NULL,
  amount numeric(12,2) NOT NULL
);`;

const ORDERS_WITH_STATUS_CHECK = `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped'))
);`;

const ORDERS_WITH_EMAIL = `CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  email text UNIQUE
);`;

/** An example contract: one blocking consumer of one field of the given type. */
const typedContract = (field: string, type: string) => `fields:\n  - name: ${field}\n    type: ${type}\n${FINANCE}\n`;

/** An Avro example's schemas/order.avsc: the record com.acme.Order with `id` and one field of the given type. */
const avroOrder = (field: string, type: string) => `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    { "name": "id", "type": "long" },
    { "name": "${field}", "type": ${type} }
  ]
}`;

/** A Protobuf example's proto/acme/order.proto: the message acme.Order with `id` and one field of the given type. */
const protobufOrder = (field: string, type: string) =>
  `syntax = "proto3";\n\npackage acme;\n\nmessage Order {\n  int64 id = 1;\n  ${type} ${field} = 2;\n}\n`;

/** A JSON Schema example's schemas/order.json: an object with `id` and one property of the given schema. */
const jsonSchemaOrder = (field: string, schema: string) => `{
  "type": "object",
  "properties": {
    "id": { "type": "integer" },
    "${field}": ${schema}
  }
}`;

/** A MySQL example's first migration: the table `orders`. */
const MYSQL_ORDERS = `CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  status VARCHAR(20) NOT NULL,
  amount DECIMAL(12,2) NOT NULL
);`;

/** A dbt example's models/orders.yml: the model `orders`, its contract enforced, with `id` and one column of the given data_type. */
const dbtOrders = (column: string, dataType: string) =>
  `version: 2\n\nmodels:\n  - name: orders\n    config:\n      contract:\n        enforced: true\n    columns:\n      - name: id\n        data_type: bigint\n      - name: ${column}\n        data_type: ${dataType}\n`;

/** An event-schema example: the asset type's main file before and after the change, which blocks. */
const eventExample = (assetType: ExampleAssetType, contract: string, before: string, after: string): RuleExample => ({
  assetType,
  contract,
  before: [before],
  after: [after],
  expect: 'blocking',
});

/**
 * The type rules' examples in every asset type: the catalogue shows the Postgres one, and the test suite reviews
 * them all. Where it can, a move to another family is one the old type could read (a double reads a long), which the
 * promise says still breaks; each narrowing is one the contract's type still holds, and still breaks.
 */
export const TYPE_RULE_EXAMPLES = {
  'field-type-changed': {
    postgres: {
      contract: typedContract('amount', 'numeric(12,2)'),
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders ALTER COLUMN amount TYPE integer;'],
      expect: 'blocking',
    },
    avro: eventExample('avro', typedContract('amount', 'double'), avroOrder('amount', '"double"'), avroOrder('amount', '"long"')),
    protobuf: eventExample(
      'protobuf',
      typedContract('amount', 'double'),
      protobufOrder('amount', 'double'),
      protobufOrder('amount', 'int32'),
    ),
    jsonschema: eventExample(
      'jsonschema',
      typedContract('quantity', 'integer'),
      jsonSchemaOrder('quantity', '{ "type": "integer" }'),
      jsonSchemaOrder('quantity', '{ "type": "number" }'),
    ),
    mysql: {
      assetType: 'mysql',
      contract: typedContract('amount', 'decimal(12,2)'),
      before: [MYSQL_ORDERS],
      after: [MYSQL_ORDERS, 'ALTER TABLE orders MODIFY amount INT NOT NULL;'],
      expect: 'blocking',
    },
    dbt: eventExample('dbt', typedContract('amount', 'numeric(12,2)'), dbtOrders('amount', 'numeric(12,2)'), dbtOrders('amount', 'integer')),
    typescript: eventExample(
      'typescript',
      typedContract('amount', 'number'),
      'export interface Order {\n  id: string;\n  amount: number;\n}\n',
      'export interface Order {\n  id: string;\n  amount: string;\n}\n',
    ),
  },
  'field-type-narrowed': {
    postgres: {
      contract: typedContract('amount', 'decimal'),
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders ALTER COLUMN amount TYPE numeric(12,0);'],
      expect: 'blocking',
    },
    avro: eventExample('avro', typedContract('quantity', 'integer'), avroOrder('quantity', '"long"'), avroOrder('quantity', '"int"')),
    protobuf: eventExample(
      'protobuf',
      typedContract('quantity', 'integer'),
      protobufOrder('quantity', 'int64'),
      protobufOrder('quantity', 'int32'),
    ),
    jsonschema: eventExample(
      'jsonschema',
      typedContract('placed_at', 'string'),
      jsonSchemaOrder('placed_at', '{ "type": "string", "format": "date-time" }'),
      jsonSchemaOrder('placed_at', '{ "type": "string", "format": "date" }'),
    ),
    mysql: {
      assetType: 'mysql',
      contract: typedContract('amount', 'decimal'),
      before: [MYSQL_ORDERS],
      after: [MYSQL_ORDERS, 'ALTER TABLE orders MODIFY amount DECIMAL(12,0) NOT NULL;'],
      expect: 'blocking',
    },
    dbt: eventExample('dbt', typedContract('amount', 'decimal'), dbtOrders('amount', 'numeric(12,2)'), dbtOrders('amount', 'numeric(12,0)')),
    typescript: eventExample(
      'typescript',
      typedContract('quantity', 'integer'),
      "import { z } from 'zod';\n\nexport const Order = z.object({\n  id: z.string(),\n  quantity: z.bigint(),\n});\n",
      "import { z } from 'zod';\n\nexport const Order = z.object({\n  id: z.string(),\n  quantity: z.number().int(),\n});\n",
    ),
  },
} as const satisfies Record<string, Record<ExampleAssetType, RuleExample>>;

/** Rules for what a change does to the asset: judged only where the base met the contract. */
export const CHANGE_RULES = [
  {
    id: 'asset-removed',
    title: 'The asset was removed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The table (or other asset) the contract describes no longer exists at the head commit. Every consumer of the contract is affected.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'DROP TABLE public.orders;'],
      expect: 'blocking',
    },
  },
  {
    id: 'asset-renamed',
    title: 'The asset was renamed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The asset was renamed, so consumers reading it by the name the contract gives find nothing. Every consumer of the contract is affected; fields are then compared on the renamed asset.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders RENAME TO purchases;'],
      expect: 'blocking',
    },
  },
  {
    id: 'field-removed',
    title: 'A field was removed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field present at the base commit is gone at the head commit. Severity follows the consumers that use it; a field no contract names is information.',
    example: {
      contract: `fields:\n  - name: amount\n    type: numeric(12,2)\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders DROP COLUMN amount;'],
      expect: 'blocking',
    },
  },
  {
    id: 'field-renamed',
    title: 'A field was renamed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field was renamed: one finding, not a removal plus an addition. Consumers reading the old name break; changes to the renamed field\'s type or nullability are still judged.',
    example: {
      contract: `fields:\n  - name: amount\n    type: numeric(12,2)\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders RENAME COLUMN amount TO total;'],
      expect: 'blocking',
    },
  },
  {
    id: 'field-type-changed',
    title: 'A field\'s type changed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field\'s type moved to another type family (text, integer, decimal and floating point, boolean, date and time, uuid, json, bytes, enum), or changed in a way no family orders (an array, a record, a union, a user type). A move to another family breaks the consumers that use the field even when the old type could read the new values (`numeric(12,2)` to `integer` loses the cents, JSON Schema `integer` to `number` sends fractions), unless the field moved into the family the contract\'s type names and that type holds it. Any other change breaks them when the contract\'s type can no longer hold every value of the new type. When the contract gives no type, or the base already broke it, the change is information.',
    example: TYPE_RULE_EXAMPLES['field-type-changed'].postgres,
  },
  {
    id: 'field-type-widened',
    title: 'A field\'s type was widened',
    kind: 'change',
    severityPolicy: 'info',
    description:
      'A widening inside one type family (`varchar(64)` to `varchar(128)` or `text`, `int` to `bigint`, `numeric(12,2)` to `numeric(14,2)`, `real` to `double precision`, `date` to `timestamptz`; Avro `int` to `long`, Protobuf `int32` to `int64`) of a type that met the contract: every old value reads the same, so it is information, whatever spelling the contract uses. When the contract names the narrower type (`numeric(12,2)` here), the finding says to update the contract.',
    example: {
      contract: `fields:\n  - name: amount\n    type: numeric(12,2)\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders ALTER COLUMN amount TYPE numeric(14,2);'],
      expect: 'info',
    },
  },
  {
    id: 'field-type-narrowed',
    title: 'A field\'s type was narrowed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A change inside one type family that is no widening: the new type cannot carry every value of the old one as it was (a shorter length, a smaller precision or scale, fewer fractional seconds, `timestamptz` to `date`, a numeric to a float, an added JSON Schema `format`), or its readers no longer decode the old encoding (Protobuf `fixed32` to `fixed64`, Avro decimal scale). Severity follows the consumers that use the field, even where the contract\'s type still holds the new one (`decimal` here); when the contract gives no type, or the base already broke it, it is information.',
    example: TYPE_RULE_EXAMPLES['field-type-narrowed'].postgres,
  },
  {
    id: 'field-made-nullable',
    title: 'A required field was made nullable',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field the contract marks `required` lost its NOT NULL: consumers relying on a value always being there break. On a field the contract does not mark required it is information.',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n    required: true\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders ALTER COLUMN status DROP NOT NULL;'],
      expect: 'blocking',
    },
  },
  {
    id: 'enum-value-removed',
    title: 'An allowed value was removed',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A value the field\'s enum type or CHECK constraint allowed is no longer allowed. On a contracted field severity follows the consumers, whether or not the contract lists values; where the contract lists values, removing a value it does not list is information.',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n${FINANCE}\n`,
      before: [ORDERS_WITH_STATUS_CHECK],
      after: [
        ORDERS_WITH_STATUS_CHECK,
        `ALTER TABLE public.orders DROP CONSTRAINT orders_status_check;
ALTER TABLE public.orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid'));`,
      ],
      expect: 'blocking',
    },
  },
  {
    id: 'enum-value-added',
    title: 'An allowed value was added',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The field now allows a value it did not allow before (or no longer restricts its values). Where the contract lists the field\'s `enum` values, consumers read an exhaustive list and severity follows them; otherwise it is information.',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n    enum: [pending, paid]\n${FINANCE}\n`,
      before: [
        `CREATE TYPE public.order_status AS ENUM ('pending', 'paid');
CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status public.order_status NOT NULL
);`,
      ],
      after: [
        `CREATE TYPE public.order_status AS ENUM ('pending', 'paid');
CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  status public.order_status NOT NULL
);`,
        "ALTER TYPE public.order_status ADD VALUE 'refunded';",
      ],
      expect: 'blocking',
    },
  },
  {
    id: 'primary-key-removed',
    title: 'A field left the primary key',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field the contract marks `primaryKey` is no longer part of the primary key: consumers joining or deduplicating on it break.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n    primaryKey: true\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders DROP CONSTRAINT orders_pkey;'],
      expect: 'blocking',
    },
  },
  {
    id: 'unique-removed',
    title: 'A field is no longer unique',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'A field the contract marks `unique` lost its unique constraint (a single-column primary key also counts as unique).',
    example: {
      contract: `fields:\n  - name: email\n    type: string\n    unique: true\n${FINANCE}\n`,
      before: [ORDERS_WITH_EMAIL],
      after: [ORDERS_WITH_EMAIL, 'ALTER TABLE public.orders DROP CONSTRAINT orders_email_key;'],
      expect: 'blocking',
    },
  },
  {
    id: 'field-default-changed',
    title: 'A field\'s default changed',
    kind: 'change',
    severityPolicy: 'info',
    description: 'A field\'s default value expression changed, was added or was dropped. Existing values are untouched, so it is information.',
    example: {
      contract: `fields:\n  - name: status\n    type: string\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, "ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'pending';"],
      expect: 'info',
    },
  },
  {
    id: 'field-added',
    title: 'A field was added',
    kind: 'change',
    severityPolicy: 'info',
    description: 'A new field appeared. Consumers that read the fields they know keep working, so it is information.',
    example: {
      contract: `fields:\n  - name: id\n    type: bigint\n${FINANCE}\n`,
      before: [ORDERS],
      after: [ORDERS, 'ALTER TABLE public.orders ADD COLUMN note text;'],
      expect: 'info',
    },
  },
] as const satisfies readonly RuleDefinition[];

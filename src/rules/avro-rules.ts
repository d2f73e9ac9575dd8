import { FINANCE, type RuleDefinition } from './rule.js';

/** An Avro example's `schemas/order.avsc`: the record `com.acme.Order` with `id` and the given fields. */
const order = (...fields: string[]) => `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    ${['{ "name": "id", "type": "long" }', ...fields].join(',\n    ')}
  ]
}`;

const CONTRACT = `fields:\n  - name: id\n    type: long\n${FINANCE}\n`;
const BACKWARD = '  compatibility: BACKWARD';
const FORWARD = '  compatibility: FORWARD';

const WHEN =
  'Checked when the contract sets `asset.compatibility`, in the directions its mode names (BACKWARD: the new schema reads data written with the old one; FORWARD: the old schema reads data written with the new one), as the Avro specification\'s schema resolution defines it. The whole schema is the guarantee, so the severity comes from all the contract\'s consumers, whichever fields they use.';

/** Avro schema-resolution rules: how a change stops one version of a record reading the other's data. */
export const AVRO_RULES = [
  {
    id: 'avro-type-mismatch',
    title: 'Avro: a field\'s type cannot be read as the other version\'s',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A field's type changed to one the reading version cannot resolve: not the same type, nor one of the specification's promotions (int to long, float or double; long to float or double; float to double; string to and from bytes). ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order('{ "name": "amount", "type": "double" }')],
      after: [order('{ "name": "amount", "type": "string" }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-name-mismatch',
    title: 'Avro: a named type was renamed without an alias',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A record, enum or fixed type the reading version names differently, with none of its aliases naming the other version's full name. A namespace change alone is no mismatch: the specification matches named types by their unqualified name. ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order('{ "name": "customer", "type": { "type": "record", "name": "Customer", "fields": [] } }')],
      after: [order('{ "name": "customer", "type": { "type": "record", "name": "Client", "fields": [] } }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-fixed-size-mismatch',
    title: 'Avro: a fixed type changed size',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `A fixed type kept its name but changed its size: its values are a different number of bytes, which no reader of the other size can read. ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order('{ "name": "hash", "type": { "type": "fixed", "name": "Hash", "size": 16 } }')],
      after: [order('{ "name": "hash", "type": { "type": "fixed", "name": "Hash", "size": 32 } }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-enum-symbol-missing',
    title: 'Avro: the reading enum lacks a symbol the writer may write',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `The writing version's enum has a symbol the reading version's enum lacks, and the reading enum has no \`default\` to read it as: a symbol removed (backward) or added (forward). ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order('{ "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["PENDING", "PAID", "SHIPPED"] } }')],
      after: [order('{ "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["PENDING", "PAID"] } }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-field-missing-default',
    title: 'Avro: the reader has a field the writer does not write, without a default',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `The reading version has a field that the writing version neither writes nor names in the reading field's \`aliases\`, and the field has no \`default\` to fill it with: a field added without a default (backward) or removed while it had none (forward). ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order()],
      after: [order('{ "name": "currency", "type": "string" }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-union-branch-missing',
    title: 'Avro: a union may write a branch the reader cannot read',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `The writing version's union has a branch that matches no branch of the reading version's type: a branch removed from a union (backward), added to one (forward), or a field made optional for a reader that is not (forward). ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: FORWARD,
      contract: CONTRACT,
      before: [order('{ "name": "note", "type": ["null", "string"], "default": null }')],
      after: [order('{ "name": "note", "type": ["null", "string", "long"], "default": null }')],
      expect: 'blocking',
    },
  },
  {
    id: 'avro-decimal-mismatch',
    title: 'Avro: a decimal changed scale or lost precision',
    kind: 'change',
    severityPolicy: 'consumers',
    description: `Two decimals whose scales differ, or whose reading precision is smaller than the writing one. A decimal is stored as an unscaled integer read at the reader's scale, so another scale reads other numbers. The specification would fall back to the underlying bytes, and registries ignore logical types, but the values would be wrong. ${WHEN}`,
    example: {
      assetType: 'avro',
      asset: BACKWARD,
      contract: CONTRACT,
      before: [order('{ "name": "amount", "type": { "type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2 } }')],
      after: [order('{ "name": "amount", "type": { "type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 3 } }')],
      expect: 'blocking',
    },
  },
] as const satisfies readonly RuleDefinition[];

/** The id of an Avro schema-resolution rule. */
export type AvroRuleId = (typeof AVRO_RULES)[number]['id'];

import { describe, expect, it } from '@jest/globals';
import { PORTABLE_TYPE_FAMILIES } from '../../src/core/type-families.js';
import { LOGICAL_TYPES } from '../../src/odcs/document.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { postgresTypes } from '../../src/assets/postgres/types.js';
import { logicalTypeOf } from '../../src/odcs/types.js';
import { contractOf, exampleContracts, FIXTURES } from './fixtures.js';

const orders = exampleContracts().find(({ file }) => file === 'orders.yaml')!.contract;

describe('toOdcs', () => {
  it('writes the contract\'s own keys where ODCS has them', () => {
    const document = toOdcs(orders);
    expect(document).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      id: 'orders',
      name: 'Orders',
      version: '1.2.0',
      status: 'active',
      description: { purpose: 'Every order a customer places, one row per order.' },
      team: { name: '@acme/checkout' },
    });
    expect(document.schema).toHaveLength(1);
    expect(document.schema[0]).toMatchObject({ name: 'public.orders', physicalName: 'public.orders', physicalType: 'table', logicalType: 'object' });
  });

  it('gives each field its physical type verbatim, a logical type where the type is portable, and only the flags that are set', () => {
    const [id, , status, amount, , placedAt] = toOdcs(orders).schema[0].properties!;
    expect(id).toEqual({ name: 'id', physicalType: 'bigint', required: true, primaryKey: true });
    expect(amount).toEqual({ name: 'amount', physicalType: 'numeric(12,2)', required: true });
    expect(placedAt).toEqual({ name: 'placed_at', logicalType: 'timestamp', physicalType: 'timestamp', required: true });
    expect(status).toMatchObject({ logicalType: 'string', physicalType: 'string', required: true });
  });

  it('gives a type in an asset type\'s own spelling the logical type of its family, as the asset type\'s reader knows it', () => {
    const fields = [
      { name: 'id', type: 'bigint', required: false, primaryKey: false, unique: false },
      { name: 'amount', type: 'numeric(12,2)', required: false, primaryKey: false, unique: false },
      { name: 'code', type: 'character varying(8)', required: false, primaryKey: false, unique: false },
      { name: 'paid', type: 'bool', required: false, primaryKey: false, unique: false },
      { name: 'placed_at', type: 'timestamptz', required: false, primaryKey: false, unique: false },
      { name: 'tags', type: 'text[]', required: false, primaryKey: false, unique: false },
    ];
    const properties = toOdcs({ ...orders, fields }, postgresTypes.familyOf).schema[0].properties!;
    expect(properties.map((property) => `${property.name} ${property.logicalType ?? '-'}`)).toEqual([
      'id integer',
      'amount number',
      'code string',
      'paid boolean',
      // Date and time is one family of dates, times and timestamps: which one, only the physical type says.
      'placed_at -',
      'tags -',
    ]);
  });

  it('writes an enum as the library rule that allows no value outside it', () => {
    const status = toOdcs(orders).schema[0].properties![2]!;
    expect(status.quality).toEqual([{ type: 'library', metric: 'invalidValues', arguments: { validValues: ['pending', 'paid', 'shipped', 'cancelled'] }, mustBe: 0 }]);
  });

  it('keeps the asset and the consumers in dcr. custom properties', () => {
    const document = toOdcs(orders);
    expect(document.schema[0].customProperties).toEqual([
      { property: 'dcr.asset.type', value: 'postgres' },
      { property: 'dcr.asset.source', value: 'db/migrations/**/*.sql' },
    ]);
    expect(document.customProperties).toEqual([{ property: 'dcr.consumers', value: orders.consumers }]);
  });

  it('writes every asset option, a list of sources as a list, the $schema key, and a placeholder version said to be one', () => {
    const postgres = toOdcs(contractOf(FIXTURES.postgres!));
    expect(postgres.version).toBe('0.0.0');
    expect(postgres.status).toBe('draft');
    expect(postgres.team).toEqual({ name: '@jane' });
    expect(postgres.customProperties).toEqual([
      { property: 'dcr.consumers', value: [{ name: 'Ledger', contact: '@acme/finance', enforcement: 'blocking' }] },
      { property: 'dcr.unversioned', value: true, description: expect.stringContaining('0.0.0') },
      { property: 'dcr.$schema', value: '../schemas/contract.schema.json' },
    ]);
    expect(postgres.schema[0].customProperties).toContainEqual({ property: 'dcr.asset.source', value: ['db/migrations/*.sql', 'db/seed/**/*.sql'] });
    expect(toOdcs(contractOf(FIXTURES.avro!)).schema[0].customProperties).toEqual([
      { property: 'dcr.asset.type', value: 'avro' },
      { property: 'dcr.asset.source', value: 'schemas/**/*.avsc' },
      { property: 'dcr.asset.compatibility', value: 'BACKWARD_TRANSITIVE' },
      { property: 'dcr.asset.registry', value: { subject: 'payments-value' } },
      { property: 'dcr.fieldOrder', value: ['customer.email', 'payment_id', 'customer.address.zip', 'amount.units'] },
    ]);
    const typescript = toOdcs(contractOf(FIXTURES.typescript!)).schema[0];
    expect(typescript.physicalType).toBe('event');
    expect(typescript.customProperties).toContainEqual({ property: 'dcr.asset.emit', value: { call: 'analytics.track', event: 'Signed Up', argument: 2 } });
  });

  it('nests dotted fields, marking the properties that only hold contracted ones', () => {
    const [customer, , amount] = toOdcs(contractOf(FIXTURES.avro!)).schema[0].properties!;
    const grouping = [{ property: 'dcr.contracted', value: false }];
    expect(customer).toEqual({
      name: 'customer',
      customProperties: grouping,
      properties: [
        { name: 'email', logicalType: 'string', physicalType: 'string', required: true },
        { name: 'address', customProperties: grouping, properties: [{ name: 'zip', logicalType: 'string', physicalType: 'string' }] },
      ],
    });
    expect(amount).toEqual({ name: 'amount', customProperties: grouping, properties: [{ name: 'units', physicalType: 'long' }] });
  });

  it('writes no field order when nesting keeps the contract\'s', () => {
    expect(toOdcs(contractOf(FIXTURES.protobuf!)).schema[0].customProperties.map(({ property }) => property)).not.toContain('dcr.fieldOrder');
  });

  it('puts the fields under an array in its items, and drops a logical type that could not hold properties', () => {
    const [lines, customer, , tags] = toOdcs(contractOf(FIXTURES.jsonschema!)).schema[0].properties!;
    expect(lines).toMatchObject({ name: 'lines', logicalType: 'array', physicalType: 'array', required: true, items: { properties: [{ name: 'sku' }, { name: 'quantity' }] } });
    expect(lines).not.toHaveProperty('properties');
    expect(customer).toMatchObject({ logicalType: 'object', properties: [{ name: 'address', properties: [{ name: 'zip' }] }] });
    expect(tags).toEqual({ name: 'tags', physicalType: 'string', properties: [{ name: 'label' }] });
  });
});

describe('logicalTypeOf', () => {
  it('gives a logical type of ODCS to portable types only, whatever their case', () => {
    expect(logicalTypeOf(' Decimal ')).toBe('number');
    expect(logicalTypeOf('uuid')).toBe('string');
    expect(logicalTypeOf('bigint')).toBeUndefined();
    expect(logicalTypeOf('json')).toBeUndefined();
    expect(logicalTypeOf('bytes')).toBeUndefined();
  });

  it('knows every portable type and gives only the standard\'s logical types', () => {
    for (const type of [...PORTABLE_TYPE_FAMILIES.keys(), 'object', 'array']) {
      const logical = logicalTypeOf(type);
      if (logical !== undefined) expect(LOGICAL_TYPES).toContain(logical);
      else expect(['json', 'bytes']).toContain(type);
    }
  });
});

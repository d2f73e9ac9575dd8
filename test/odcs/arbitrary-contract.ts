import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadContracts } from '../../src/contracts/load.js';
import { ASSET_TYPES, COMPATIBILITY_MODES, type Contract, EVENT_ASSET_TYPES } from '../../src/contracts/schema.js';

/** Text people write, and now and then what they should not: quotes, colons, line breaks, other scripts. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Orders', 'One row per order.', 'v1', '1.0', 'yes', '#data', '@acme', 'a: b', '') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

const TYPES = ['string', 'integer', 'Integer', 'number', 'decimal', 'boolean', 'date', 'time', 'timestamp', 'uuid', 'json', 'bytes', 'array', 'object', 'bigint', 'numeric(12,2)', 'varchar(64)', 'long', 'text[]'];

const segment = fc.constantFrom('id', 'customer', 'address', 'zip', 'lines', 'sku', 'a', 'ünï', 'with space', '$ref', '__proto__');
const fieldName = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('.'));

const field = fc.record(
  {
    name: fieldName,
    type: fc.constantFrom(...TYPES),
    required: fc.boolean(),
    primaryKey: fc.boolean(),
    unique: fc.boolean(),
    enum: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 4 }),
    description: text,
  },
  { requiredKeys: ['name'] },
);

const handle = fc.constantFrom('@jane', '@acme/analytics', '@a-b/c.d_e');
const glob = fc.constantFrom('db/**/*.sql', 'schemas/*.avsc', 'src/**/*.ts', 'a.json');

const asset = fc.constantFrom(...ASSET_TYPES).chain((type) => {
  const event = (EVENT_ASSET_TYPES as readonly string[]).includes(type);
  return fc.record(
    {
      type: fc.constant(type),
      name: fc.constantFrom('public.orders', 'com.acme.Order', 'Order Placed', 'https://acme.example/o.json'),
      source: fc.oneof(glob, fc.uniqueArray(glob, { minLength: 1, maxLength: 3 })),
      ...(event ? { compatibility: fc.constantFrom(...COMPATIBILITY_MODES), registry: fc.record({ subject: fc.constantFrom('orders-value', 'x') }) } : {}),
      ...(type === 'protobuf' ? { level: fc.constantFrom('WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE') } : {}),
      ...(type === 'jsonschema' ? { policy: fc.constantFrom('lenient', 'strict') } : {}),
      ...(type === 'typescript'
        ? { emit: fc.oneof(fc.record({ call: fc.constantFrom('track', 'analytics.track'), event: fc.constantFrom('Signed Up', 'x'), argument: fc.integer({ min: 1, max: 16 }) }, { requiredKeys: ['call'] }), fc.constant({ call: 'emit', argument: 0 })) }
        : {}),
    },
    { requiredKeys: ['type', 'name', 'source'] },
  );
});

/** Any valid contract: what a repository may hold, as `loadContracts` reads it. */
export const arbitraryContract: fc.Arbitrary<Contract> = fc
  .record(
    {
      id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/),
      name: text,
      version: fc.constantFrom('1.2.0', '2', '0.0.0', 'v1-beta'),
      status: fc.constantFrom('draft', 'active', 'deprecated'),
      owner: handle,
      description: text,
      asset,
      fields: fc.uniqueArray(field, { maxLength: 7, selector: (candidate) => candidate.name }),
    },
    { requiredKeys: ['id', 'asset'] },
  )
  .chain((contract) => {
    const names = (contract.fields ?? []).flatMap((candidate) => {
      const segments = candidate.name.split('.');
      return segments.map((_, index) => segments.slice(0, index + 1).join('.'));
    });
    const consumer = fc.record(
      {
        name: fc.constantFrom('Finance', 'Churn model'),
        contact: handle,
        channel: fc.constantFrom('#finance', 'email me'),
        enforcement: fc.constantFrom('blocking', 'advisory'),
        ...(names.length > 0 ? { uses: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }) } : {}),
      },
      { requiredKeys: ['name', 'contact', 'enforcement'] },
    );
    return fc.array(consumer, { minLength: 1, maxLength: 3 }).map((consumers) => ({ ...contract, consumers }));
  })
  .map((draft) => {
    const { contracts, errors } = loadContracts([{ path: 'generated.yaml', text: stringify(draft) }]);
    if (errors.length > 0) throw new Error(`the generator made an invalid contract: ${JSON.stringify(errors)}`);
    return contracts[0]!.contract;
  });

import { describe, expect, it } from '@jest/globals';
import { avroTypes } from '../../src/assets/avro/types.js';
import { jsonSchemaTypes } from '../../src/assets/jsonschema/types.js';
import type { AssetKind, FieldSchema, TypeSystem } from '../../src/assets/model.js';
import { postgresTypes } from '../../src/assets/postgres/types.js';
import { protobufTypes } from '../../src/assets/protobuf/types.js';
import type { AssetType } from '../../src/contracts/schema.js';
import { evaluateContract } from '../../src/review/evaluate.js';
import { comparison, consumers, contract, CONTRACT_FILE, field, summary } from './fixtures.js';

const SYSTEMS: Partial<Record<AssetType, { types: TypeSystem; kind: AssetKind; name: string }>> = {
  postgres: { types: postgresTypes, kind: 'table', name: 'public.orders' },
  avro: { types: avroTypes, kind: 'record', name: 'com.acme.Order' },
  protobuf: { types: protobufTypes, kind: 'message', name: 'acme.Order' },
  jsonschema: { types: jsonSchemaTypes, kind: 'object', name: 'schemas/order.json' },
};

/** The findings on `amount` when its type moves from `before` to `after`, under a contract that names `contractType`. */
function judge(
  assetType: AssetType,
  contractType: string | undefined,
  before: FieldSchema,
  after: FieldSchema,
  consumer: (typeof consumers)[keyof typeof consumers] = consumers.finance,
) {
  const { types, kind, name } = SYSTEMS[assetType]!;
  const asset = (amount: FieldSchema) => ({ status: 'present' as const, schema: { name, kind, fields: [amount] } });
  const subject = contract([{ name: 'amount', ...(contractType ? { type: contractType } : {}) }], {
    asset: { type: assetType, name, source: 'defs/**' },
    consumers: [consumer],
  });
  return summary(evaluateContract({ contract: subject, file: CONTRACT_FILE, comparison: comparison(asset(before), asset(after)), types }));
}

/** `[asset type, contract's type, base type, head type, findings]` */
type Case = [AssetType, string | undefined, string, string, string[]];

const check = ([assetType, contractType, before, after, expected]: Case) =>
  expect(judge(assetType, contractType, field('amount', before), field('amount', after))).toEqual(expected);

describe('a move to another type family', () => {
  it.each<Case>([
    // the promise's own cases: the old type reads the new values, and the move still breaks
    ['postgres', 'numeric(12,2)', 'numeric(12,2)', 'int4', ['field-type-changed blocking amount']],
    ['postgres', 'decimal', 'numeric(12,2)', 'int4', ['field-type-changed blocking amount']],
    ['jsonschema', 'integer', 'integer', 'number', ['field-type-changed blocking amount']],
    ['avro', 'double', 'double', 'long', ['field-type-changed blocking amount']],
    ['avro', 'string', 'string', 'bytes', ['field-type-changed blocking amount']],
    ['protobuf', 'double', 'double', 'int32', ['field-type-changed blocking amount']],
    ['protobuf', 'string', 'string', 'bytes', ['field-type-changed blocking amount']],
    ['jsonschema', 'string', 'string', 'string(date-time)', ['field-type-changed blocking amount']],
    ['jsonschema', 'timestamp', 'string(date-time)', 'string', ['field-type-changed blocking amount']],
    ['postgres', 'integer', 'int4', 'numeric(12,2)', ['field-type-changed blocking amount']],
    ['postgres', 'number', 'float8', 'int4', ['field-type-changed blocking amount']],
  ])('%s, a contracted %s moving from %s to %s, breaks: %j', (...row) => check(row));

  it.each<Case>([
    // into the family the contract's type names, which holds it: the field is now what the contract describes
    ['postgres', 'numeric(12,2)', 'int4', 'numeric(12,2)', ['field-type-changed info amount']],
    ['postgres', 'number', 'int4', 'float8', ['field-type-changed info amount']],
    ['jsonschema', 'number', 'integer', 'number', ['field-type-changed info amount']],
    ['avro', 'number', 'int', 'double', ['field-type-changed info amount']],
    // no type in the contract: nothing about the type was promised
    ['postgres', undefined, 'numeric(12,2)', 'int4', ['field-type-changed info amount']],
  ])('%s, a contracted %s moving from %s to %s, is information: %j', (...row) => check(row));

  it('moves a text column to an enum type, though a string contract reads enums', () => {
    const enumType = field('amount', 'public.status', { allowedValues: ['a'], allowedValuesFrom: 'enum' });
    expect(judge('postgres', 'string', field('amount', 'text'), enumType)).toEqual(['field-type-changed blocking amount']);
  });

  it('says which families, and why the contract\'s type does not save it', () => {
    const subject = contract([{ name: 'amount', type: 'numeric(12,2)' }]);
    const asset = (type: string) => ({ status: 'present' as const, schema: { name: 'public.orders', kind: 'table' as const, fields: [field('amount', type)] } });
    const [finding] = evaluateContract({ contract: subject, file: CONTRACT_FILE, comparison: comparison(asset('numeric(12,2)'), asset('int4')), types: postgresTypes });
    expect(finding).toMatchObject({
      before: 'numeric(12,2)',
      after: 'int4',
      message:
        'Column "amount" of public.orders changed type from numeric(12,2) to int4, from the decimal and floating point family to the integer family: its consumers get another kind of value, even though the contract\'s numeric(12,2) holds it.',
    });
  });

  it('takes its severity from the consumers', () => {
    expect(judge('postgres', 'decimal', field('amount', 'numeric(12,2)'), field('amount', 'int4'), consumers.churn)).toEqual([
      'field-type-changed advisory amount',
    ]);
  });
});

describe('inside one family', () => {
  it.each<Case>([
    ['postgres', 'varchar(64)', 'varchar(64)', 'varchar(128)', ['field-type-widened info amount']],
    ['postgres', 'timestamp', 'timestamp', 'timestamptz', ['field-type-widened info amount']],
    ['postgres', 'date', 'date', 'timestamptz', ['field-type-widened info amount']],
    ['postgres', 'number', 'float8', 'numeric', ['field-type-widened info amount']],
    ['postgres', 'json', 'json', 'jsonb', ['field-type-widened info amount']],
    ['avro', 'int', 'int', 'long', ['field-type-widened info amount']],
    ['avro', 'decimal', 'decimal(10,2)', 'decimal(12,2)', ['field-type-widened info amount']],
    ['protobuf', 'integer', 'int32', 'int64', ['field-type-widened info amount']],
    ['protobuf', 'integer', 'message google.protobuf.Int32Value', 'message google.protobuf.Int64Value', ['field-type-widened info amount']],
    ['jsonschema', 'string', 'string(email)', 'string', ['field-type-widened info amount']],
  ])('%s, a contracted %s widened from %s to %s, is information: %j', (...row) => check(row));

  it.each<Case>([
    // the contract's type still holds the narrower type: the narrowing breaks all the same
    ['postgres', 'string', 'varchar(128)', 'varchar(64)', ['field-type-narrowed blocking amount']],
    ['postgres', 'decimal', 'numeric(12,2)', 'numeric(12,0)', ['field-type-narrowed blocking amount']],
    ['postgres', 'bigint', 'int8', 'int4', ['field-type-narrowed blocking amount']],
    ['postgres', 'timestamp', 'timestamptz', 'timestamp', ['field-type-narrowed blocking amount']],
    ['postgres', 'number', 'numeric(12,2)', 'float8', ['field-type-narrowed blocking amount']],
    ['postgres', 'timestamp', 'timestamptz', 'date', ['field-type-narrowed blocking amount']],
    ['avro', 'integer', 'long', 'int', ['field-type-narrowed blocking amount']],
    ['avro', 'decimal', 'decimal(12,2)', 'decimal(12,3)', ['field-type-narrowed blocking amount']],
    ['avro', 'timestamp', 'timestamp-millis', 'timestamp-micros', ['field-type-narrowed blocking amount']],
    ['protobuf', 'integer', 'int64', 'int32', ['field-type-narrowed blocking amount']],
    ['protobuf', 'integer', 'fixed32', 'fixed64', ['field-type-narrowed blocking amount']],
    ['protobuf', 'number', 'float', 'double', ['field-type-narrowed blocking amount']],
    ['protobuf', 'integer', 'int64', 'message google.protobuf.Int64Value', ['field-type-narrowed blocking amount']],
    ['jsonschema', 'string', 'string(date-time)', 'string(date)', ['field-type-narrowed blocking amount']],
    ['jsonschema', 'string', 'string', 'string(email)', ['field-type-narrowed blocking amount']],
  ])('%s, a contracted %s narrowed from %s to %s, breaks: %j', (...row) => check(row));

  it('blames no narrowing on the change when the base already broke the contract', () => {
    expect(judge('postgres', 'integer', field('amount', 'numeric(12,2)'), field('amount', 'numeric(10,2)'))).toEqual([
      'field-type-mismatch drift amount',
      'field-type-narrowed info amount',
    ]);
  });

  it('judges one enum type for another by its values, not as a narrowing', () => {
    const enumField = (type: string) => field('amount', type, { allowedValues: ['a'], allowedValuesFrom: 'enum' });
    expect(judge('postgres', 'string', enumField('public.status'), enumField('public.state'))).toEqual(['field-type-changed info amount']);
  });
});

describe('types outside the families', () => {
  it.each<Case>([
    ['postgres', 'array', 'int4[]', 'int8[]', ['field-type-widened info amount']],
    ['postgres', 'array', 'int8[]', 'int4[]', ['field-type-changed info amount']],
    ['postgres', 'interval', 'interval', 'text', ['field-type-changed blocking amount']],
    ['jsonschema', 'string', 'string', 'union<integer,string>', ['field-type-changed blocking amount']],
    ['avro', 'union<long,string>', 'union<int,string>', 'union<long,string>', ['field-type-widened info amount']],
  ])('%s, a contracted %s moving from %s to %s, is judged by what the contract holds: %j', (...row) => check(row));
});

describe('the contract\'s spelling', () => {
  it.each([
    ['postgres', 'DECIMAL(12, 2)', 'numeric(12,2)'],
    ['postgres', 'Integer', 'int8'],
    ['postgres', 'character varying(64)', 'varchar(64)'],
    ['avro', 'Decimal(12, 2)', 'decimal(12,2)'],
    ['protobuf', 'INT64', 'int64'],
    ['jsonschema', 'Timestamp', 'string(date-time)'],
  ] satisfies [AssetType, string, string][])('%s: a contracted %s over an unchanged %s makes no finding', (assetType, contractType, type) => {
    expect(judge(assetType, contractType, field('amount', type), field('amount', type))).toEqual([]);
  });
});

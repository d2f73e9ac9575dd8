import { describe, expect, it } from '@jest/globals';
import { avroFormat } from '../../../src/assets/avro/format.js';
import type { AvroSchema } from '../../../src/assets/avro/model.js';

type Field = { name: string; type: unknown; aliases?: string[] };

function orderWith(...fields: Field[]): AvroSchema {
  const text = JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields: [{ name: 'id', type: 'long' }, ...fields] }, null, 2);
  const result = avroFormat.read([{ path: 'schemas/order.avsc', text }], 'com.acme.Order');
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result.parsed;
}

const customer = (emailField: Field, aliases: string[] = []) => ({
  type: 'record',
  name: 'Customer',
  aliases,
  fields: [emailField, { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'zip', type: 'string' }] } }],
});

describe('avroFormat.fieldRenames', () => {
  it('takes a newer field whose aliases name an older field for that field renamed, located at the newer field', () => {
    const older = orderWith({ name: 'amount', type: 'double' });
    const newer = orderWith({ name: 'total', type: 'double', aliases: ['amount'] });
    expect(avroFormat.fieldRenames(older, newer)).toEqual([{ from: 'amount', to: 'total', origin: { file: 'schemas/order.avsc', line: 11 } }]);
  });

  it('finds renames inside nested records, at the same path', () => {
    const older = orderWith({ name: 'customer', type: customer({ name: 'email', type: 'string' }) });
    const newer = orderWith({ name: 'customer', type: customer({ name: 'mail', type: 'string', aliases: ['email'] }) });
    expect(avroFormat.fieldRenames(older, newer).map(({ from, to }) => [from, to])).toEqual([['customer.email', 'customer.mail']]);
  });

  it('moves the fields nested under a renamed field with it, through a renamed record type too', () => {
    const older = orderWith({ name: 'customer', type: customer({ name: 'email', type: 'string' }) });
    const client = { ...customer({ name: 'email', type: 'string' }, ['Customer']), name: 'Client' };
    const newer = orderWith({ name: 'client', type: client, aliases: ['customer'] });
    expect(avroFormat.fieldRenames(older, newer).map(({ from, to }) => [from, to])).toEqual([
      ['customer', 'client'],
      ['customer.email', 'client.email'],
      ['customer.address', 'client.address'],
      ['customer.address.zip', 'client.address.zip'],
    ]);
  });

  it('finds no rename without an alias, nor when the aliased field is still there', () => {
    const older = orderWith({ name: 'amount', type: 'double' });
    expect(avroFormat.fieldRenames(older, orderWith({ name: 'total', type: 'double' }))).toEqual([]);
    const both = orderWith({ name: 'amount', type: 'double' }, { name: 'total', type: 'double', aliases: ['amount'] });
    expect(avroFormat.fieldRenames(older, both)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import avsc from 'avsc';
import { avroFormat } from '../../../src/assets/avro/format.js';
import type { SchemaFile } from '../../../src/assets/events/format.js';

const money: SchemaFile = {
  path: 'schemas/money.avsc',
  text: JSON.stringify({
    type: 'record',
    name: 'Money',
    namespace: 'com.acme.common',
    aliases: ['Amount'],
    fields: [
      { name: 'units', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
      { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'], default: 'EUR' } },
    ],
  }),
};

const order: SchemaFile = {
  path: 'schemas/order.avsc',
  text: JSON.stringify({
    type: 'record',
    name: 'Order',
    namespace: 'com.acme',
    doc: 'An order',
    fields: [
      { name: 'total', type: 'com.acme.common.Money' },
      { name: 'refund', type: ['null', 'com.acme.common.Money'], default: null },
      { name: 'tag', type: { type: 'record', name: 'Tag', namespace: '', fields: [{ name: 'label', type: 'string' }] } },
    ],
  }),
};

function registrySchema(files: SchemaFile[]) {
  const result = avroFormat.read(files, 'com.acme.Order');
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return avroFormat.registrySchema(result.parsed);
}

describe('avroFormat.registrySchema', () => {
  it('inlines each named type at its first use, in full names, keeping logical types, docs and defaults', () => {
    const registered = registrySchema([order, money]);
    expect(registered.schemaType).toBe('AVRO');
    const schema = JSON.parse(registered.schema) as { name: string; doc: string; fields: { name: string; type: unknown }[] };
    expect(schema).toMatchObject({ name: 'com.acme.Order', doc: 'An order' });
    const [total, refund, tag] = schema.fields;
    expect(total?.type).toMatchObject({
      name: 'com.acme.common.Money',
      aliases: ['com.acme.common.Amount'],
      fields: [
        { name: 'units', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
        { name: 'currency', type: { name: 'com.acme.common.Currency', symbols: ['EUR', 'USD'], default: 'EUR' } },
      ],
    });
    expect(refund).toEqual({ name: 'refund', type: ['null', 'com.acme.common.Money'], default: null });
    expect(tag?.type).toMatchObject({ name: 'Tag', namespace: '' });
  });

  it('is a standalone schema that avsc reads as the same type as the files', () => {
    const registry: Record<string, avsc.Type> = {};
    avsc.Type.forSchema(JSON.parse(money.text) as avsc.Schema, { registry });
    const fromFiles = avsc.Type.forSchema(JSON.parse(order.text) as avsc.Schema, { registry });
    const standalone = avsc.Type.forSchema(JSON.parse(registrySchema([money, order]).schema) as avsc.Schema);
    expect(standalone.equals(fromFiles)).toBe(true);
  });
});

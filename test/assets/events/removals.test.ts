import { describe, expect, it } from '@jest/globals';
import { removedFieldLocations } from '../../../src/assets/events/removals.js';
import type { AssetSchema, FieldSchema } from '../../../src/assets/model.js';

function field(name: string, line: number): FieldSchema {
  return { name, type: 'string', nullable: false, primaryKey: false, unique: false, origin: { file: 'order.avsc', line } };
}

function record(fields: FieldSchema[]): AssetSchema {
  return { name: 'com.acme.Order', kind: 'record', fields, origin: { file: 'order.avsc', line: 1 } };
}

describe('removedFieldLocations', () => {
  const base = record([field('id', 3), field('customer', 4), field('customer.email', 6), field('customer.address', 7), field('customer.address.zip', 9)]);

  it('points a removed nested field at its nearest enclosing field still at head', () => {
    const head = record([field('id', 3), field('customer', 5), field('customer.address', 8)]);
    expect(removedFieldLocations(base, head, [])).toEqual({
      'customer.email': { file: 'order.avsc', line: 5 },
      'customer.address.zip': { file: 'order.avsc', line: 8 },
    });
  });

  it('points a removed top-level field at the record, and leaves renamed fields to their rename', () => {
    const head = record([field('order_id', 3)]);
    const locations = removedFieldLocations(base, head, [{ from: 'id', to: 'order_id' }]);
    expect(locations).not.toHaveProperty('id');
    expect(locations['customer']).toEqual({ file: 'order.avsc', line: 1 });
    expect(locations['customer.address.zip']).toEqual({ file: 'order.avsc', line: 1 });
  });
});

import { describe, expect, it } from '@jest/globals';
import { contractJsonSchema, settingsJsonSchema } from '../../src/tools/editor-schemas.js';

describe('JSON Schema for editors', () => {
  it('requires only the keys with no default', () => {
    const contract = contractJsonSchema();
    expect(contract.required).toEqual(['id', 'asset', 'consumers']);
    expect(contract.properties?.['fields']).toMatchObject({ type: 'array', items: { required: ['name'] } });
    expect(settingsJsonSchema().required).toBeUndefined();
  });

  it('names itself', () => {
    expect(contractJsonSchema()).toMatchObject({ $id: 'urn:data-contract-review:contract', title: 'Data contract' });
    expect(settingsJsonSchema()).toMatchObject({ $id: 'urn:data-contract-review:settings', title: 'Data Contract Review settings' });
  });
});

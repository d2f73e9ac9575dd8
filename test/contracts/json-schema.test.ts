import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { contractJsonSchema, schemaFiles, settingsJsonSchema } from '../../src/contracts/json-schema.js';

function committedText(path: string): string | undefined {
  try {
    return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

describe('JSON Schema for editors', () => {
  it.each(schemaFiles())('$path is up to date (if not, run `npm run generate`)', ({ path, text }) => {
    expect(committedText(path)).toBe(text);
  });

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

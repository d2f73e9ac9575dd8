import { describe, expect, it } from '@jest/globals';
import type { CompatibilityDirection } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';
import type { JsonSchemaAsset } from '../../../src/assets/jsonschema/asset.js';

function read(text: string): JsonSchemaAsset {
  const result = jsonSchemaFormat.read([{ path: 'schemas/order.json', text }], 'schemas/order.json');
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result.parsed;
}

const OLDER = read(`{
  "properties": {
    "code": { "type": "string" },
    "note": { "type": "string" }
  },
  "additionalProperties": false
}`);

const NEWER = read(`{
  "title": "An order",
  "description": "Lines added above the properties, so each version has them on other lines",
  "properties": {
    "code": {
      "type": "integer"
    }
  },
  "additionalProperties": false
}`);

describe('where an incompatibility is reported', () => {
  it.each<CompatibilityDirection>(['backward', 'forward'])('%s: a change both versions write is in the newer file', (direction) => {
    const changed = jsonSchemaFormat.incompatibilities(OLDER, NEWER, direction, {}).find((problem) => problem.path === 'code');
    expect(changed).toMatchObject({ rule: 'jsonschema-type-changed', location: { file: 'schemas/order.json', line: 6 } });
  });

  it('a property only the older version declares is at its line there', () => {
    const removed = jsonSchemaFormat.incompatibilities(OLDER, NEWER, 'backward', {}).find((problem) => problem.path === 'note');
    expect(removed).toMatchObject({ rule: 'jsonschema-property-removed-from-closed-model', location: { line: 4 } });
  });
});

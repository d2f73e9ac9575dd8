import { z } from 'zod';
import { settingsSchema } from '../config/schema.js';
import { contractSchema } from '../contracts/schema.js';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** The JSON Schema of a contract file, for editors (yaml-language-server and the like). */
export function contractJsonSchema(): JsonSchema {
  return editorSchema(contractSchema, 'urn:data-contract-review:contract', 'Data contract');
}

/** The JSON Schema of the repository settings file, `.github/data-contracts.yml`. */
export function settingsJsonSchema(): JsonSchema {
  return editorSchema(settingsSchema, 'urn:data-contract-review:settings', 'Data Contract Review settings');
}

/** The generated files, from the repository root, with the exact text `npm run generate` writes. */
export function schemaFiles(): { path: string; text: string }[] {
  return [
    { path: 'schemas/contract.schema.json', text: `${JSON.stringify(contractJsonSchema(), null, 2)}\n` },
    { path: 'schemas/settings.schema.json', text: `${JSON.stringify(settingsJsonSchema(), null, 2)}\n` },
  ];
}

function editorSchema(schema: z.ZodType, id: string, title: string): JsonSchema {
  // The input side, so that keys with defaults are optional to the writer; draft 7 is what most editors read.
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
  return { $schema: generated.$schema, $id: id, title, ...generated };
}

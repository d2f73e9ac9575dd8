import { z } from 'zod';
import { ENFORCEMENTS } from '../core/review.js';
import { globListSchema } from './globs.js';

/** The asset types a contract can name: exactly those the engine reads. */
export const ASSET_TYPES = ['postgres', 'mysql', 'sqlite', 'avro', 'protobuf', 'jsonschema', 'prisma', 'dbt', 'typescript'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

const handle = z
  .string()
  .regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/, {
    message: 'must be a GitHub user or team, such as "@jane" or "@acme/analytics"',
  });

export const enforcementSchema = z
  .enum(ENFORCEMENTS)
  .describe('blocking: a broken guarantee fails the check; advisory: it is flagged but lets the PR through');

export const fieldSchema = z
  .strictObject({
    name: z.string().min(1).describe('Column name, or a dotted path for nested fields: customer.address.zip'),
    type: z
      .string()
      .min(1)
      .optional()
      .describe('A portable type (string, integer, number, decimal, boolean, date, time, timestamp, bytes, uuid, json, array, object) or the asset\'s own spelling (numeric(12,2), varchar(64))'),
    required: z.boolean().default(false).describe('Consumers rely on the field never being null or absent'),
    primaryKey: z.boolean().default(false).describe('Consumers rely on the field being (part of) the primary key'),
    unique: z.boolean().default(false).describe('Consumers rely on the field\'s values being unique'),
    enum: z
      .array(z.union([z.string(), z.number()], { error: 'must be a string or a number' }))
      .min(1)
      .optional()
      .describe('The exhaustive list of values consumers handle'),
    description: z.string().optional().describe('For people'),
  })
  .describe('A field consumers rely on');
export type ContractField = z.infer<typeof fieldSchema>;

export const consumerSchema = z
  .strictObject({
    name: z.string().min(1).describe('The consuming team or system'),
    contact: handle.describe('GitHub user or team to mention'),
    channel: z.string().min(1).optional().describe('Where else to reach them, such as a chat channel'),
    enforcement: enforcementSchema,
    uses: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('The fields this consumer relies on (default: all the contract\'s fields)'),
  })
  .describe('A team or system that reads the asset');
export type Consumer = z.infer<typeof consumerSchema>;

/** The asset types whose assets are event schemas, checked for whole-schema compatibility as registries do. */
export const EVENT_ASSET_TYPES = ['avro', 'protobuf', 'jsonschema'] as const satisfies readonly AssetType[];

export function isEventSchema(type: AssetType): type is (typeof EVENT_ASSET_TYPES)[number] {
  return (EVENT_ASSET_TYPES as readonly AssetType[]).includes(type);
}

export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Options that only one asset type understands: naming them for another type is a mistake worth reporting. */
const TYPE_SPECIFIC_OPTIONS = {
  compatibility: EVENT_ASSET_TYPES,
  registry: EVENT_ASSET_TYPES,
  level: ['protobuf'],
  policy: ['jsonschema'],
  emit: ['typescript'],
} as const satisfies Record<string, readonly AssetType[]>;

export const assetSchema = z
  .strictObject({
    type: z.enum(ASSET_TYPES).describe('How the repository defines the asset'),
    name: z
      .string()
      .min(1)
      .describe('Table (schema.table), Avro record or Protobuf message full name, JSON Schema $id (or its path), model name, or a TypeScript declaration or event name'),
    source: globListSchema.describe('One glob or a list of globs: the files that define the asset'),
    compatibility: z
      .enum(COMPATIBILITY_MODES)
      .optional()
      .describe(
        'Event schemas: the whole-schema compatibility the head must keep with the base, as schema registries define it (BACKWARD: new readers read old data; FORWARD: old readers read new data; FULL: both; _TRANSITIVE: against every earlier version in the history). Default NONE: only the contract\'s fields are judged',
      ),
    level: z
      .enum(['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'])
      .optional()
      .describe('Protobuf: how strict the compatibility check is, as buf\'s breaking-change categories (default WIRE_JSON)'),
    policy: z
      .enum(['lenient', 'strict'])
      .optional()
      .describe('JSON Schema: strict also refuses an optional property added to an open object (default lenient)'),
    registry: z
      .strictObject({
        subject: z.string().min(1).describe('The subject whose latest version the head schema must be compatible with'),
      })
      .optional()
      .describe('Event schemas: also ask the schema registry configured for the app (its URL is never in the repository)'),
    emit: z
      .strictObject({
        call: z
          .string()
          .regex(/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/, { message: 'must be a function or method name, or a dotted name such as analytics.track' })
          .describe('The call that emits the event: a method or function name (track, any receiver), or the end of a qualified name (analytics.track)'),
        event: z.string().min(1).optional().describe('The event argument\'s value (default: asset.name)'),
        argument: z
          .number()
          .int()
          .min(0)
          .max(16)
          .optional()
          .describe('The payload\'s argument position (default 1, the event at 0); 0 for calls whose callee alone names the event, every call being a site'),
      })
      .optional()
      .describe('TypeScript: read the event asset.name names from the payloads of the calls that emit it, instead of a declaration'),
  })
  .superRefine((asset, ctx) => {
    for (const [option, types] of Object.entries(TYPE_SPECIFIC_OPTIONS)) {
      if (asset[option as keyof typeof TYPE_SPECIFIC_OPTIONS] === undefined) continue;
      if ((types as readonly AssetType[]).includes(asset.type)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [option],
        message: `applies only to asset types ${types.join(', ')}, not to ${asset.type}`,
      });
    }
    if (asset.emit?.argument === 0 && asset.emit.event !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['emit', 'event'], message: 'with argument 0 the callee alone names the event: there is no event argument to match' });
    }
  })
  .describe('The data asset the contract is about');

export const contractSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must be letters, digits, ".", "_" or "-"' })
      .describe('Unique in the repository'),
    name: z.string().optional().describe('For people'),
    version: z.string().optional().describe('The contract\'s own version, such as "1.2.0" (quoted if it could be read as a number)'),
    status: z.enum(['draft', 'active', 'deprecated']).default('active').describe('A draft never blocks'),
    owner: handle.optional().describe('The producing team or user'),
    description: z.string().optional().describe('For people'),
    asset: assetSchema,
    fields: z.array(fieldSchema).default([]).describe('The fields consumers rely on'),
    consumers: z
      .array(consumerSchema)
      .min(1, { message: 'a contract needs at least one consumer' })
      .describe('The teams and systems that read the asset'),
  })
  .describe('A data contract: what consumers rely on about one asset, and whom to contact');
export type Contract = z.infer<typeof contractSchema>;

import { z } from 'zod';
import { globSchema } from '../contracts/globs.js';

export const DEFAULT_CONTRACT_GLOBS = ['contracts/**/*.{yml,yaml}'];
export const SETTINGS_PATH = '.github/data-contracts.yml';

export const settingsSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    contracts: z
      .union([globSchema, z.array(globSchema).min(1)], { error: 'must be a glob or a list of globs' })
      .default(DEFAULT_CONTRACT_GLOBS)
      .transform((value) => (typeof value === 'string' ? [value] : value))
      .describe('Globs of the contract files, from the repository root'),
    comment: z
      .enum(['on-findings', 'always', 'never'])
      .default('on-findings')
      .describe('When the app posts its PR comment'),
    postgres: z
      .strictObject({
        timeoutSeconds: z.number().positive().max(600).default(60).describe('Time limit for replaying one commit\'s migrations'),
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for one commit\'s migrations, in bytes'),
      })
      .default({ timeoutSeconds: 60, maxBytes: 8 * 1024 * 1024 })
      .describe('Limits for replaying Postgres migrations'),
    schemas: z
      .strictObject({
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for the schema files one event-schema asset reads at one commit, in bytes'),
        historyDepth: z
          .number()
          .int()
          .positive()
          .max(500)
          .default(50)
          .describe('How many earlier versions of the schema files the _TRANSITIVE compatibility modes check'),
      })
      .default({ maxBytes: 8 * 1024 * 1024, historyDepth: 50 })
      .describe('Limits for reading event schemas (Avro, Protobuf, JSON Schema)'),
  })
  .describe('Data Contract Review repository settings');
export type Settings = z.infer<typeof settingsSchema>;

import { z } from 'zod';

export const DEFAULT_CONTRACT_GLOBS = ['contracts/**/*.{yml,yaml}'];
export const SETTINGS_PATH = '.github/data-contracts.yml';

export const settingsSchema = z
  .strictObject({
    $schema: z.string().optional(),
    contracts: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
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
      .default({ timeoutSeconds: 60, maxBytes: 8 * 1024 * 1024 }),
  })
  .describe('Data Contract Review repository settings');
export type Settings = z.infer<typeof settingsSchema>;

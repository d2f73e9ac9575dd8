import { z } from 'zod';
import { globListSchema } from '../contracts/globs.js';

export const DEFAULT_CONTRACT_GLOBS = ['contracts/**/*.{yml,yaml}'];
export const SETTINGS_PATH = '.github/data-contracts.yml';

export const settingsSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    contracts: globListSchema
      .default(DEFAULT_CONTRACT_GLOBS)
      .transform((value) => (typeof value === 'string' ? [value] : value))
      .describe('Globs of the contract files, from the repository root'),
    comment: z
      .enum(['on-findings', 'always', 'never'])
      .default('on-findings')
      .describe('When the app posts its PR comment'),
    postgres: z
      .strictObject({
        statementTimeoutSeconds: z
          .number()
          .positive()
          .max(300)
          .default(10)
          .describe('Time limit for one migration statement: one that runs longer is stopped and reported at its file and line'),
        timeoutSeconds: z
          .number()
          .positive()
          .max(3600)
          .default(600)
          .describe(
            'Bound on replaying one commit\'s migrations, whatever each statement takes (each also has statementTimeoutSeconds)',
          ),
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for one commit\'s migrations, in bytes'),
      })
      .default({ statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 })
      .describe('Limits for replaying Postgres migrations'),
    schemas: z
      .strictObject({
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for the files one event-schema, Prisma or TypeScript asset reads at one commit, in bytes'),
        historyDepth: z
          .number()
          .int()
          .positive()
          .max(500)
          .default(50)
          .describe('How many earlier versions of the schema files the _TRANSITIVE compatibility modes check'),
      })
      .default({ maxBytes: 8 * 1024 * 1024, historyDepth: 50 })
      .describe('Limits for reading event schemas (Avro, Protobuf, JSON Schema) and Prisma schemas'),
    mysql: z
      .strictObject({
        statementTimeoutSeconds: z
          .number()
          .positive()
          .max(300)
          .default(10)
          .describe('Time limit for one migration statement replayed in the MySQL server (DCR_MYSQL_URL): one that runs longer is stopped with KILL QUERY and reported at its file and line'),
        timeoutSeconds: z.number().positive().max(3600).default(600).describe('Bound on replaying one commit\'s MySQL migrations'),
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for one commit\'s MySQL migrations, in bytes'),
      })
      .default({ statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 })
      .describe('Limits for reading MySQL migrations'),
    sqlite: z
      .strictObject({
        statementTimeoutSeconds: z
          .number()
          .positive()
          .max(300)
          .default(10)
          .describe('Time limit for one SQLite migration statement: one that runs longer is stopped and reported at its file and line'),
        timeoutSeconds: z.number().positive().max(3600).default(600).describe('Bound on replaying one commit\'s SQLite migrations'),
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for one commit\'s SQLite migrations, in bytes'),
      })
      .default({ statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 })
      .describe('Limits for replaying SQLite migrations'),
    dbt: z
      .strictObject({
        maxBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(8 * 1024 * 1024)
          .describe('Size limit for the properties files one dbt model reads at one commit, in bytes'),
      })
      .default({ maxBytes: 8 * 1024 * 1024 })
      .describe('Limits for reading dbt models'),
    approvals: z
      .strictObject({
        acrossPushes: z
          .boolean()
          .default(false)
          .describe(
            'Keep a consumer\'s approval when more commits are pushed, unless a push adds a new blocking finding for that consumer (default: an approval counts for the commit it was given on)',
          ),
        requestReviews: z
          .boolean()
          .default(false)
          .describe('Request a review from each contact whose approval a pull request still needs, once per pull request'),
      })
      .default({ acrossPushes: false, requestReviews: false })
      .describe('How approving reviews accept breaks and contract changes'),
    override: z
      .strictObject({
        label: z
          .string()
          .min(1)
          .max(50)
          .default('data-contracts: override')
          .describe('The label that, added by someone with admin or maintain permission, completes the check as neutral'),
      })
      .default({ label: 'data-contracts: override' })
      .describe('The explicit way through a failing check'),
  })
  .describe('Data Contract Review repository settings');
export type Settings = z.infer<typeof settingsSchema>;

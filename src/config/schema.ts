import { z } from 'zod';
import { globListSchema } from '../contracts/globs.js';

export const DEFAULT_CONTRACT_GLOBS = ['contracts/**/*.{yml,yaml}'];
export const SETTINGS_PATH = '.github/data-contracts.yml';

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** A size limit in bytes, bounded: a repository cannot make a review read without end. */
function byteLimit(description: string) {
  return z.number().int().positive().max(64 * 1024 * 1024).default(DEFAULT_MAX_BYTES).describe(description);
}

/** The limits every migration replay takes: one statement, one commit, and the bytes one commit's migrations hold. */
function replayLimits(descriptions: { statement: string; commit: string; bytes: string; limits: string }) {
  return z
    .strictObject({
      statementTimeoutSeconds: z.number().positive().max(300).default(10).describe(descriptions.statement),
      timeoutSeconds: z.number().positive().max(3600).default(600).describe(descriptions.commit),
      maxBytes: byteLimit(descriptions.bytes),
    })
    .default({ statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: DEFAULT_MAX_BYTES })
    .describe(descriptions.limits);
}

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
    postgres: replayLimits({
      statement: 'Time limit for one migration statement: one that runs longer is stopped and reported at its file and line',
      commit: 'Bound on replaying one commit\'s migrations, whatever each statement takes (each also has statementTimeoutSeconds)',
      bytes: 'Size limit for one commit\'s migrations, in bytes',
      limits: 'Limits for replaying Postgres migrations',
    }),
    schemas: z
      .strictObject({
        maxBytes: byteLimit('Size limit for the files one event-schema, Prisma or TypeScript asset reads at one commit, in bytes'),
        historyDepth: z
          .number()
          .int()
          .positive()
          .max(500)
          .default(50)
          .describe('How many earlier versions of the schema files the _TRANSITIVE compatibility modes check'),
      })
      .default({ maxBytes: DEFAULT_MAX_BYTES, historyDepth: 50 })
      .describe('Limits for reading event schemas (Avro, Protobuf, JSON Schema) and Prisma schemas'),
    mysql: replayLimits({
      statement:
        'Time limit for one migration statement replayed in the MySQL server (DCR_MYSQL_URL): one that runs longer is stopped with KILL QUERY and reported at its file and line',
      commit: 'Bound on replaying one commit\'s MySQL migrations',
      bytes: 'Size limit for one commit\'s MySQL migrations, in bytes',
      limits: 'Limits for reading MySQL migrations',
    }),
    sqlite: replayLimits({
      statement: 'Time limit for one SQLite migration statement: one that runs longer is stopped and reported at its file and line',
      commit: 'Bound on replaying one commit\'s SQLite migrations',
      bytes: 'Size limit for one commit\'s SQLite migrations, in bytes',
      limits: 'Limits for replaying SQLite migrations',
    }),
    dbt: z
      .strictObject({ maxBytes: byteLimit('Size limit for the properties files one dbt model reads at one commit, in bytes') })
      .default({ maxBytes: DEFAULT_MAX_BYTES })
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

import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from '@jest/globals';
import { diagnosticsOfMessage, validationMessage } from '../../../src/assets/prisma/engine-messages.js';
import type { SchemaFiles } from '../../../src/assets/prisma/engine-protocol.js';
import { POSTGRES, schema, testPrismaEngine } from './support.js';

const engine = testPrismaEngine();
afterAll(() => engine.close());

const USER = 'model User {\n  id    Int    @id\n  email String @unique @map("email_address")\n}\n';

describe('the call shapes of the installed @prisma/prisma-schema-wasm', () => {
  const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as {
    get_dmmf(params: string): string;
    get_datamodel(params: string): string;
    validate(params: string): void;
  };
  const params = JSON.stringify({ prismaSchema: [['schema.prisma', schema(USER)]], noColor: true });

  it('get_datamodel returns the datamodel get_dmmf does, without the query schema built around it', () => {
    const dmmf = JSON.parse(wasm.get_dmmf(params)) as { datamodel: unknown; schema: unknown };
    expect(JSON.parse(wasm.get_datamodel(params))).toEqual(dmmf.datamodel);
    expect(dmmf.schema).toBeDefined();
  });

  it('refuses the datasource url of Prisma 6 and earlier, as Prisma 7 does', () => {
    const withUrl = POSTGRES.replace('}', '  url      = env("DATABASE_URL")\n}');
    expect(() => wasm.get_datamodel(JSON.stringify({ prismaSchema: [['schema.prisma', `${withUrl}\n${USER}`]], noColor: true }))).toThrow(
      /The datasource property `url` is no longer supported in schema files/,
    );
  });

  it('throws validation errors whose message names each problem\'s file and line', () => {
    const files = [['prisma/schema.prisma', POSTGRES], ['prisma/user.prisma', 'model User {\n  id Int @id\n  name Strin\n  age Innt\n}\n']];
    let thrown: unknown;
    try {
      wasm.validate(JSON.stringify({ prismaSchema: files, noColor: true }));
    } catch (error) {
      thrown = error;
    }
    expect(diagnosticsOfMessage(validationMessage(thrown)!, 'prisma/schema.prisma')).toEqual([
      { file: 'prisma/user.prisma', line: 3, message: 'Type "Strin" is neither a built-in type, nor refers to another model, composite type, or enum.' },
      { file: 'prisma/user.prisma', line: 4, message: 'Type "Innt" is neither a built-in type, nor refers to another model, composite type, or enum.' },
    ]);
  });
});

describe('PrismaSchemaEngine', () => {
  it('reads a Prisma 6 datasource (url, directUrl, shadowDatabaseUrl) as the Prisma 7 one without them', async () => {
    const prisma6 = [
      'datasource db {',
      '  provider          = "postgresql"',
      '  url               = env("DATABASE_URL")',
      '  directUrl         = env("DIRECT_URL")',
      '  shadowDatabaseUrl = "postgresql://localhost/shadow"',
      '}',
      '',
      USER,
    ].join('\n');
    const [before, after] = await Promise.all([engine.read([['schema.prisma', prisma6]]), engine.read([['schema.prisma', schema(USER)]])]);
    expect(before.kind).toBe('read');
    expect(before).toEqual(after);
    expect(before).toMatchObject({ provider: 'postgresql' });
  });

  it('still refuses anything else in the datasource, at its span', async () => {
    const text = POSTGRES.replace('}', '  urll     = env("DATABASE_URL")\n}') + `\n${USER}`;
    const outcome = await engine.read([['schema.prisma', text]]);
    expect(outcome.kind).toBe('invalid');
    const [diagnostic] = outcome.kind === 'invalid' ? outcome.diagnostics : [];
    expect(text.slice(diagnostic!.start, diagnostic!.end)).toContain('urll');
  });

  it('reads every file of a multi-file schema as one', async () => {
    const files: SchemaFiles = [
      ['prisma/schema/schema.prisma', POSTGRES],
      ['prisma/schema/user.prisma', USER.replace('}', '  posts Post[]\n}')],
      ['prisma/schema/post.prisma', 'model Post {\n  id       Int  @id\n  author   User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n'],
    ];
    const outcome = await engine.read(files);
    expect(outcome).toMatchObject({ kind: 'read', datamodel: { models: [{ name: 'User' }, { name: 'Post' }] } });
  });

  it('reads the same files once', async () => {
    const files: SchemaFiles = [['schema.prisma', schema(USER.replace('User', 'Cached'))]];
    const first = await engine.read(files);
    expect(await engine.read(files)).toBe(first);
  });

  it('loses only its worker to a schema that breaks the engine, and reads the next one', async () => {
    // Far past the nesting the reader lets through: the engine's parser overflows its stack.
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const broken = await engine.read([['schema.prisma', schema(`model A {\n  id Int @id @default(${deep})\n}\n`)]]);
    expect(broken).toMatchObject({ kind: 'stopped', reason: 'crashed', message: expect.stringContaining('broke reading these files') });
    expect((await engine.read([['schema.prisma', schema(USER.replace('User', 'After'))]])).kind).toBe('read');
  });

  it('stops a read that runs past its time limit', async () => {
    const hurried = testPrismaEngine({ timeoutMs: 100 });
    const models = Array.from({ length: 20_000 }, (_, index) => `model M${index} {\n  id Int @id\n  name String @db.VarChar(64)\n}\n`);
    try {
      expect(await hurried.read([['schema.prisma', schema(...models)]])).toMatchObject({
        kind: 'stopped',
        reason: 'timeout',
        message: expect.stringContaining('within 0.1s'),
      });
    } finally {
      await hurried.close();
    }
  });
});

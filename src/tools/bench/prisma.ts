import { PrismaSchemaEngine } from '../../assets/prisma/engine.js';
import { prismaReader } from '../../assets/prisma/reader.js';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { reviewChange } from '../../review/run.js';
import { mebibytes, peakMemorySampler, timedResult } from './measure.js';

/**
 * Measures the review of a pull request on a Prisma schema of N models (`--models N`, 100 by default) in one
 * `schema.prisma`, with a contract on every tenth model; the head removes a column of one contracted model, widens
 * one and adds an enum value another uses, and changes two models no contract names:
 * - cold: the first review of the process (the engine's worker starts);
 * - warm: the median of further reviews of other schemas (nothing cached, the worker running);
 * - cached: the same review again (both reads cached by content);
 * - the process's peak resident memory, worker thread included.
 */
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const count = Number(argument('--models')) || 100;
const RUNS = 5;
const SCHEMA_FILE = 'prisma/schema.prisma';

function model(index: number, head: boolean): string {
  const next = (index + 1) % count;
  const changed = (at: number) => head && index === at;
  return [
    `/// Model ${index} of the benchmark schema.`,
    `model Model${index} {`,
    '  id          Int       @id @default(autoincrement())',
    `  name        String    @db.VarChar(${changed(20) ? 128 : 64})`,
    ...(changed(10) ? [] : ['  email       String    @unique @map("email_address")']),
    '  amount      Decimal   @default(0) @db.Decimal(12, 2)',
    '  status      Status    @default(ACTIVE)',
    '  tags        String[]',
    '  payload     Json?',
    `  createdAt   DateTime  @default(now()) @map("created_at")${changed(55) ? '\n  archivedAt  DateTime? @map("archived_at")' : ''}`,
    '  updatedAt   DateTime  @updatedAt @map("updated_at")',
    `  parentId    Int?      @map("parent_id")`,
    `  parent      Model${next}? @relation("Chain${index}", fields: [parentId], references: [id])`,
    `  children    Model${(index + count - 1) % count}[] @relation("Chain${(index + count - 1) % count}")`,
    '',
    `  @@index([createdAt])`,
    `  @@map("${changed(77) ? 'legacy_' : ''}model_${index}")`,
    '}',
    '',
  ].join('\n');
}

function repository(head: boolean, run: number): FileMap {
  const status = `enum Status {\n  ACTIVE   @map("active")\n  INACTIVE @map("inactive")\n${head ? '  BLOCKED  @map("blocked")\n' : ''}}\n`;
  const files: FileMap = {
    [SCHEMA_FILE]: [
      `// run ${run}`,
      'generator client {\n  provider = "prisma-client-js"\n}\n',
      'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
      status,
      ...Array.from({ length: count }, (_, index) => model(index, head)),
    ].join('\n'),
  };
  for (let index = 0; index < count; index += 10) {
    files[`contracts/model-${index}.yaml`] = [
      `id: model-${index}`,
      'asset:',
      '  type: prisma',
      `  name: Model${index}`,
      `  source: ${SCHEMA_FILE}`,
      'fields:',
      '  - name: id\n    type: integer\n    required: true\n    primaryKey: true',
      '  - name: name\n    type: string\n    required: true',
      '  - name: email_address\n    type: string\n    unique: true',
      '  - name: status\n    enum: [active, inactive]',
      'consumers:',
      '  - name: Analytics\n    contact: "@acme/analytics"\n    enforcement: blocking',
      '',
    ].join('\n');
  }
  return files;
}

const engine = new PrismaSchemaEngine();
const readers = [prismaReader(engine)];
const review = (run: number) => reviewChange(memoryChange(repository(false, run), repository(true, run)), readers);
const sampler = peakMemorySampler();

const schemaBytes = Buffer.byteLength(repository(false, 0)[SCHEMA_FILE]!);
console.log(`Schema: ${count} models in one ${(schemaBytes / 1024).toFixed(0)} KiB schema.prisma, ${Math.ceil(count / 10)} contracts.\n`);
const { result: first } = await timedResult('cold: first review (the engine worker starts)', () => review(0));
const warm: number[] = [];
for (let run = 1; run <= RUNS; run += 1) warm.push((await timedResult(`warm: review of another schema (${run}/${RUNS})`, () => review(run))).ms);
await timedResult('cached: the same review again', () => review(RUNS));
await engine.close();

warm.sort((a, b) => a - b);
console.log(`\nwarm median: ${warm[Math.floor(RUNS / 2)]!.toFixed(0)} ms`);
console.log(`conclusion: ${first.conclusion} (${first.findings.length} findings: ${[...new Set(first.findings.map((finding) => finding.rule))].join(', ')}; ${first.errors.length} errors)`);
console.log(`peak resident memory: ${mebibytes(sampler.stop())}`);

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { createEngine } from '../../review/engine.js';
import { maxResidentBytes, mebibytes, timedResult } from './measure.js';

/**
 * Measures the review of a repository with many migrations (`--migrations N`, 500 by default):
 * - cold: a new process (as `dcr check` is) reviews a pull request: Node starts, the embedded Postgres starts from
 *   the pre-initialised image, the base's migrations and the change's are replayed, the contracts judged;
 * - warm: in a process that reviewed a pull request before, the review of another pull request adding one migration
 *   (the base is already replayed: only that migration runs);
 * - the peak resident memory of both processes (worker threads included);
 * - with DCR_TEST_POSTGRES_URL set, the same replays into that real server (createdb, psql, catalog read, dropdb),
 *   and the ratios.
 * Run with `npm run bench`. The image is built first if this machine has none (once per PGlite version).
 */
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const migrations = Number(argument('--migrations')) || 500;
const CONTRACTS = ['orders', 'customers', 'table_7'];

function repository(count: number): FileMap {
  const files: FileMap = {
    'contracts/orders.yaml': contract('orders', 'public.orders', ['id', 'customer_id', 'status', 'amount']),
    'contracts/customers.yaml': contract('customers', 'public.customers', ['id', 'email']),
    'contracts/table_7.yaml': contract('table-7', 'public.table_7', ['id', 'label']),
  };
  for (const [path, sql] of baseMigrations(count)) files[path] = sql;
  return files;
}

function migrationPath(index: number): string {
  return `db/migrations/V${index}__step_${index}.sql`;
}

function baseMigrations(count: number): [string, string][] {
  const files: [string, string][] = [
    [
      migrationPath(1),
      "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');\n" +
        'CREATE TABLE customers (id bigserial PRIMARY KEY, email varchar(254) NOT NULL UNIQUE);\n' +
        'CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),\n' +
        "  status order_status NOT NULL DEFAULT 'pending', amount numeric(12, 2) NOT NULL);",
    ],
  ];
  for (let index = 2; index <= count; index += 1) {
    const table = `table_${index % 120}`;
    files.push([
      migrationPath(index),
      index <= 121
        ? `CREATE TABLE ${table} (id bigserial PRIMARY KEY, label varchar(64) NOT NULL, created_at timestamptz DEFAULT now());\n` +
          `CREATE INDEX ${table}_created_at_idx ON ${table} (created_at);`
        : `ALTER TABLE ${table} ADD COLUMN c${index} integer;\n` + `COMMENT ON COLUMN ${table}.c${index} IS 'added by migration ${index}';`,
    ]);
  }
  return files;
}

function contract(id: string, table: string, fields: string[]): string {
  return [
    `id: ${id}`,
    'asset:',
    '  type: postgres',
    `  name: ${table}`,
    '  source: db/migrations/**/*.sql',
    'fields:',
    ...fields.map((field) => `  - name: ${field}\n    required: true`),
    'consumers:',
    '  - name: Finance dashboards',
    '    contact: "@acme/analytics"',
    '    enforcement: blocking',
  ].join('\n');
}

/** A pull request adding one migration (and touching other files). */
function pullRequest(base: FileMap, migration: string, name = 'change'): FileMap {
  return {
    ...base,
    [`db/migrations/V${migrations + 1}__${name}.sql`]: migration,
    'src/checkout.ts': 'export const checkout = 2;\n',
    'src/orders.ts': 'export const orders = 2;\n',
    'README.md': '# shop\n',
    'docs/orders.md': '# orders\n',
  };
}

const BREAKING = 'ALTER TABLE orders DROP COLUMN amount;';
const OTHER = 'ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;';
const base = repository(migrations);

if (process.argv.includes('--cold-child')) {
  // One review in a fresh process, as `dcr check` does it; the parent prints the result.
  const engine = createEngine();
  const { replayer } = engine;
  const started = performance.now();
  const review = await engine.review(memoryChange(base, pullRequest(base, BREAKING)));
  const reviewMs = performance.now() - started;
  await replayer.close();
  process.stdout.write(
    JSON.stringify({
      reviewMs,
      sinceStartMs: performance.now(),
      maxRss: maxResidentBytes(),
      conclusion: review.conclusion,
      findings: review.findings.length,
      workerStartMs: replayer.lastStart?.ms,
    }),
  );
  process.exit(0);
}

console.log(`Repository: ${migrations} migrations, ${CONTRACTS.length} contracts; each pull request adds one migration and changes 4 other files.`);
console.log(`Machine: ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')}\n`);

// The image is built once per machine; a cold review never pays for it, so it is made ready first.
const preparing = createEngine();
const image = await timedResult('prepare: the pre-initialised Postgres image', () => preparing.warmUp());
console.log(`  (${preparing.replayer.lastStart?.imageBuilt ? 'built now: this machine had none' : 'found in the cache'}; ${image.ms.toFixed(0)} ms)`);
await preparing.close();

const colds: { reviewMs: number; sinceStartMs: number; maxRss: number; conclusion: string; findings: number; workerStartMs: number }[] = [];
for (let run = 0; run < 3; run += 1) {
  const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-child', '--migrations', String(migrations)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  colds.push(JSON.parse(output) as (typeof colds)[number]);
}
const median = <T>(values: T[], key: (value: T) => number): T => [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
const cold = median(colds, (run) => run.sinceStartMs);
console.log(
  `${'cold: new process, review of a pull request (median of 3)'.padEnd(60)} ${cold.sinceStartMs.toFixed(0).padStart(7)} ms` +
    `\n  (from process start; the review call itself ${cold.reviewMs.toFixed(0)} ms, of which Postgres starting ${cold.workerStartMs?.toFixed(0)} ms;` +
    ` runs: ${colds.map((run) => run.sinceStartMs.toFixed(0)).join(', ')} ms; conclusion ${cold.conclusion}, ${cold.findings} findings; peak memory ${mebibytes(cold.maxRss)})`,
);

const engine = createEngine();
const { replayer } = engine;
await timedResult('in one process: first review (Postgres starts, base replayed)', () =>
  engine.review(memoryChange(base, pullRequest(base, BREAKING))),
);
await timedResult('in one process: the same review again (outcome cache)', () =>
  engine.review(memoryChange(base, pullRequest(base, BREAKING))),
);
const statementsBefore = replayer.statementsExecuted;
const warmRuns: number[] = [];
for (const [index, migration] of [OTHER, 'ALTER TABLE customers ADD COLUMN phone text;', 'CREATE INDEX orders_status ON orders (status);'].entries()) {
  const { ms } = await timedResult(`warm: review of another pull request adding one migration (#${index + 1})`, () =>
    engine.review(memoryChange(base, pullRequest(base, migration, `other_${index}`))),
  );
  warmRuns.push(ms);
}
const warmStatements = (replayer.statementsExecuted - statementsBefore) / warmRuns.length;
await replayer.close();
const warm = median(warmRuns, (ms) => ms);
const peak = maxResidentBytes();
console.log(`  (statements replayed per warm review: ${warmStatements}; replays ${replayer.replays}, cache hits ${replayer.cacheHits})`);
console.log(`peak resident memory of this process: ${mebibytes(peak)}`);

const goals = [
  ['cold review ≤ 2000 ms', cold.sinceStartMs <= 2000, `${cold.sinceStartMs.toFixed(0)} ms`],
  ['warm review ≤ 500 ms', warm <= 500, `${warm.toFixed(0)} ms`],
  ['peak memory ≤ 400 MiB', Math.max(peak, cold.maxRss) <= 400 * 1024 ** 2, mebibytes(Math.max(peak, cold.maxRss))],
] as const;

const url = process.env.DCR_TEST_POSTGRES_URL;
const ratios: string[] = [];
if (url) {
  const server = realServer(url);
  const serverCold = median([server.cold(), server.cold(), server.cold()], (ms) => ms);
  const serverWarm = median([server.warm(), server.warm(), server.warm()], (ms) => ms);
  server.close();
  console.log(`\nReal server (${url.replace(/\/\/[^@]*@/, '//')}), psql ${execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim()}:`);
  console.log(`${'cold: createdb, replay all migrations, read catalog, dropdb'.padEnd(60)} ${serverCold.toFixed(0).padStart(7)} ms`);
  console.log(`${'warm: createdb from a replayed template, one migration, read, dropdb'.padEnd(60)} ${serverWarm.toFixed(0).padStart(7)} ms`);
  ratios.push(`cold: embedded is ${(serverCold / cold.sinceStartMs).toFixed(1)}× faster (goal 3×)`, `warm: ${(serverWarm / warm).toFixed(1)}× faster (goal 10×)`);
}

console.log('\nGoals:');
for (const [goal, met, value] of goals) console.log(`  ${met ? 'met    ' : 'NOT met'} ${goal}: ${value}`);
for (const ratio of ratios) console.log(`  ratio  ${ratio}`);

/** The same work on a real Postgres server, through psql as a migration tool would. */
function realServer(serverUrl: string): { cold(): number; warm(): number; close(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'dcr-bench-'));
  const files = [...baseMigrations(migrations), [`db/migrations/V${migrations + 1}__change.sql`, BREAKING] as [string, string]];
  const include = (entries: [string, string][]): string =>
    entries
      .map(([path, sql], index) => {
        const file = join(directory, `${index}-${path.replaceAll('/', '_')}`);
        writeFileSync(file, sql);
        return `\\i ${file}`;
      })
      .join('\n');
  const allFiles = join(directory, 'all.psql');
  writeFileSync(allFiles, include(files));
  const baseFiles = join(directory, 'base.psql');
  writeFileSync(baseFiles, include(files.slice(0, -1)));
  const lastFile = join(directory, 'last.psql');
  writeFileSync(lastFile, include(files.slice(-1)));
  const catalog =
    'SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid) ' +
    'FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum ' +
    `WHERE c.oid IN (${CONTRACTS.map((table) => `to_regclass('public.${table}')`).join(', ')}) AND a.attnum > 0 AND NOT a.attisdropped`;
  const database = (name: string): string => serverUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const psql = (target: string, ...args: string[]): void => {
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  const admin = serverUrl;
  const elapsed = (work: () => void): number => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  psql(admin, '-c', 'DROP DATABASE IF EXISTS dcr_bench_template');
  psql(admin, '-c', 'CREATE DATABASE dcr_bench_template');
  psql(database('dcr_bench_template'), '-f', baseFiles);
  return {
    cold: () =>
      elapsed(() => {
        psql(admin, '-c', 'CREATE DATABASE dcr_bench_cold');
        psql(database('dcr_bench_cold'), '-f', allFiles, '-c', catalog);
        psql(admin, '-c', 'DROP DATABASE dcr_bench_cold');
      }),
    warm: () =>
      elapsed(() => {
        psql(admin, '-c', 'CREATE DATABASE dcr_bench_warm TEMPLATE dcr_bench_template');
        psql(database('dcr_bench_warm'), '-f', lastFile, '-c', catalog);
        psql(admin, '-c', 'DROP DATABASE dcr_bench_warm');
      }),
    close: () => {
      psql(admin, '-c', 'DROP DATABASE IF EXISTS dcr_bench_template');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mysqlReader } from '../../assets/mysql/reader.js';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { reviewChange } from '../../review/run.js';
import { maxResidentBytes, mebibytes, timedResult } from './measure.js';

/**
 * Measures the review of a repository of MySQL migrations (`--migrations N`, 500 by default), both ways:
 * - parsed: the DDL folded by node-sql-parser, no server;
 * - exact (with DCR_TEST_MARIADB_URL set): every migration replayed into a throw-away database of that server.
 * Each way: cold, a new process (as `dcr check` is) reviewing a pull request, median of 3; warm, in a process that
 * reviewed before, the same review again (outcome cache) and reviews of other pull requests adding one migration;
 * the peak resident memory. Run with `npm run build && node lib/tools/bench/mysql.js`.
 */
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const migrations = Number(argument('--migrations')) || 500;
const serverUrl = process.env.DCR_TEST_MARIADB_URL || undefined;

function migrationPath(index: number): string {
  return `db/migrations/V${index}__step_${index}.sql`;
}

/** A shop's migrations: tables made, then grown, indexed, filled and given triggers, as years of releases do. */
function baseMigrations(count: number): FileMap {
  const files: FileMap = {
    [migrationPath(1)]: [
      'CREATE TABLE customers (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(254) NOT NULL, UNIQUE KEY uq_customers_email (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
      'CREATE TABLE orders (',
      '  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,',
      '  customer_id BIGINT UNSIGNED NOT NULL,',
      "  status ENUM('pending', 'paid', 'shipped') NOT NULL DEFAULT 'pending',",
      '  amount DECIMAL(12,2) NOT NULL,',
      '  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,',
      '  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    ].join('\n'),
  };
  for (let index = 2; index <= count; index += 1) {
    const table = `table_${index % 120}`;
    let sql: string;
    if (index <= 121) {
      sql = `CREATE TABLE ${table} (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, label VARCHAR(64) NOT NULL, created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6));\nCREATE INDEX ${table}_created_at_idx ON ${table} (created_at);`;
    } else if (index % 10 === 0) {
      sql = `INSERT INTO ${table} (label) VALUES ${Array.from({ length: 20 }, (_, row) => `('row ${row} of migration ${index}')`).join(', ')};`;
    } else if (index % 25 === 0) {
      sql = `DELIMITER //\nCREATE TRIGGER ${table}_bi_${index} BEFORE INSERT ON ${table} FOR EACH ROW BEGIN\n  IF NEW.label = '' THEN SET NEW.label = 'unnamed'; END IF;\nEND//\nDELIMITER ;`;
    } else {
      sql = `ALTER TABLE ${table} ADD COLUMN c${index} INT NULL DEFAULT ${index % 7}, ADD INDEX ${table}_c${index} (c${index});`;
    }
    files[migrationPath(index)] = sql;
  }
  return files;
}

function contract(id: string, table: string, fields: string[]): string {
  return [
    `id: ${id}`,
    'asset:',
    '  type: mysql',
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

const base: FileMap = {
  'contracts/orders.yaml': contract('orders', 'orders', ['id', 'customer_id', 'status', 'amount']),
  'contracts/customers.yaml': contract('customers', 'customers', ['id', 'email']),
  'contracts/table_7.yaml': contract('table-7', 'table_7', ['id', 'label']),
  ...baseMigrations(migrations),
};

/** A pull request adding one migration (and touching other files). */
function pullRequest(migration: string, name = 'change'): FileMap {
  return { ...base, [`db/migrations/V${migrations + 1}__${name}.sql`]: migration, 'src/checkout.ts': 'export const checkout = 2;\n', 'README.md': '# shop\n' };
}

const BREAKING = 'ALTER TABLE orders DROP COLUMN amount;';
const OTHERS = ["ALTER TABLE orders MODIFY status ENUM('pending', 'paid', 'shipped', 'refunded') NOT NULL DEFAULT 'pending';", 'ALTER TABLE customers ADD COLUMN phone VARCHAR(32) NULL;', 'CREATE INDEX orders_status ON orders (status);'];

type Way = 'parsed' | 'exact';
const readerFor = (way: Way) => mysqlReader(way === 'exact' ? { serverUrl: serverUrl! } : {});

if (process.argv.includes('--cold-child')) {
  // One review in a fresh process, as `dcr check` does it; the parent prints the result.
  const reader = readerFor(argument('--way') as Way);
  const started = performance.now();
  const review = await reviewChange(memoryChange(base, pullRequest(BREAKING)), [reader]);
  const reviewMs = performance.now() - started;
  await reader.close?.();
  process.stdout.write(JSON.stringify({ reviewMs, sinceStartMs: performance.now(), maxRss: maxResidentBytes(), conclusion: review.conclusion, findings: review.findings.length }));
  process.exit(0);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(way: Way): Promise<void> {
  console.log(`\n${way === 'exact' ? `exact: replayed in ${serverUrl!.replace(/\/\/[^@]*@/, '//')}` : 'parsed: folded by node-sql-parser, no server'}`);
  const colds: { reviewMs: number; sinceStartMs: number; maxRss: number; conclusion: string; findings: number }[] = [];
  for (let run = 0; run < 3; run += 1) {
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-child', '--way', way, '--migrations', String(migrations)], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: process.env,
    });
    colds.push(JSON.parse(output) as (typeof colds)[number]);
  }
  const cold = colds.find((run) => run.sinceStartMs === median(colds.map((entry) => entry.sinceStartMs)))!;
  console.log(
    `${'cold: new process, review of a pull request (median of 3)'.padEnd(60)} ${cold.sinceStartMs.toFixed(0).padStart(7)} ms` +
      `\n  (from process start; the review itself ${cold.reviewMs.toFixed(0)} ms; runs ${colds.map((run) => run.sinceStartMs.toFixed(0)).join(', ')} ms;` +
      ` conclusion ${cold.conclusion}, ${cold.findings} findings; peak memory ${mebibytes(cold.maxRss)})`,
  );

  const reader = readerFor(way);
  await timedResult('in one process: first review', () => reviewChange(memoryChange(base, pullRequest(BREAKING)), [reader]));
  await timedResult('in one process: the same review again (outcome cache)', () => reviewChange(memoryChange(base, pullRequest(BREAKING)), [reader]));
  const warm: number[] = [];
  for (const [index, migration] of OTHERS.entries()) {
    const { ms } = await timedResult(`warm: another pull request adding one migration (#${index + 1})`, () =>
      reviewChange(memoryChange(base, pullRequest(migration, `other_${index}`)), [reader]),
    );
    warm.push(ms);
  }
  await reader.close?.();
  console.log(`${'warm: median'.padEnd(60)} ${median(warm).toFixed(0).padStart(7)} ms`);
}

console.log(`Repository: ${migrations} MySQL migrations, 3 contracts; each pull request adds one migration and changes 2 other files.`);
await measure('parsed');
if (serverUrl) await measure('exact');
else console.log('\n(exact: set DCR_TEST_MARIADB_URL to measure the replay into a MySQL or MariaDB server)');
console.log(`\npeak resident memory of this process: ${mebibytes(maxResidentBytes())}`);

import { eventSchemaExtractor } from '../assets/events/formats.js';
import { PostgresExtractor } from '../assets/postgres/extractor.js';
import { Replayer } from '../assets/postgres/replayer.js';
import { type FileMap, memoryChange } from '../review/memory-snapshot.js';
import { reviewChange } from '../review/run.js';
import { peakMemorySampler, timed } from './measure.js';

/**
 * Measures one review of a repository with many migrations: cold (the embedded Postgres starts), warm with the
 * same migrations (answered from the cache), and warm with a new migration (replayed in the warm database), plus
 * the peak resident memory. Run with `npm run bench`; `--migrations N` changes the repository's size.
 */
const migrations = Number(process.argv[process.argv.indexOf('--migrations') + 1]) || 500;

function repository(count: number): FileMap {
  const files: FileMap = {
    'contracts/orders.yaml': contract('orders', 'public.orders', ['id', 'customer_id', 'status', 'amount']),
    'contracts/customers.yaml': contract('customers', 'public.customers', ['id', 'email']),
    'contracts/table_7.yaml': contract('table-7', 'public.table_7', ['id', 'label']),
  };
  const name = (index: number): string => `db/migrations/V${index}__step_${index}.sql`;
  files[name(1)] =
    "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');\n" +
    'CREATE TABLE customers (id bigserial PRIMARY KEY, email varchar(254) NOT NULL UNIQUE);\n' +
    'CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),\n' +
    "  status order_status NOT NULL DEFAULT 'pending', amount numeric(12, 2) NOT NULL);";
  for (let index = 2; index <= count; index += 1) {
    const table = `table_${index % 120}`;
    files[name(index)] =
      index <= 121
        ? `CREATE TABLE ${table} (id bigserial PRIMARY KEY, label varchar(64) NOT NULL, created_at timestamptz DEFAULT now());\n` +
          `CREATE INDEX ${table}_created_at_idx ON ${table} (created_at);`
        : `ALTER TABLE ${table} ADD COLUMN c${index} integer;\n` +
          `COMMENT ON COLUMN ${table}.c${index} IS 'added by migration ${index}';`;
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

function pullRequest(base: FileMap, migration: string): FileMap {
  return {
    ...base,
    [`db/migrations/V${migrations + 1}__change.sql`]: migration,
    'src/checkout.ts': 'export const checkout = 2;\n',
    'src/orders.ts': 'export const orders = 2;\n',
    'README.md': '# shop\n',
    'docs/orders.md': '# orders\n',
  };
}

const base = repository(migrations);
const breaking = memoryChange(base, pullRequest(base, 'ALTER TABLE orders DROP COLUMN amount;'));
const other = memoryChange(base, pullRequest(base, 'ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;'));
const replayer = new Replayer();
const sampler = peakMemorySampler();
const extractors = { postgres: new PostgresExtractor(replayer), events: eventSchemaExtractor() };

console.log(`Repository: ${migrations} migrations, 3 contracts; the pull request changes 5 files.\n`);
const cold = await timed('cold: start embedded Postgres, replay, judge', () => reviewChange(breaking, extractors));
await timed('warm: same change again (cache)', () => reviewChange(breaking, extractors));
await timed('warm: another change (replayed in warm Postgres)', () => reviewChange(other, extractors));
const peak = sampler.stop();
await replayer.close();

console.log(`\nconclusion of the first review: ${cold.conclusion} (${cold.findings.length} findings)`);
console.log(`replays: ${replayer.replays}, cache hits: ${replayer.cacheHits}`);
console.log(`peak resident memory: ${(peak / 1024 ** 2).toFixed(0)} MiB`);

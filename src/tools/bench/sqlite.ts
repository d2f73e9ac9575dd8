import { sqliteReader } from '../../assets/sqlite/reader.js';
import { SqliteReplayer } from '../../assets/sqlite/replayer.js';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { reviewChange } from '../../review/run.js';
import { mebibytes, peakMemorySampler } from './measure.js';

/**
 * `node lib/tools/bench/sqlite.js [--migrations N] [--runs R]`: a review of an app's SQLite migrations, N files
 * (default 300) as Drizzle Kit writes them (`drizzle/0000_name.sql`, `--> statement-breakpoint` between statements):
 * forty tables created with indexes and CHECK-listed values, then columns added and renamed, indexes, seed rows, views,
 * and every twenty-fifth migration a table rebuilt (`CREATE TABLE __new_x ...; INSERT ...; DROP TABLE x; ALTER
 * TABLE __new_x RENAME TO x`); one contract per four tables; a pull request whose migration renames a column, adds
 * one and rebuilds a contracted table. Prints the median of R runs (default 5) of a cold review (a new replayer: the
 * worker starts and every migration is replayed), of the review after the next push (the base's image is kept, so
 * only the pull request's migration runs), and of the same review again (answered from the outcome cache), and the
 * peak resident memory.
 */
const argument = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const migrationCount = argument('--migrations', 300);
const runs = argument('--runs', 5);
const TABLES = 40;
const STATUSES = "'draft', 'active', 'archived'";
const VIEWED = [1, 2, 3, 6, 7, 9];

/** Each table's columns as they stand, to write rebuilds. */
const columns = new Map<number, string[]>();

function created(table: number): string[] {
  const definitions = [
    'id INTEGER PRIMARY KEY AUTOINCREMENT',
    'public_id TEXT NOT NULL',
    'name VARCHAR(255) NOT NULL',
    `status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (${STATUSES}))`,
    `amount_cents INTEGER NOT NULL DEFAULT 0`,
    'rate REAL',
    'metadata JSON',
    'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
    'updated_at DATETIME',
    ...(table > 0 ? [`parent_id INTEGER REFERENCES table_${table - 1} (id) ON DELETE CASCADE`] : []),
  ];
  columns.set(table, definitions);
  return [
    `CREATE TABLE \`table_${table}\` (\n  ${definitions.join(',\n  ')}\n);`,
    `CREATE UNIQUE INDEX \`table_${table}_public_id\` ON \`table_${table}\` (\`public_id\`);`,
    `CREATE INDEX \`table_${table}_status\` ON \`table_${table}\` (\`status\`, \`created_at\`);`,
    ...Array.from({ length: 5 }, (_, row) => `INSERT INTO table_${table} (public_id, name, status) VALUES ('t${table}-${row}', 'Seed ${row}', 'active');`),
  ];
}

function rebuilt(table: number, change: (definitions: string[]) => string[]): string[] {
  const before = columns.get(table)!;
  const after = change(before);
  columns.set(table, after);
  const kept = after.map((definition) => definition.split(' ')[0]!).filter((name) => before.some((definition) => definition.split(' ')[0] === name));
  return [
    'PRAGMA foreign_keys=OFF;',
    `CREATE TABLE \`__new_table_${table}\` (\n  ${after.join(',\n  ')}\n);`,
    `INSERT INTO \`__new_table_${table}\` (${kept.join(', ')}) SELECT ${kept.join(', ')} FROM \`table_${table}\`;`,
    `DROP TABLE \`table_${table}\`;`,
    `ALTER TABLE \`__new_table_${table}\` RENAME TO \`table_${table}\`;`,
    `CREATE UNIQUE INDEX \`table_${table}_public_id\` ON \`table_${table}\` (\`public_id\`);`,
    `CREATE INDEX \`table_${table}_status\` ON \`table_${table}\` (\`status\`, \`created_at\`);`,
    'PRAGMA foreign_keys=ON;',
  ];
}

function added(table: number, definition: string): string[] {
  columns.set(table, [...columns.get(table)!, definition]);
  return [`ALTER TABLE \`table_${table}\` ADD \`${definition.split(' ')[0]}\` ${definition.slice(definition.indexOf(' ') + 1)};`];
}

/** The statements of migration `index` (after the first forty, each touches one table). */
function migration(index: number): string[] {
  if (index < TABLES) return created(index);
  const table = (index * 7) % TABLES;
  if (index % 25 === 0) return rebuilt(table, (definitions) => definitions.map((definition) => definition.replace(/^rate REAL/, 'rate NUMERIC')));
  if (index % 11 === 0) {
    const name = `renamed_${index}`;
    const last = columns.get(table)!.at(-1)!.split(' ')[0]!;
    if (last.startsWith('extra_')) {
      columns.set(table, columns.get(table)!.map((definition) => (definition.startsWith(`${last} `) ? `${name}${definition.slice(last.length)}` : definition)));
      return [`ALTER TABLE \`table_${table}\` RENAME COLUMN \`${last}\` TO \`${name}\`;`];
    }
  }
  // Views stay on tables no migration rebuilds: SQLite refuses to rename a table while a view names a dropped one.
  if (index % 9 === 0) return [`CREATE VIEW \`view_${index}\` AS SELECT id, name, status FROM \`table_${VIEWED[index % VIEWED.length]}\` WHERE status = 'active';`];
  if (index % 5 === 0) return [`UPDATE \`table_${table}\` SET updated_at = CURRENT_TIMESTAMP WHERE status = 'active';`, ...added(table, `extra_${index} TEXT`)];
  return [...added(table, `extra_${index} ${index % 2 === 0 ? 'INTEGER DEFAULT 0 NOT NULL' : 'TEXT'}`), `CREATE INDEX \`table_${table}_extra_${index}\` ON \`table_${table}\` (\`extra_${index}\`);`];
}

function repository(): FileMap {
  const files: FileMap = {};
  for (let index = 0; index < migrationCount; index += 1) {
    files[`drizzle/${String(index).padStart(4, '0')}_step_${index}.sql`] = `${migration(index).join('\n--> statement-breakpoint\n')}\n`;
  }
  for (let table = 0; table < TABLES; table += 4) {
    files[`contracts/table-${table}.yaml`] = [
      `id: table-${table}`,
      'asset:',
      '  type: sqlite',
      `  name: table_${table}`,
      '  source: drizzle/*.sql',
      'fields:',
      '  - name: id',
      '    type: integer',
      '    primaryKey: true',
      '  - name: public_id',
      '    type: string',
      '    required: true',
      '    unique: true',
      '  - name: status',
      '    enum: [draft, active, archived]',
      '  - name: rate',
      '    type: number',
      'consumers:',
      '  - name: Finance dashboards',
      '    contact: "@acme/analytics"',
      '    enforcement: blocking',
      '',
    ].join('\n');
  }
  return files;
}

/** The pull request's migration, `push` telling pushes apart. */
function pullRequest(push: number): string {
  const statements = [
    'ALTER TABLE `table_4` RENAME COLUMN `name` TO `display_name`;',
    `ALTER TABLE \`table_8\` ADD \`push_${push}\` TEXT;`,
    ...rebuilt(12, (definitions) => definitions.map((definition) => definition.replace(/^status TEXT NOT NULL DEFAULT 'draft' CHECK \(status IN \([^)]*\)\)/, "status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active'))"))),
  ];
  return `${statements.join('\n--> statement-breakpoint\n')}\n`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const base = repository();
const headOf = (push: number): FileMap => ({ ...base, [`drizzle/${String(migrationCount).padStart(4, '0')}_pull_request.sql`]: pullRequest(push) });
const sampler = peakMemorySampler();
const migrationBytes = Object.entries(base).filter(([path]) => path.endsWith('.sql')).reduce((total, [, text]) => total + Buffer.byteLength(text), 0);
const statementCount = Object.entries(base).filter(([path]) => path.endsWith('.sql')).reduce((total, [, text]) => total + text.split('--> statement-breakpoint').length, 0);
console.log(
  `SQLite app: ${migrationCount} migrations (${(migrationBytes / 1024).toFixed(0)} KiB, ${statementCount} statements) over ${TABLES} tables, ` +
    `${Object.keys(base).filter((path) => path.startsWith('contracts/')).length} contracts; the pull request adds one migration.\n`,
);

async function reviewMs(reader: ReturnType<typeof sqliteReader>, head: FileMap): Promise<{ ms: number; findings: string[]; conclusion: string }> {
  const started = process.hrtime.bigint();
  const review = await reviewChange(memoryChange(base, head), [reader]);
  const findings = review.findings.map(({ contract, rule, severity, file, line }) => `${contract}: ${rule} ${severity} ${file}:${line}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings, conclusion: review.conclusion };
}

const cold: number[] = [];
const nextPush: number[] = [];
const samePush: number[] = [];
let last: { findings: string[]; conclusion: string } = { findings: [], conclusion: '' };
let push = 0;
for (let run = 0; run < runs; run += 1) {
  const replayer = new SqliteReplayer();
  const reader = sqliteReader(replayer);
  const first = await reviewMs(reader, headOf((push += 1)));
  cold.push(first.ms);
  const head = headOf((push += 1));
  nextPush.push((await reviewMs(reader, head)).ms);
  samePush.push((await reviewMs(reader, head)).ms);
  last = first;
  await replayer.close();
}

const line = (label: string, values: number[]) => console.log(`${label.padEnd(68)} ${median(values).toFixed(0).padStart(7)} ms (median of ${runs})`);
line('review, cold (worker started, every migration replayed)', cold);
line('review of the next push, warm (base image kept: one migration replayed)', nextPush);
line('the same review again (outcome cache)', samePush);
console.log(`\nconclusion: ${last.conclusion}, findings:\n  ${last.findings.join('\n  ')}`);
console.log(`peak resident memory: ${mebibytes(sampler.stop())}`);

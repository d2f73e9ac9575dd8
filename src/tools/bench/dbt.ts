import { dbtReader } from '../../assets/dbt/reader.js';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { reviewChange } from '../../review/run.js';
import { mebibytes, peakMemorySampler } from './measure.js';

/**
 * `node lib/tools/bench/dbt.js [--models N] [--runs R]`: a review of a dbt project of N models (default 300) in ten
 * domains, each domain one properties file per ten models with descriptions, data types, constraints, data tests and
 * meta as real projects write them (every fifth model versioned), plus each model's SQL file; one contract per five
 * models; a pull request that changes five models. Prints the median of R runs (default 5) of a review with a fresh
 * reader (every file parsed) and with a warm one (the base's files cached), and the peak resident memory.
 */
const argument = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const modelCount = argument('--models', 300);
const runs = argument('--runs', 5);
const DOMAINS = ['finance', 'marketing', 'sales', 'support', 'product', 'ops', 'hr', 'supply', 'risk', 'growth'];
const COLUMN_TYPES = ['bigint', 'varchar(256)', 'numeric(18,4)', 'timestamp', 'boolean', 'date', 'text', 'integer', 'variant', 'double'];

function column(model: number, index: number, changed: boolean): string {
  const type = index === 3 && changed ? 'varchar(64)' : COLUMN_TYPES[(model + index) % COLUMN_TYPES.length];
  const lines = [
    `      - name: ${index === 0 ? 'id' : `attribute_${index}`}`,
    `        description: "Attribute ${index} of model ${model}: where it comes from, how it is computed and who reads it."`,
    `        data_type: ${index === 0 ? 'bigint' : type}`,
    '        meta:',
    `          owner: "@acme/team-${model % 7}"`,
    `          pii: ${index % 9 === 0}`,
  ];
  if (index === 0) lines.push('        constraints:', '          - type: not_null', '          - type: primary_key', '        data_tests:', '          - unique');
  else if (index === 1 && !changed) lines.push('        data_tests:', '          - not_null');
  else if (index === 2) {
    lines.push('        data_tests:', '          - accepted_values:', '              arguments:', "                values: ['new', 'active', 'churned', 'paused']", '              config:', '                severity: error');
  }
  return lines.join('\n');
}

function model(index: number, changed: boolean): string {
  const columns = Array.from({ length: 15 + (index % 10) }, (_, position) => column(index, position, changed));
  const versions = index % 5 === 0 ? ['    latest_version: 2', '    versions:', '      - v: 1', '        columns:', '          - include: all', '            exclude: [attribute_4]', '      - v: 2'] : [];
  return [
    `  - name: model_${index}`,
    `    description: "Model ${index}, one row per entity of its domain, rebuilt nightly."`,
    '    config:',
    '      materialized: table',
    '      contract:',
    '        enforced: true',
    '      tags: [nightly, mart]',
    ...versions,
    '    columns:',
    ...columns,
  ].join('\n');
}

/** The project at one commit: `changed` tells the models the pull request edits. */
function project(changed: (index: number) => boolean): FileMap {
  const files: FileMap = {};
  for (let first = 0; first < modelCount; first += 10) {
    const domain = DOMAINS[(first / 10) % DOMAINS.length];
    const indexes = Array.from({ length: Math.min(10, modelCount - first) }, (_, offset) => first + offset);
    files[`models/${domain}/_${domain}_${first / 10}__models.yml`] = `version: 2\n\nmodels:\n${indexes.map((index) => model(index, changed(index))).join('\n')}\n`;
    for (const index of indexes) {
      const names = index % 5 === 0 ? [`model_${index}_v1`, `model_${index}_v2`] : [`model_${index}`];
      for (const name of names) files[`models/${domain}/${name}.sql`] = `select * from {{ ref('stg_${index}') }}\n`;
    }
  }
  for (let index = 0; index < modelCount; index += 5) {
    const domain = DOMAINS[Math.floor(index / 10) % DOMAINS.length];
    files[`contracts/model-${index}.yaml`] = [
      `id: model-${index}`,
      'asset:',
      '  type: dbt',
      `  name: model_${index}`,
      `  source: ["models/${domain}/**/*.yml", "models/${domain}/**/*.sql"]`,
      'fields:',
      '  - name: id',
      '    type: integer',
      '    required: true',
      '    primaryKey: true',
      '  - name: attribute_1',
      '    required: true',
      '  - name: attribute_3',
      'consumers:',
      '  - name: Finance dashboards',
      '    contact: "@acme/analytics"',
      '    enforcement: blocking',
      '',
    ].join('\n');
  }
  return files;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const base = project(() => false);
const head = project((index) => index % 60 === 0);
const change = memoryChange(base, head);
const sampler = peakMemorySampler();
const propertiesBytes = Object.entries(base).filter(([path]) => path.endsWith('.yml')).reduce((total, [, text]) => total + Buffer.byteLength(text), 0);

console.log(
  `dbt project: ${modelCount} models in ${Object.keys(base).filter((path) => path.endsWith('.yml')).length} properties files ` +
    `(${(propertiesBytes / 1024).toFixed(0)} KiB), ${Object.keys(base).filter((path) => path.endsWith('.sql')).length} model files, ` +
    `${Object.keys(base).filter((path) => path.startsWith('contracts/')).length} contracts; the pull request changes ${change.changedFiles.length} files.\n`,
);

async function reviewMs(readers: ReturnType<typeof dbtReader>[]): Promise<{ ms: number; findings: number; conclusion: string }> {
  const started = process.hrtime.bigint();
  const review = await reviewChange(change, readers);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings: review.findings.length, conclusion: review.conclusion };
}

const cold: number[] = [];
const warm: number[] = [];
let last = { findings: 0, conclusion: '' };
for (let run = 0; run < runs; run += 1) {
  const reader = dbtReader();
  const first = await reviewMs([reader]);
  cold.push(first.ms);
  warm.push((await reviewMs([reader])).ms);
  last = first;
}

console.log(`${'review, fresh reader (every properties file parsed)'.padEnd(60)} ${median(cold).toFixed(0).padStart(7)} ms (median of ${runs})`);
console.log(`${'review, warm reader (parsed files cached)'.padEnd(60)} ${median(warm).toFixed(0).padStart(7)} ms (median of ${runs})`);
console.log(`\nconclusion: ${last.conclusion} (${last.findings} findings)`);
console.log(`peak resident memory: ${mebibytes(sampler.stop())}`);

import { typescriptReader } from '../../assets/typescript/reader.js';
import { typescriptTypes } from '../../assets/typescript/types.js';
import { settingsSchema } from '../../config/schema.js';
import { type Contract, contractSchema } from '../../contracts/schema.js';
import { type FileMap, memoryChange } from '../../core/memory-snapshot.js';
import { decideConclusion, evaluateContracts } from '../../review/evaluate.js';
import { mebibytes, peakMemorySampler, timedResult } from './measure.js';

/**
 * Measures the review of a pull request on a TypeScript service of N modules (`--files N`, 1,000 by default): each
 * module exports an entity interface built from two others' and a function, a zod schema and an `Order` interface
 * use a few of them, and five modules emit `Order Placed`. Three contracts (the interface, the schema, the event)
 * match every file, so each commit's program holds the whole service. The head removes a property of `Order`,
 * makes a schema field optional and changes what one emit site sends.
 * - cold: the first review of the process (TypeScript loads, the worker starts and parses its library);
 * - warm: the median of reviews of further pull requests on the same repository (the base's analysis is cached, the
 *   head's program reparses only the files the pull request changed);
 * - warm, nothing cached: the median of reviews of other repositories of the same size (every file new);
 * - the process's peak resident memory, worker thread included.
 */
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const count = Number(argument('--files')) || 1000;
const RUNS = 5;
const EMITTERS = [7, 150, 420, 777, 901].filter((index) => index < count);

function module(index: number, variant: number, head: boolean): string {
  const [a, b] = [(index * 7 + 1) % count, (index * 13 + 5) % count];
  const emits = EMITTERS.includes(index);
  const changedSite = head && index === EMITTERS[0];
  return [
    "import { analytics } from '../analytics';",
    `import type { Entity${a} } from './module-${a}';`,
    `import type { Entity${b} } from './module-${b}';`,
    '',
    `/** Entity ${index} of service variant ${variant}. */`,
    `export interface Entity${index} {`,
    '  id: string;',
    "  status: 'active' | 'archived';",
    '  amount: number;',
    '  createdAt: Date;',
    '  note?: string | null;',
    `  left?: Entity${a}['id'];`,
    `  right?: Pick<Entity${b}, 'id' | 'status'>;`,
    '  tags: string[];',
    '}',
    '',
    `export function describe${index}(entity: Entity${index}): string {`,
    '  const label = `${entity.id}:${entity.status}`;',
    '  return entity.tags.length > 0 ? `${label} [${entity.tags.join(",")}]` : label;',
    '}',
    ...(emits
      ? [
          '',
          `export function placeOrder${index}(entity: Entity${index}, coupon?: string) {`,
          "  analytics.track('Order Placed', {",
          '    orderId: entity.id,',
          `    total: ${changedSite ? 'String(entity.amount)' : 'entity.amount'},`,
          '    placedAt: entity.createdAt,',
          '    coupon,',
          '  });',
          '}',
        ]
      : []),
    '',
  ].join('\n');
}

function repository(variant: number, head: boolean, change = 0): FileMap {
  const files: FileMap = {
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "baseUrl": "." } }\n',
    'src/analytics.ts': `// variant ${variant}\nexport const analytics = { track<T extends object>(event: string, properties: T): void {} };\n`,
    'src/models/order.ts': [
      "import type { Entity1 } from '../modules/module-1';",
      "import type { Entity2 } from '../modules/module-2';",
      'export interface Order {',
      '  id: string;',
      ...(head ? [] : ['  total: number;']),
      "  status: 'pending' | 'paid' | 'shipped';",
      '  customer: Entity1;',
      '  lines: { sku: string; quantity: number; product: Entity2 }[];',
      '}',
      '',
    ].join('\n'),
    'src/schemas/order.ts': [
      "import { z } from 'zod';",
      'export const OrderSchema = z.object({',
      '  id: z.string().uuid(),',
      `  total: z.number()${head ? '.optional()' : ''},`,
      "  status: z.enum(['pending', 'paid', 'shipped']),",
      '  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),',
      '});',
      '',
    ].join('\n'),
  };
  for (let index = 0; index < count; index += 1) files[`src/modules/module-${index}.ts`] = module(index, variant, head);
  // Each further pull request on one repository also touches a module of its own.
  if (change > 0) files[`src/modules/module-${change}.ts`] += `\nexport const revision${change} = ${change};\n`;
  return files;
}

const contract = (id: string, asset: Record<string, unknown>, fields: Contract['fields']): Contract => {
  const parsed = contractSchema.parse({ id, asset: { type: 'dbt', name: 'x', source: 'src/**' }, consumers: [{ name: 'Finance', contact: '@acme/finance', enforcement: 'blocking' }] });
  return { ...parsed, asset: { ...parsed.asset, ...asset } as Contract['asset'], fields };
};
const field = (name: string, type: string): Contract['fields'][number] => ({ name, type, required: true, primaryKey: false, unique: false });
const contracts = [
  contract('orders', { type: 'typescript', name: 'Order' }, [field('id', 'string'), field('total', 'number')]),
  contract('order-schema', { type: 'typescript', name: 'OrderSchema' }, [field('total', 'number')]),
  contract('order-placed', { type: 'typescript', name: 'Order Placed', emit: { call: 'analytics.track' } }, [field('orderId', 'string'), field('total', 'number')]),
];

const reader = typescriptReader();
const settings = settingsSchema.parse({});

async function review(base: FileMap, head: FileMap) {
  const requests = contracts.map((one) => ({ key: one.id, asset: one.asset, nameLocation: { file: `contracts/${one.id}.yaml`, line: 4 } }));
  const results = await reader.compare(requests, memoryChange(base, head), settings);
  const findings = evaluateContracts(contracts.map((one) => ({ contract: one, file: `contracts/${one.id}.yaml`, comparison: results.get(one.id)!.comparison, types: typescriptTypes })));
  return { findings, conclusion: decideConclusion(findings) };
}

const sampler = peakMemorySampler();
const bytes = Object.values(repository(0, false)).reduce((total, text) => total + Buffer.byteLength(text), 0);
console.log(`Service: ${count + 3} TypeScript files, ${(bytes / 1024).toFixed(0)} KiB; 3 contracts (interface, zod schema, emitted event) on src/**.\n`);
const { result: first } = await timedResult('cold: first review (TypeScript loads, the worker starts)', () => review(repository(0, false), repository(0, true)));
const warm: number[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  warm.push((await timedResult(`warm: another pull request on the repository (${run}/${RUNS})`, () => review(repository(0, false), repository(0, true, run)))).ms);
}
const fresh: number[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  fresh.push((await timedResult(`warm, nothing cached: another repository (${run}/${RUNS})`, () => review(repository(run, false), repository(run, true)))).ms);
}
await reader.close();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(0);
console.log(`\nwarm median: ${median(warm)} ms; warm, nothing cached, median: ${median(fresh)} ms`);
console.log(`conclusion: ${first.conclusion} (${first.findings.length} findings: ${first.findings.map((finding) => `${finding.rule} ${finding.field ?? ''}`.trim()).join(', ')})`);
console.log(`peak resident memory: ${mebibytes(sampler.stop())}`);

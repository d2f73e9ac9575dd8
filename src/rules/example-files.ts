import type { FileMap } from '../core/memory-snapshot.js';
import type { ExampleAssetType, RuleExample } from './rule.js';

interface ExampleLayout {
  /** The asset's name in the example contract. */
  asset: string;
  source: string;
  /** The path of the example's n-th file (0-based). */
  path: (index: number) => string;
  /** The language of the files, for code blocks. */
  language: string;
}

const LAYOUTS: Record<ExampleAssetType, ExampleLayout> = {
  postgres: { asset: 'public.orders', source: 'db/migrations/*.sql', path: (index) => `db/migrations/V${index + 1}__step.sql`, language: 'sql' },
  avro: { asset: 'com.acme.Order', source: 'schemas/*.avsc', path: (index) => (index === 0 ? 'schemas/order.avsc' : `schemas/extra-${index}.avsc`), language: 'json' },
  protobuf: { asset: 'acme.Order', source: 'proto/**/*.proto', path: (index) => (index === 0 ? 'proto/acme/order.proto' : `proto/acme/extra-${index}.proto`), language: 'protobuf' },
  mysql: { asset: 'orders', source: 'db/migrations/*.sql', path: (index) => `db/migrations/V${index + 1}__step.sql`, language: 'sql' },
  typescript: { asset: 'Order', source: 'src/**/*.ts', path: (index) => (index === 0 ? 'src/order.ts' : `src/extra-${index}.ts`), language: 'typescript' },
  dbt: { asset: 'orders', source: 'models/**', path: (index) => (index === 0 ? 'models/orders.yml' : `models/extra-${index}.yml`), language: 'yaml' },
  jsonschema: { asset: 'schemas/order.json', source: 'schemas/*.json', path: (index) => (index === 0 ? 'schemas/order.json' : `schemas/extra-${index}.json`), language: 'json' },
};

export function exampleLayout(example: RuleExample): ExampleLayout {
  return LAYOUTS[example.assetType ?? 'postgres'];
}

/** The registry subject of the examples that ask a schema registry. */
export const EXAMPLE_SUBJECT = 'orders-value';

/** Where every example keeps its contract. */
export const EXAMPLE_CONTRACT_PATH = 'contracts/orders.yaml';

/**
 * The example's contract file at one commit, as the catalogue shows it and the examples test reviews it; undefined
 * when that commit has none (an example whose pull request adds or deletes the contract).
 */
export function exampleContractAt(example: RuleExample, commit: 'base' | 'head'): string | undefined {
  const atHead = commit === 'head';
  const body = atHead && example.contractAfter !== undefined ? example.contractAfter : example.contract;
  const assetLines = atHead && example.assetAfter !== undefined ? example.assetAfter : example.asset;
  return body === null ? undefined : contractFile(example, body, assetLines);
}

/** The example's contract as the base commit has it, or the head when the pull request adds it. */
export function exampleContract(example: RuleExample): string {
  return (exampleContractAt(example, 'base') ?? exampleContractAt(example, 'head'))!;
}

function contractFile(example: RuleExample, body: string, assetLines: string | undefined): string {
  const layout = exampleLayout(example);
  const sets = (key: string) => assetLines?.split('\n').some((line) => line.startsWith(`  ${key}:`)) ?? false;
  const asset = [
    'asset:',
    `  type: ${example.assetType ?? 'postgres'}`,
    ...(sets('name') ? [] : [`  name: ${layout.asset}`]),
    ...(sets('source') ? [] : [`  source: "${layout.source}"`]),
    ...(assetLines ? [assetLines.trimEnd()] : []),
    ...(example.registry ? ['  registry:', `    subject: ${EXAMPLE_SUBJECT}`] : []),
  ];
  return ['id: orders', ...asset, body.trimEnd(), ''].join('\n');
}

/** One commit of the example: its files under their paths. */
export function exampleFiles(example: RuleExample, files: readonly string[]): FileMap {
  const layout = exampleLayout(example);
  return Object.fromEntries(files.map((text, index) => [layout.path(index), text]));
}

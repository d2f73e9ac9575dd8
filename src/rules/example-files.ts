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
  jsonschema: { asset: 'schemas/order.json', source: 'schemas/*.json', path: (index) => (index === 0 ? 'schemas/order.json' : `schemas/extra-${index}.json`), language: 'json' },
};

export function exampleLayout(example: RuleExample): ExampleLayout {
  return LAYOUTS[example.assetType ?? 'postgres'];
}

/** The example's contract file, as the catalogue shows it and the examples test reviews it. */
/** The registry subject of the examples that ask a schema registry. */
export const EXAMPLE_SUBJECT = 'orders-value';

export function exampleContract(example: RuleExample): string {
  const layout = exampleLayout(example);
  const asset = [
    'asset:',
    `  type: ${example.assetType ?? 'postgres'}`,
    `  name: ${layout.asset}`,
    `  source: "${layout.source}"`,
    ...(example.asset ? [example.asset.trimEnd()] : []),
    ...(example.registry ? ['  registry:', `    subject: ${EXAMPLE_SUBJECT}`] : []),
  ];
  return ['id: orders', ...asset, example.contract.trimEnd(), ''].join('\n');
}

/** One commit of the example: its files under their paths. */
export function exampleFiles(example: RuleExample, files: readonly string[]): FileMap {
  const layout = exampleLayout(example);
  return Object.fromEntries(files.map((text, index) => [layout.path(index), text]));
}

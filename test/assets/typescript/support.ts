import { parse } from 'yaml';
import type { AssetComparison, AssetState, FieldSchema } from '../../../src/assets/model.js';
import type { AssetRequest } from '../../../src/assets/reader.js';
import { typescriptReader, type TypescriptReaderOptions } from '../../../src/assets/typescript/reader.js';
import { typescriptTypes } from '../../../src/assets/typescript/types.js';
import { settingsSchema } from '../../../src/config/schema.js';
import { loadContracts } from '../../../src/contracts/load.js';
import type { Contract } from '../../../src/contracts/schema.js';
import { type FileMap, memoryChange } from '../../../src/core/memory-snapshot.js';
import type { Finding, Review } from '../../../src/core/review.js';
import { decideConclusion, evaluateContracts } from '../../../src/review/evaluate.js';

/** The worker runs as compiled JavaScript: `npm test` builds first (the `pretest` script). */
export const COMPILED_WORKER = new URL('../../../lib/assets/typescript/analysis-worker.js', import.meta.url);

export function testTypescriptReader(options: Omit<TypescriptReaderOptions, 'workerUrl'> = {}) {
  return typescriptReader({ workerUrl: COMPILED_WORKER, ...options });
}

export const SETTINGS = settingsSchema.parse({});

/** A contract's asset as the contract schema will accept it once it knows `typescript` (and `emit`). */
export interface TypescriptAsset {
  name: string;
  source: string | string[];
  emit?: { call: string; event?: string; argument?: number };
}

export function request(asset: TypescriptAsset, key = 'c'): AssetRequest {
  return { key, asset: { type: 'typescript' as never, ...asset } as AssetRequest['asset'], nameLocation: { file: `contracts/${key}.yaml`, line: 4 } };
}

/** The reader's comparison for one asset between two commits. */
export async function compareTypescript(reader: ReturnType<typeof testTypescriptReader>, base: FileMap, head: FileMap, asset: TypescriptAsset): Promise<AssetComparison> {
  const results = await reader.compare([request(asset)], memoryChange(base, head), SETTINGS);
  return results.get('c')!.comparison;
}

export function presentFields(state: AssetState): FieldSchema[] {
  if (state.status !== 'present') throw new Error(`not present: ${JSON.stringify(state)}`);
  return state.schema.fields;
}

/** `name type required|optional [values] @file:line`: the parts of a field the tests pin down. */
export function fieldLines(state: AssetState): string[] {
  return presentFields(state).map((field) => {
    const values = field.allowedValues ? ` [${field.allowedValues.join(',')}]` : '';
    const fallback = field.default !== undefined ? ` =${field.default}` : '';
    const where = field.origin ? ` @${field.origin.file}:${field.origin.line}` : '';
    return `${field.name} ${field.type} ${field.nullable ? 'optional' : 'required'}${values}${fallback}${where}`;
  });
}

export function errorOf(state: AssetState): string {
  if (state.status !== 'error') throw new Error(`no error: ${JSON.stringify(state)}`);
  const { kind, file, line, message } = state.error;
  return `${kind} ${file}:${line} ${message}`;
}

export function approximationsOf(state: AssetState): string[] {
  if (state.status !== 'present') throw new Error(`not present: ${JSON.stringify(state)}`);
  return (state.approximations ?? []).map(({ file, line, message }) => `${file}:${line} ${message}`);
}

/** The 1-based line of the first line of `text` containing `snippet`; fails the test when none does. */
export function lineWith(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`no line contains ${snippet}`);
  return index + 1;
}

const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

/**
 * A contract file on a TypeScript asset: `asset.name` on line 4, `asset.source` on line 5, `asset.emit` (when given)
 * on line 6, then `fields:` (YAML lines) and the blocking Finance consumer.
 */
export function typescriptContract(id: string, asset: TypescriptAsset, fields: string): FileMap {
  const emit = asset.emit ? `  emit: ${JSON.stringify(asset.emit)}\n` : '';
  return { [`contracts/${id}.yaml`]: `id: ${id}\nasset:\n  type: typescript\n  name: "${asset.name}"\n  source: ${JSON.stringify(asset.source)}\n${emit}fields:\n${fields}${FINANCE}` };
}

/**
 * Reviews a change the way `reviewChange` will once the contract schema accepts `type: typescript` and `emit`:
 * the contracts (files under contracts/ at the base) are loaded with those two parts set aside (their lines kept,
 * so findings point at the same lines), every asset is built by the TypeScript reader, and the shared review judges
 * them.
 */
export async function reviewTypescript(reader: ReturnType<typeof testTypescriptReader>, base: FileMap, head: FileMap): Promise<Pick<Review, 'findings' | 'conclusion'>> {
  const contractFiles = Object.entries(base).filter(([path]) => path.startsWith('contracts/'));
  const { contracts, errors } = loadContracts(contractFiles.map(([path, text]) => ({ path, text: asAcceptedToday(text) })));
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  const loaded = contracts.map((one) => {
    const asset = (parse(base[one.file]!) as { asset: Contract['asset'] }).asset;
    return { ...one, contract: { ...one.contract, asset } };
  });
  const results = await reader.compare(
    loaded.map(({ contract, file, lineOf }) => ({ key: contract.id, asset: contract.asset, nameLocation: { file, line: lineOf(['asset', 'name']) ?? 1 } })),
    memoryChange(base, head),
    SETTINGS,
  );
  const findings = evaluateContracts(
    loaded.map(({ contract, file, lineOf }) => ({ contract, file, lineOf, comparison: results.get(contract.id)!.comparison, types: typescriptTypes })),
  );
  return { findings, conclusion: decideConclusion(findings) };
}

function asAcceptedToday(text: string): string {
  return text.replace('  type: typescript\n', '  type: dbt\n').replace(/^ {2}emit: .*$/m, '  # emit');
}

/** `rule severity field @file:line`, the parts of a finding the tests pin down. */
export function brief(findings: Finding[]): string[] {
  return findings.map(({ rule, severity, field, file, line }) => [rule, severity, field, `@${file}:${line}`].filter(Boolean).join(' '));
}

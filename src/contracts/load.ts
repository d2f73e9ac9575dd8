import type { ReviewError } from '../core/review.js';
import { contractProblems } from './checks.js';
import { type Contract, contractSchema } from './schema.js';
import { byPosition, parseYamlFile, type YamlFile, type YamlPath } from './yaml-positions.js';

export interface LoadedContract {
  /** The contract file's path from the repository root. */
  file: string;
  contract: Contract;
  /** The 1-based line of a value in the contract file, such as `['fields', 2, 'name']`; undefined if not written. */
  lineOf(path: (string | number)[]): number | undefined;
}

export interface ContractSet {
  /** The contracts without any error, in the order of the files given. */
  contracts: LoadedContract[];
  errors: ReviewError[];
}

/**
 * Reads every contract file given. A file with any error is left out, with each error at its file, line and
 * column; every other contract is still loaded, so one broken file never stops the review of the others.
 */
export function loadContracts(files: { path: string; text: string }[]): ContractSet {
  const set: ContractSet = { contracts: [], errors: [] };
  const fileOfId = new Map<string, string>();
  for (const { path, text } of files) {
    const parsed = parseYamlFile(path, text);
    if (!parsed.ok) {
      set.errors.push(...parsed.errors);
      continue;
    }
    const errors = duplicateIdErrors(parsed.yaml, fileOfId);
    const validation = parsed.yaml.validate(contractSchema);
    if (validation.ok) errors.push(...contractProblems(validation.data, parsed.yaml));
    else errors.push(...validation.errors);
    if (validation.ok && errors.length === 0) set.contracts.push(loadedContract(parsed.yaml, validation.data));
    set.errors.push(...errors.sort(byPosition));
  }
  return set;
}

/** The first file to claim an id keeps it, even when it has other errors: the id is taken either way. */
function duplicateIdErrors(yaml: YamlFile, fileOfId: Map<string, string>): ReviewError[] {
  const id = idOf(yaml.value);
  if (id === undefined) return [];
  const first = fileOfId.get(id);
  if (first === undefined) {
    fileOfId.set(id, yaml.file);
    return [];
  }
  return [yaml.errorAt(['id'], `"${id}" is already the id of the contract in ${first}`)];
}

function idOf(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function loadedContract(yaml: YamlFile, contract: Contract): LoadedContract {
  return { file: yaml.file, contract, lineOf: (path: YamlPath) => yaml.lineOf(path) };
}

import { sourceMatcher } from '../../core/glob-match.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { ExtractionError } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import type { ModelEntry } from './entries.js';
import type { PropertiesFile } from './properties.js';

/** Reads one properties file (its text at a path), as often as it is asked for: callers may cache. */
export type PropertiesReader = (path: string, text: string) => PropertiesFile;

/** Everything one commit's files matching an `asset.source` say about models. */
export interface CommitModels {
  /** Every properties entry, by model name (more than one is a duplicate dbt refuses). */
  entries: Map<string, ModelEntry[]>;
  /** The SQL and Python model files, by model name (the file name without its extension). */
  modelFiles: Map<string, string[]>;
  /** The properties files read, each with the line of its `models:`. */
  propertiesFiles: Map<string, { modelsLine?: number }>;
  /** Problems that may hide any model: a file that is not valid YAML, an entry that names no model. */
  errors: ExtractionError[];
  /** Set when the files could not be read at all (past the size limit). */
  failure?: ExtractionError;
}

const PROPERTIES = /\.ya?ml$/i;
const MODEL_CODE = /\.(sql|py)$/i;
/** dbt's project file sits beside the models and is no properties file; its folder-level configs are not read. */
const PROJECT_FILE = /(^|\/)dbt_project\.ya?ml$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(MODEL_CODE, '');
}

/**
 * The models one commit defines in the files `source` matches: its properties files are read, its model files only
 * listed (their SQL is neither read nor run).
 */
export async function readCommit(
  snapshot: RepoSnapshot,
  source: string | string[],
  maxBytes: number,
  readProperties: PropertiesReader,
): Promise<CommitModels> {
  const matches = sourceMatcher(source);
  const paths = (await snapshot.listFiles()).filter(matches).sort();
  const models: CommitModels = { entries: new Map(), modelFiles: new Map(), propertiesFiles: new Map(), errors: [] };
  for (const path of paths.filter((candidate) => MODEL_CODE.test(candidate))) {
    const name = baseName(path);
    models.modelFiles.set(name, [...(models.modelFiles.get(name) ?? []), path]);
  }
  const propertiesPaths = paths.filter((path) => PROPERTIES.test(path) && !PROJECT_FILE.test(path));
  const read = await readSourceFiles(snapshot, propertiesPaths, maxBytes, 'dbt.maxBytes');
  if (!read.ok) return { ...models, failure: read.error };
  for (const { path, text } of read.files) {
    const file = readProperties(path, text);
    models.propertiesFiles.set(path, file.modelsLine === undefined ? {} : { modelsLine: file.modelsLine });
    models.errors.push(...file.errors);
    for (const entry of file.models) models.entries.set(entry.name, [...(models.entries.get(entry.name) ?? []), entry]);
  }
  return models;
}

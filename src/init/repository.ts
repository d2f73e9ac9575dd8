import { loadSettings } from '../config/load.js';
import { SETTINGS_PATH, type Settings } from '../config/schema.js';
import { type LoadedContract, loadContracts } from '../contracts/load.js';
import { sourceMatcher } from '../core/glob-match.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import { CODEOWNERS_PATHS, type Codeowners, parseCodeowners } from './codeowners.js';
import { type SchemaReference, schemaReferenceOf } from './schema-reference.js';

/** What a new contract has to fit in with at one commit. */
export interface RepositoryAtCommit {
  snapshot: RepoSnapshot;
  files: string[];
  /** The settings the review reads: the defaults where the file is absent or broken, as the review has them. */
  settings: Settings;
  /** What is wrong with the settings file, if anything. */
  settingsErrors: string[];
  contracts: LoadedContract[];
  schemaReferences: SchemaReference[];
  codeowners?: Codeowners;
}

export async function readRepository(snapshot: RepoSnapshot): Promise<RepositoryAtCommit> {
  const files = (await snapshot.listFiles()).sort();
  const { settings, errors } = loadSettings(await snapshot.readFile(SETTINGS_PATH));
  const contractFiles = files.filter(sourceMatcher(settings.contracts));
  const texts = await Promise.all(contractFiles.map(async (path) => ({ path, text: (await snapshot.readFile(path)) ?? '' })));
  const codeownersFile = CODEOWNERS_PATHS.find((path) => files.includes(path));
  const codeownersText = codeownersFile === undefined ? undefined : await snapshot.readFile(codeownersFile);
  return {
    snapshot,
    files,
    settings,
    settingsErrors: errors.map((error) => `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`),
    contracts: loadContracts(texts).contracts,
    schemaReferences: texts.flatMap(({ path, text }) => schemaReferenceOf(path, text) ?? []),
    ...(codeownersFile !== undefined && codeownersText !== undefined ? { codeowners: parseCodeowners(codeownersFile, codeownersText) } : {}),
  };
}

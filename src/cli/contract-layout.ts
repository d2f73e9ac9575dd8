import { relative, resolve, sep } from 'node:path';
import { loadSettings } from '../config/load.js';
import { SETTINGS_PATH } from '../config/schema.js';
import { loadContracts } from '../contracts/load.js';
import { sourceMatcher } from '../core/glob-match.js';
import { openRepo } from '../git/repo.js';

/**
 * Where a repository keeps its contracts, as its last commit says (the settings' `contracts` globs), and the ids
 * they take. A file written where the globs look is read as a contract by every review once committed.
 */
export interface ContractLayout {
  root: string;
  contractGlobs: string[];
  /** The contract file that takes each id at the last commit. */
  ids: Map<string, string>;
  /** The path from the root of a file on disk, with `/`; undefined outside the repository. */
  pathInRepository(file: string): string | undefined;
  /** Whether a file on disk would be read as a contract. */
  isContractFile(file: string): boolean;
}

/** The layout of the checkout that holds `dir`; undefined outside a git checkout. A checkout with no commit yet has the defaults. */
export async function contractLayout(dir: string): Promise<ContractLayout | undefined> {
  const repo = await openRepo(dir).catch(() => undefined);
  if (!repo) return undefined;
  try {
    const head = await repo.resolve('HEAD').catch(() => undefined);
    const snapshot = head === undefined ? undefined : repo.snapshot(head);
    const { settings } = loadSettings(await snapshot?.readFile(SETTINGS_PATH));
    const isContract = sourceMatcher(settings.contracts);
    const files = snapshot ? (await snapshot.listFiles()).filter((path) => isContract(path)) : [];
    const texts = await Promise.all(files.map(async (path) => ({ path, text: (await snapshot!.readFile(path)) ?? '' })));
    const ids = new Map(loadContracts(texts).contracts.map((loaded) => [loaded.contract.id, loaded.file]));
    const root = repo.root;
    const pathInRepository = (file: string): string | undefined => {
      const fromRoot = relative(root, resolve(file));
      return fromRoot.startsWith('..') || resolve(root, fromRoot) !== resolve(file) ? undefined : fromRoot.split(sep).join('/');
    };
    return {
      root,
      contractGlobs: settings.contracts,
      ids,
      pathInRepository,
      isContractFile: (file) => {
        const path = pathInRepository(file);
        return path !== undefined && isContract(path);
      },
    };
  } finally {
    await repo.close();
  }
}

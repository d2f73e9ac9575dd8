import { loadSettings } from '../config/load.js';
import { SETTINGS_PATH, type Settings } from '../config/schema.js';
import { type LoadedContract, loadContracts } from '../contracts/load.js';
import { contractsForChange } from '../contracts/select.js';
import { sourceMatcher } from '../core/glob-match.js';
import { reviewAgreements } from './agreements.js';
import { capitalized } from './context.js';
import { decideConclusion, evaluateContracts } from './evaluate.js';
import type { EvaluationInput } from './evaluate.js';
import { type Extractors, extractAssets } from './extraction.js';
import type { ChangeSet, RepoSnapshot } from '../core/snapshot.js';
import type { ContractSummary, Finding, Review, ReviewError } from '../core/review.js';

export type { Extractors } from './extraction.js';

/**
 * One review: settings and contracts from the target branch's commit, the contracts whose sources the change
 * touches, each asset built at base and head, every contract judged; and the change's own edits to contract files,
 * judged as changes to agreements.
 */
export async function reviewChange(change: ChangeSet, extractors: Extractors): Promise<Review> {
  const { settings, errors: settingsErrors } = loadSettings(await change.target.readFile(SETTINGS_PATH));
  const [targetPaths, basePaths] = await Promise.all([change.target.listFiles(), change.base.listFiles()]);
  const { contracts, errors: contractErrors } = await readContracts(change.target, targetPaths, settings);
  const unsourced = await contractsWithoutSources(contracts, basePaths, change);
  const errors: ReviewError[] = [...settingsErrors, ...contractErrors, ...unsourced.map(noSourceError)];

  // A change list cut short by GitHub cannot say what was left out, so every contract is evaluated.
  const touched = change.changedFilesTruncated ? contracts : contractsForChange(contracts, change.changedFiles);
  const affected = touched.filter((loaded) => !unsourced.includes(loaded));
  const [judged, agreements] = await Promise.all([
    extractAssets(affected, change, settings, extractors),
    reviewAgreements(change, settings, extractors),
  ]);
  const findings: Finding[] = [...evaluateContracts(judged), ...agreements];
  const evaluated = new Set(affected.map((loaded) => loaded.contract.id));

  const decided = decideConclusion(findings);
  return {
    conclusion: decided === 'success' && errors.length > 0 ? 'neutral' : decided,
    base: change.base.rev,
    head: change.head.rev,
    contracts: contracts.map((loaded) => summarize(loaded, evaluated.has(loaded.contract.id))),
    findings,
    errors,
    notes: [
      ...(change.notes ?? []),
      ...readingNotes(judged),
      ...(change.changedFilesTruncated ? ['The list of changed files is incomplete, so every contract was evaluated.'] : []),
    ],
  };
}

/** The repository settings of a commit, defaults where the file is absent or broken. */
export async function readSettings(snapshot: RepoSnapshot): Promise<Settings> {
  return loadSettings(await snapshot.readFile(SETTINGS_PATH)).settings;
}

/** The contracts of a commit, where the settings say they are, each broken file an error of its own. */
export async function readContracts(target: RepoSnapshot, targetPaths: string[], settings: Settings): Promise<ReturnType<typeof loadContracts>> {
  const isContract = sourceMatcher(settings.contracts);
  const paths = targetPaths.filter((path) => isContract(path)).sort();
  const texts = await Promise.all(paths.map((path) => target.readFile(path)));
  return loadContracts(paths.map((path, index) => ({ path, text: texts[index] ?? '' })));
}

/**
 * The contracts whose `asset.source` matches no file at either commit: a typo there would otherwise leave the
 * contract unchecked in silence. When no base file matches, every head file that matches was added by the change,
 * so a complete list of changed files answers for the head without listing it.
 */
async function contractsWithoutSources(contracts: LoadedContract[], basePaths: string[], change: ChangeSet): Promise<LoadedContract[]> {
  let headPaths: Promise<string[]> | undefined;
  const unsourced: LoadedContract[] = [];
  for (const loaded of contracts) {
    const matches = sourceMatcher(loaded.contract.asset.source);
    if (basePaths.some(matches)) continue;
    const candidates = change.changedFilesTruncated ? await (headPaths ??= change.head.listFiles()) : change.changedFiles;
    if (!candidates.some(matches)) unsourced.push(loaded);
  }
  return unsourced;
}

function noSourceError(loaded: LoadedContract): ReviewError {
  const { source } = loaded.contract.asset;
  return {
    file: loaded.file,
    line: loaded.lineOf(['asset', 'source']),
    message: `asset.source matches no file at the base commit nor at the head commit: ${[source].flat().join(', ')}; contract "${loaded.contract.id}" was not checked`,
  };
}

function summarize(loaded: LoadedContract, evaluated: boolean): ContractSummary {
  const { contract } = loaded;
  return {
    id: contract.id,
    ...(contract.name ? { name: contract.name } : {}),
    file: loaded.file,
    ...(contract.owner ? { owner: contract.owner } : {}),
    status: contract.status,
    asset: { type: contract.asset.type, name: contract.asset.name },
    consumers: contract.consumers.map(({ name, contact, channel, enforcement }) => ({
      name,
      contact,
      enforcement,
      ...(channel ? { channel } : {}),
    })),
    evaluated,
  };
}

/** How assets that can be built more than one way were built this time (a database server, or a parser without one). */
function readingNotes(judged: EvaluationInput[]): string[] {
  const ways = new Map<string, { method: string; by: string; exactly?: string; contracts: string[] }>();
  for (const { contract, comparison } of judged) {
    if (!comparison.readBy) continue;
    const key = `${comparison.readBy.method} ${comparison.readBy.by}`;
    const way = ways.get(key) ?? { ...comparison.readBy, contracts: [] };
    way.contracts.push(contract.id);
    ways.set(key, way);
  }
  return [...ways.values()].map(({ method, by, exactly, contracts }) =>
    method === 'exact'
      ? `Migrations of ${contracts.join(', ')} were replayed in ${by}.`
      : `Migrations of ${contracts.join(', ')} were read without a database server, by ${by}: statements it cannot fold are named (asset-read-approximately).${exactly ? ` ${capitalized(exactly)}.` : ''}`,
  );
}

import type { Survey } from '../review/survey.js';
import { contractView, naturalOrder } from './contract-view.js';
import { contractPage } from './contract-page.js';
import { indexPage } from './index-page.js';
import { STYLESHEET } from './page.js';
import type { Revision } from './parts.js';
import { STYLE } from './style.js';

export interface CatalogInput {
  survey: Survey;
  /** Every file path at the surveyed commit: an asset's source files are those its globs match. */
  files: readonly string[];
  revision: Revision;
}

export interface CatalogSite {
  /** The site's files by path relative to its root, `/`-separated. */
  files: Map<string, string>;
  pages: number;
  contracts: number;
  drift: number;
  /** Contract and settings files that could not be read (the index lists their problems). */
  brokenFiles: number;
}

/**
 * One page per contract, named by its id; ids that differ only in case get a suffix, so that no page overwrites
 * another on a file system that ignores case.
 */
export function pagePaths(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    let name = id;
    for (let suffix = 2; taken.has(name.toLowerCase()); suffix += 1) name = `${id}-${suffix}`;
    taken.add(name.toLowerCase());
    return `contracts/${name}.html`;
  });
}

/** The whole catalogue of one commit, as files: an index, a page per contract and the stylesheet. */
export function buildCatalog(input: CatalogInput): CatalogSite {
  const { survey, revision } = input;
  const surveyed = [...survey.contracts].sort(
    (a, b) => naturalOrder(a.loaded.contract.name ?? a.loaded.contract.id, b.loaded.contract.name ?? b.loaded.contract.id) || naturalOrder(a.loaded.contract.id, b.loaded.contract.id),
  );
  const paths = pagePaths(surveyed.map((entry) => entry.loaded.contract.id));
  const views = surveyed.map((entry, index) => contractView(entry, paths[index]!, input.files));
  const files = new Map<string, string>([
    ['index.html', indexPage({ revision, views, errors: survey.errors, contractGlobs: survey.settings.contracts })],
    [STYLESHEET, STYLE],
  ]);
  for (const view of views) files.set(view.page, contractPage(view, revision));
  return {
    files,
    pages: views.length + 1,
    contracts: views.length,
    drift: views.reduce((sum, view) => sum + view.drift.length, 0),
    brokenFiles: new Set(survey.errors.map((error) => error.file)).size,
  };
}

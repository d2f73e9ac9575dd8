import { globListSchema } from '../contracts/globs.js';
import type { AssetType } from '../contracts/schema.js';
import { sourceMatcher } from '../core/glob-match.js';
import { assetSection, contractsNaming } from './asset-section.js';
import { type AssetReaders, emptySearch, located, type Search } from './search.js';
import { shortRev } from '../core/words.js';
import type { RepositoryAtCommit } from './repository.js';
import { DISCOVERED_TYPES, discoverSources, hasLayout, type SourceGroup, typesOfFiles } from './sources.js';

export interface AllAssetsRequest {
  /** The asset types to look for; by default those the files' extensions (with `source`) or usual places say. */
  types?: readonly AssetType[];
  source?: readonly string[];
}

/** The sets of files to list assets from, or why there are none. */
function sourceGroups(repository: RepositoryAtCommit, request: AllAssetsRequest, search: Search): SourceGroup[] {
  const rev = shortRev(repository.snapshot.rev);
  const { source } = request;
  if (source) {
    const globs = globListSchema.safeParse(source);
    if (!globs.success) {
      search.problems.push(`--source: ${globs.error.issues.map((issue) => issue.message).join('; ')}`);
      return [];
    }
    const files = repository.files.filter(sourceMatcher(source));
    const types = request.types ?? typesOfFiles(files);
    if (files.length === 0) search.problems.push(`--source ${source.join(', ')} matches no file at ${rev}`);
    else if (types.length === 0) search.problems.push(`--source ${source.join(', ')} matches no file of an asset type dcr reads: add --type`);
    else if (!request.types && types.length > 1) search.problems.push(`the files --source matches hold several asset types (${types.join(', ')}): add --type`);
    return search.problems.length > 0 ? [] : types.map((type) => ({ type, source: [...source] }));
  }
  const types = request.types ?? DISCOVERED_TYPES;
  for (const type of types.filter((candidate) => !hasLayout(candidate))) {
    search.problems.push(`${type} assets have no usual place: pass --source with the files that define them`);
  }
  const groups = types.flatMap((type) => discoverSources(type, repository.files));
  if (groups.length === 0 && search.problems.length === 0) {
    search.problems.push(`found no ${types.join(', ')} files where they usually are at ${rev}: pass --source GLOB (and --type)`);
  }
  if (!request.types && groups.some((group) => group.type === 'postgres')) {
    search.notes.push('SQL migrations were read as Postgres; for MySQL or SQLite run dcr init --all --type mysql (or sqlite)');
  }
  return groups;
}

/**
 * Every asset of the asked types the commit's files define, each with the files of its group as its source; assets a
 * contract already names from the same files are left alone.
 */
export async function findAllAssets(repository: RepositoryAtCommit, readers: AssetReaders, request: AllAssetsRequest): Promise<Search> {
  const search = emptySearch();
  const groups = sourceGroups(repository, request, search);
  let listed = 0;
  for (const { type, source } of groups) {
    const listing = await readers.listAssets(repository.snapshot, type, source);
    if (listing === undefined) {
      search.problems.push(`the ${type} reader cannot list the assets its files define: name each with --asset ${type}:NAME --source GLOB`);
      continue;
    }
    const files = repository.files.filter(sourceMatcher(source));
    search.warnings.push(...listing.errors.map((error) => `${located(error)} (what it defines may be missing)`));
    listed += listing.assets.length;
    for (const schema of listing.assets) {
      const naming = contractsNaming(repository.contracts, type, schema.name, files);
      if (naming.length > 0) {
        search.notes.push(`${type} ${schema.name} already has a contract: ${naming.map((loaded) => loaded.file).join(', ')}`);
        continue;
      }
      const section = assetSection({ type, name: schema.name, source });
      if (section.ok) search.found.push({ asset: section.asset, schema, files });
      else search.problems.push(section.problem);
    }
  }
  if (groups.length > 0 && listed === 0 && search.problems.length === 0) {
    const globs = groups.map((group) => group.source.join(', ')).join('; ');
    search.problems.push(`found no asset in the files matching ${globs} at ${shortRev(repository.snapshot.rev)}`);
  }
  return search;
}

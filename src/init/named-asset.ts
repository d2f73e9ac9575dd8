import type { AssetState } from '../assets/model.js';
import type { AssetType } from '../contracts/schema.js';
import { sourceMatcher } from '../core/glob-match.js';
import { contractAssetName } from './asset-name.js';
import { type AssetSection, assetSection, contractsNaming } from './asset-section.js';
import type { RepositoryAtCommit } from './repository.js';
import { type AssetReaders, emptySearch, located, type Search } from './search.js';
import { shortRev } from '../core/words.js';
import { discoverSources, hasLayout } from './sources.js';

export interface NamedAssetRequest {
  type: AssetType;
  name: string;
  /** The globs of the files that define it; found in the usual places when not given. */
  source?: readonly string[];
  emit?: { call: string };
  /** The contract's id, when the user chooses it. */
  id?: string;
}

/** The asset as read from one set of files. */
interface Reading {
  asset: AssetSection;
  files: string[];
  state: AssetState;
}

type Found = Reading & { state: Extract<AssetState, { status: 'present' }> };
const wasFound = (reading: Reading): reading is Found => reading.state.status === 'present';

function whyNot(reading: Reading, rev: string): string {
  const { asset, state } = reading;
  const globs = [asset.source].flat().join(', ');
  if (state.status === 'error') return `${asset.type} asset ${asset.name} could not be built from ${globs}: ${located(state.error)}`;
  return `no ${asset.type} asset named ${asset.name} in the files matching ${globs} at ${shortRev(rev)}`;
}

/**
 * The one asset `--asset TYPE:NAME` names, built at the commit from `--source`, or, without it, from whichever set of
 * files in the usual places defines it (one set must).
 */
export async function findNamedAsset(repository: RepositoryAtCommit, readers: AssetReaders, request: NamedAssetRequest): Promise<Search> {
  const search = emptySearch();
  const { type, name } = request;
  if (!request.source && !hasLayout(type)) {
    search.problems.push(`${type} assets have no usual place: pass --source with the files that define ${name}`);
    return search;
  }
  const groups = request.source ? [request.source] : discoverSources(type, repository.files).map((group) => group.source);
  if (groups.length === 0) search.problems.push(`found no ${type} files where they usually are at ${shortRev(repository.snapshot.rev)}: pass --source GLOB`);
  const readings: Reading[] = [];
  for (const source of groups) {
    const section = assetSection({ type, name, source, ...(request.emit ? { emit: request.emit } : {}) });
    if (!section.ok) {
      search.problems.push(section.problem);
      continue;
    }
    const files = repository.files.filter(sourceMatcher(source));
    if (files.length === 0) {
      search.problems.push(`--source ${source.join(', ')} matches no file at ${shortRev(repository.snapshot.rev)}`);
      continue;
    }
    readings.push({ asset: section.asset, files, state: await readers.readAsset(repository.snapshot, section.asset) });
  }
  if (search.problems.length > 0) return search;
  const present = readings.filter(wasFound);
  const [reading, ...others] = present;
  if (!reading) {
    search.problems.push(...readings.map((unread) => whyNot(unread, repository.snapshot.rev)));
    return search;
  }
  if (others.length > 0) {
    const globs = present.map((candidate) => [candidate.asset.source].flat().join(', ')).join('; ');
    search.problems.push(`${type} asset ${name} is defined in more than one set of files (${globs}): pass --source to choose one`);
    return search;
  }
  return withReading(search, repository, reading, request.id);
}

function withReading(search: Search, repository: RepositoryAtCommit, reading: Found, id: string | undefined): Search {
  const { state, files } = reading;
  const asset = { ...reading.asset, name: contractAssetName(reading.asset.type, reading.asset.name, state.schema.name) };
  search.found.push({ asset, schema: state.schema, files, ...(id !== undefined ? { id } : {}) });
  search.warnings.push(...(state.skipped ?? []).map((skipped) => `${located(skipped)} (left out of ${asset.name}, which may lack what it does)`));
  search.notes.push(...(state.approximations ?? []).map(located));
  for (const { file } of contractsNaming(repository.contracts, asset.type, asset.name, files)) {
    search.notes.push(`${file} already names ${asset.name}: this is another contract for it`);
  }
  return search;
}

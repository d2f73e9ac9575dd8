import { sourceMatcher } from '../../core/glob-match.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { AssetListing, AssetState, ExtractionError } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import type { SchemaFormat, SchemaRead } from './format.js';

/** What reading one asset at one commit needs. */
export interface SchemaReadRequest {
  format: SchemaFormat<unknown>;
  name: string;
  source: string | string[];
  maxBytes: number;
}

/**
 * Past this many broken files, a commit's schemas are too broken to be worth reading around: each attempt rereads
 * every file.
 */
const MOST_FILES_LEFT_OUT = 16;

/** The asset as the files its sources match at one commit define it. */
export async function readSchemaAt(request: SchemaReadRequest, snapshot: RepoSnapshot): Promise<SchemaRead<unknown>> {
  return readPaths(request, snapshot, await sourcePaths(request, snapshot));
}

/**
 * The asset read as far as the files allow: a file that stops the read (broken, or past the size limit) is left
 * out and the rest read again, so a base broken in a file the asset does not need is still compared with the head.
 * What was left out comes back in `skipped`; a read that still finds no asset keeps the first failure.
 */
export async function readAsFarAsPossible(
  request: SchemaReadRequest,
  snapshot: RepoSnapshot,
): Promise<{ read: SchemaRead<unknown>; skipped: ExtractionError[] }> {
  let paths = await sourcePaths(request, snapshot);
  let read = await readPaths(request, snapshot, paths);
  const skipped: ExtractionError[] = [];
  while (read.status === 'error' && skipped.length < MOST_FILES_LEFT_OUT && paths.includes(read.error.file)) {
    const { error } = read;
    skipped.push(error);
    paths = paths.filter((path) => path !== error.file);
    read = await readPaths(request, snapshot, paths);
  }
  if (read.status === 'present') return { read, skipped };
  const [first] = skipped;
  return { read: first ? { status: 'error', error: first } : read, skipped: [] };
}

/** Every asset the files the sources match at one commit define, as `format.list` finds them. */
export async function listSchemasAt(format: SchemaFormat<unknown>, source: string | string[], maxBytes: number, snapshot: RepoSnapshot): Promise<AssetListing> {
  const read = await readSourceFiles(snapshot, await sourcePaths({ source }, snapshot), maxBytes, 'schemas.maxBytes');
  if (!read.ok) return { assets: [], errors: [read.error] };
  return format.list(read.files);
}

/** The engine's view of a read, with what was left out to make it. */
export function stateOf(read: SchemaRead<unknown>, skipped: ExtractionError[] = []): AssetState {
  if (read.status !== 'present') return read;
  return skipped.length > 0 ? { status: 'present', schema: read.schema, skipped } : { status: 'present', schema: read.schema };
}

async function sourcePaths(request: Pick<SchemaReadRequest, 'source'>, snapshot: RepoSnapshot): Promise<string[]> {
  const matches = sourceMatcher(request.source);
  return (await snapshot.listFiles()).filter(matches).sort();
}

async function readPaths(request: SchemaReadRequest, snapshot: RepoSnapshot, paths: string[]): Promise<SchemaRead<unknown>> {
  const read = await readSourceFiles(snapshot, paths, request.maxBytes, 'schemas.maxBytes');
  if (!read.ok) return { status: 'error', error: read.error };
  return request.format.read(read.files, request.name);
}

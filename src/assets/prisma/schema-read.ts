import { sourceMatcher } from '../../core/glob-match.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { ExtractionError } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import type { ReadSchema } from './comparison.js';
import { cleanMessage, refusalOf } from './diagnostics.js';
import type { PrismaSchemaEngine } from './engine.js';
import type { SchemaFiles } from './engine-protocol.js';
import { readModels } from './models.js';
import { screenFile } from './screen.js';

export type SchemaRead = { ok: true; schema: ReadSchema } | { ok: false; error: ExtractionError };

/**
 * The schema at one commit: every `.prisma` file the sources match, read together as one schema (Prisma's
 * multi-file schemas are a folder of them), by Prisma's own engine. A schema is read whole or not at all: the engine
 * validates it as one, so any broken file stops the read, at that file's line.
 */
export async function readSchemaAt(
  snapshot: RepoSnapshot,
  source: string | string[],
  engine: PrismaSchemaEngine,
  maxBytes: number,
): Promise<SchemaRead> {
  const matches = sourceMatcher(source);
  const paths = (await snapshot.listFiles()).filter((path) => matches(path) && path.endsWith('.prisma')).sort();
  if (paths.length === 0) return { ok: true, schema: { models: [], files: [] } };
  const read = await readSourceFiles(snapshot, paths, maxBytes, 'schemas.maxBytes');
  if (!read.ok) return read;
  const files: SchemaFiles = read.files.map(({ path, text }) => [path, text]);
  for (const [path, text] of files) {
    const refused = screenFile(path, text);
    if (refused) return { ok: false, error: refused };
  }
  const outcome = await engine.read(files);
  switch (outcome.kind) {
    case 'read':
      return { ok: true, schema: { models: readModels(outcome.datamodel, outcome.provider, files), files } };
    case 'invalid':
      return { ok: false, error: refusalOf(outcome.diagnostics, files) };
    case 'stopped':
      return { ok: false, error: { kind: outcome.reason, file: paths[0]!, message: cleanMessage(outcome.message) } };
  }
}

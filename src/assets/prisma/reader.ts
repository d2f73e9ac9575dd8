import type { AssetComparison, AssetSchema, AssetState } from '../model.js';
import type { AssetReader, AssetRequest } from '../reader.js';
import { compareModels, type ReadSchema, stateAt } from './comparison.js';
import type { PrismaSchemaEngine } from './engine.js';
import { readSchemaAt, type SchemaRead } from './schema-read.js';
import { prismaTypes } from './types.js';

/**
 * Prisma models, read from `schema.prisma` (or a folder of `.prisma` files) by Prisma's own schema engine, for
 * teams whose database follows the schema (`prisma db push`) rather than migrations. The asset is the model the
 * contract names; its fields are its columns.
 */
export function prismaReader(engine: PrismaSchemaEngine): AssetReader {
  return {
    assetTypes: ['prisma'],
    typesOf: () => prismaTypes,
    async compare(requests, change, settings) {
      const results = new Map<string, { comparison: AssetComparison }>();
      for (const group of groupBySource(requests)) {
        const { source } = group[0]!.asset;
        const [base, head] = await Promise.all(
          [change.base, change.head].map((snapshot) => readSchemaAt(snapshot, source, engine, settings.schemas.maxBytes)),
        );
        for (const request of group) results.set(request.key, { comparison: comparisonOf(request.asset.name, base!, head!) });
      }
      return results;
    },
    /**
     * Every model Prisma's engine reads from the schema, by its name (what a contract names, not the table `@@map`
     * gives it), as a contract naming it reads it: each column at its line. Composite types and enums are no models
     * and are not listed. Prisma validates a schema as one, so a broken file lists nothing and is the one error.
     */
    async list(_type, source, snapshot, settings) {
      const read = await readSchemaAt(snapshot, [...source], engine, settings.schemas.maxBytes);
      if (!read.ok) return { assets: [], errors: [read.error] };
      const assets = read.schema.models.flatMap((model) => listedModel(model.name, read.schema));
      return { assets: assets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), errors: [] };
    },
    close: () => engine.close(),
  };
}

/** The model as a contract naming it reads it at an unchanged commit: the head of a comparison with itself. */
function listedModel(name: string, schema: ReadSchema): AssetSchema[] {
  const { head } = compareModels(name, schema, schema);
  return head.status === 'present' ? [head.schema] : [];
}

function comparisonOf(name: string, base: SchemaRead, head: SchemaRead): AssetComparison {
  if (base.ok && head.ok) return compareModels(name, base.schema, head.schema);
  const failed = (read: SchemaRead & { ok: false }): AssetState => ({ status: 'error', error: read.error });
  const one = base.ok ? stateAt(name, base.schema, 'base') : head.ok ? stateAt(name, head.schema, 'head') : undefined;
  return {
    base: base.ok ? one!.state : failed(base),
    head: head.ok ? one!.state : failed(head),
    fieldRenames: [],
    fieldRemovedAt: {},
    ...(one?.resolvedAs ? { resolvedAs: one.resolvedAs } : {}),
  };
}

function groupBySource(requests: AssetRequest[]): AssetRequest[][] {
  const groups = new Map<string, AssetRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}

import type { AssetComparison, AssetState } from '../model.js';
import type { AssetReader, AssetRequest } from '../reader.js';
import { compareModels, stateAt } from './comparison.js';
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
    close: () => engine.close(),
  };
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

import { parseTableName } from '../assets/postgres/names.js';
import type { LoadedContract } from '../contracts/load.js';
import { type AssetType, type Contract, assetSchema } from '../contracts/schema.js';
import { sourceMatcher } from '../core/glob-match.js';

export type AssetSection = Contract['asset'];

/** The `asset` section for a type, name and globs, checked as a contract's would be (a broken glob, a misplaced option). */
export function assetSection(
  fields: { type: AssetType; name: string; source: readonly string[]; emit?: { call: string } },
): { ok: true; asset: AssetSection } | { ok: false; problem: string } {
  const parsed = assetSchema.safeParse({
    type: fields.type,
    name: fields.name,
    source: fields.source.length === 1 ? fields.source[0] : fields.source,
    ...(fields.emit ? { emit: fields.emit } : {}),
  });
  if (parsed.success) return { ok: true, asset: parsed.data };
  const problem = parsed.error.issues.map((issue) => `asset.${issue.path.join('.')}: ${issue.message}`).join('; ');
  return { ok: false, problem };
}

/** Whether two contract names name one asset: Postgres names as Postgres reads them, others as written. */
function sameName(type: AssetType, a: string, b: string): boolean {
  if (type !== 'postgres') return a === b;
  const [left, right] = [parseTableName(a), parseTableName(b)];
  return left.ok && right.ok && left.schema === right.schema && left.relation === right.relation;
}

/** The contracts that already name this asset, built from some of the same files. */
export function contractsNaming(contracts: readonly LoadedContract[], type: AssetType, name: string, files: readonly string[]): LoadedContract[] {
  return contracts.filter(({ contract: { asset } }) => {
    if (asset.type !== type || !sameName(type, asset.name, name)) return false;
    return files.some(sourceMatcher(asset.source));
  });
}

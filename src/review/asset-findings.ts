import type { Approximation, AssetComparison, AssetSchema, Rename } from '../assets/model.js';
import { missingTableHint } from '../assets/postgres/names.js';
import type { AssetType } from '../contracts/schema.js';
import { allConsumers } from './consumers.js';
import { assetLocation, assetPhrase, capitalized, firstLocation, makeFinding, type EvaluationContext } from './context.js';
import type { Finding } from '../core/review.js';

/** How each asset type helps find an asset its contract names but no commit defines: a misspelt name, often. */
const MISSING_ASSET_HINTS: Partial<Record<AssetType, (name: string) => string>> = {
  postgres: missingTableHint,
};

/** The change creates the asset: its absence at the base is drift, and the head is judged as introducing it. */
export function assetMissing(ctx: EvaluationContext): Finding {
  return makeFinding(ctx, {
    rule: 'asset-missing',
    standing: 'preexisting',
    consumers: allConsumers(ctx.contract),
    location: assetLocation(ctx),
    message: `${ctx.atBaseWords}, ${assetPhrase(ctx)} does not exist, though the contract describes it.`,
  });
}

/**
 * Neither commit defines the asset, so the contract checks nothing: an error for its owner, since a misspelt name
 * would otherwise let every change through, a contracted field dropped included.
 */
export function assetNotFound(ctx: EvaluationContext): Finding {
  const { contract } = ctx;
  const hint = MISSING_ASSET_HINTS[contract.asset.type]?.(contract.asset.name);
  const owner = contract.owner ? `owner ${contract.owner}` : 'no owner named';
  return makeFinding(ctx, {
    rule: 'asset-not-found',
    standing: 'breaks',
    consumers: [],
    location: assetLocation(ctx),
    message:
      `Contract "${contract.id}" (${owner}) describes ${assetPhrase(ctx)}, which neither the base nor the head commit defines, ` +
      `so nothing it promises can be checked.${hint ? ` ${hint}` : ''}`,
  });
}

/** The contract's name matched the asset only up to case: judged, and said, so the name can be corrected. */
export function assetNameResolved(ctx: EvaluationContext, resolvedAs: NonNullable<AssetComparison['resolvedAs']>): Finding {
  return makeFinding(ctx, {
    rule: 'asset-name-resolved',
    standing: 'harmless',
    consumers: [],
    location: assetLocation(ctx),
    before: resolvedAs.name,
    after: resolvedAs.asset,
    message: resolvedAs.message,
  });
}

/**
 * Statements of the change the reader could not fold without the database: the asset was read as if they had not
 * run, so what they changed may be missing from the findings. Those the base already had were said before.
 */
export function readApproximately(ctx: EvaluationContext): Finding[] {
  const { base, head } = ctx.comparison;
  if (head.status !== 'present' || !head.approximations) return [];
  const place = (approximation: Approximation) => `${approximation.file}:${approximation.line}:${approximation.message}`;
  const known = new Set((base.status === 'present' ? (base.approximations ?? []) : []).map(place));
  return head.approximations
    .filter((approximation) => !known.has(place(approximation)))
    .map(({ rule = 'asset-read-approximately', file, line, message }) => {
      const exactly = ctx.comparison.readBy?.exactly;
      const consequence =
        rule === 'code-type-unknown'
          ? `A change there makes no finding on ${assetPhrase(ctx)}.`
          : `${capitalized(assetPhrase(ctx))} was read as if it had not run${exactly ? `: ${exactly}` : ''}.`;
      return makeFinding(ctx, { rule, standing: 'harmless', consumers: [], location: { file, line }, message: `${message} ${consequence}` });
    });
}

/** The whole asset going away affects every consumer of the contract. */
function assetBreakage(ctx: EvaluationContext) {
  return { consumers: allConsumers(ctx.contract), standing: 'breaks' as const, before: ctx.contract.asset.name };
}

export function assetRenamed(ctx: EvaluationContext, rename: Rename): Finding {
  return makeFinding(ctx, {
    ...assetBreakage(ctx),
    rule: 'asset-renamed',
    after: rename.to,
    location: firstLocation(rename.origin, ctx.comparison.removedAt, assetLocation(ctx)),
    message: `${capitalized(assetPhrase(ctx))} was renamed to ${rename.to}; the contract still names ${ctx.contract.asset.name}.`,
  });
}

export function assetRemoved(ctx: EvaluationContext): Finding {
  return makeFinding(ctx, {
    ...assetBreakage(ctx),
    rule: 'asset-removed',
    location: firstLocation(ctx.comparison.removedAt, assetLocation(ctx)),
    message: `${capitalized(assetPhrase(ctx))} was removed; the contract still describes it.`,
  });
}

/** The build stopped enforcing the asset's definition: dbt no longer checks its columns' data types nor creates its constraints. */
export function enforcementDropped(ctx: EvaluationContext, base: AssetSchema, head: AssetSchema): Finding[] {
  if (!base.enforcement?.enforced || head.enforcement?.enforced !== false) return [];
  return [
    makeFinding(ctx, {
      rule: 'dbt-contract-unenforced',
      standing: 'breaks',
      consumers: allConsumers(ctx.contract),
      location: firstLocation(head.enforcement.origin, assetLocation(ctx)),
      message: `${capitalized(assetPhrase(ctx))} no longer enforces its contract: dbt stops checking, when it builds the model, that its columns keep their names and data types, and stops creating its constraints.`,
    }),
  ];
}

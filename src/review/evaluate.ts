import type { Rename } from '../assets/model.js';
import { missingTableHint } from '../assets/postgres/names.js';
import type { AssetType } from '../contracts/schema.js';
import { buildFailureOf, migrationFailures } from './build-failures.js';
import { allConsumers, severityFromConsumers } from './consumers.js';
import {
  assetLocation,
  assetPhrase,
  capitalized,
  contextFor,
  firstLocation,
  makeFinding,
  type EvaluationContext,
  type EvaluationInput,
} from './context.js';
import { judgeSchemaGuarantees } from './evaluate-compatibility.js';
import { judgeFields } from './evaluate-fields.js';
import type { Conclusion, Finding } from './types.js';

export type { EvaluationInput, LineOf } from './context.js';

/** Judges one contract; see evaluateContracts. */
export function evaluateContract(input: EvaluationInput): Finding[] {
  return evaluateContracts([input]);
}

/**
 * Judges contracts against their assets at the base and head commits: only contracted fields can
 * block, only what the change introduces can block, and severity follows the consumers that rely on what changed.
 * A definition that cannot be built is reported once per failing statement, however many contracts it stops.
 */
export function evaluateContracts(inputs: EvaluationInput[]): Finding[] {
  const contexts = inputs.map(contextFor);
  const failures = contexts.flatMap((ctx) => buildFailureOf(ctx) ?? []);
  return [...migrationFailures(failures), ...contexts.flatMap(judgeAsset)];
}

/** `failure` when anything blocks or could not be judged, `neutral` when only advisory consumers are affected. */
export function decideConclusion(findings: Finding[]): Conclusion {
  if (findings.some((finding) => finding.severity === 'blocking' || finding.severity === 'error')) return 'failure';
  if (findings.some((finding) => finding.severity === 'advisory')) return 'neutral';
  return 'success';
}

function judgeAsset(ctx: EvaluationContext): Finding[] {
  const { base, head, assetRename } = ctx.comparison;
  // Nothing at head can be judged: its build failure, reported apart, fails the review.
  if (head.status === 'error') return [];
  if (base.status === 'absent') {
    // The change creates the asset: everything the head offers is introduced by it, so it is judged as when the
    // base could not be built.
    const introduced = head.status === 'present' ? judgeFields(ctx, undefined, head.schema) : [];
    return [assetMissing(ctx), ...introduced];
  }
  const findings: Finding[] = [];
  if (assetRename) findings.push(assetRenamed(ctx, assetRename));
  if (head.status === 'absent') return assetRename ? findings : [...findings, assetRemoved(ctx)];
  return [
    ...findings,
    ...judgeFields(ctx, base.status === 'present' ? base.schema : undefined, head.schema),
    ...(ctx.guarantees ? judgeSchemaGuarantees(ctx, head.schema, ctx.guarantees) : []),
  ];
}

/** How each asset type helps find an asset its contract names but no commit defines: a misspelt name, often. */
const MISSING_ASSET_HINTS: Partial<Record<AssetType, (name: string) => string>> = {
  postgres: missingTableHint,
};

function assetMissing(ctx: EvaluationContext): Finding {
  // When the head finds the asset, the name is right: the change creates it.
  const nameIsRight = ctx.comparison.head.status === 'present';
  const hint = nameIsRight ? undefined : MISSING_ASSET_HINTS[ctx.contract.asset.type]?.(ctx.contract.asset.name);
  return makeFinding(ctx, {
    rule: 'asset-missing',
    severity: 'drift',
    consumers: allConsumers(ctx.contract),
    location: assetLocation(ctx),
    message: `At the base commit, ${assetPhrase(ctx)} does not exist, though the contract describes it.${hint ? ` ${hint}` : ''}`,
  });
}

/** The whole asset going away affects every consumer of the contract. */
function assetBreakage(ctx: EvaluationContext) {
  const consumers = allConsumers(ctx.contract);
  return { consumers, severity: severityFromConsumers(ctx.contract, consumers), before: ctx.contract.asset.name };
}

function assetRenamed(ctx: EvaluationContext, rename: Rename): Finding {
  return makeFinding(ctx, {
    ...assetBreakage(ctx),
    rule: 'asset-renamed',
    after: rename.to,
    location: firstLocation(rename.origin, ctx.comparison.removedAt, assetLocation(ctx)),
    message: `${capitalized(assetPhrase(ctx))} was renamed to ${rename.to}; the contract still names ${ctx.contract.asset.name}.`,
  });
}

function assetRemoved(ctx: EvaluationContext): Finding {
  return makeFinding(ctx, {
    ...assetBreakage(ctx),
    rule: 'asset-removed',
    location: firstLocation(ctx.comparison.removedAt, assetLocation(ctx)),
    message: `${capitalized(assetPhrase(ctx))} was removed; the contract still describes it.`,
  });
}

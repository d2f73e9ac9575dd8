import { assetMissing, assetNameResolved, assetNotFound, assetRemoved, assetRenamed, enforcementDropped, readApproximately } from './asset-findings.js';
import { buildFailureFindings, buildFailuresOf, headCannotBeJudged, judgingStopped } from './build-failures.js';
import { contextFor, type EvaluationContext, type EvaluationInput } from './context.js';
import { judgeSchemaGuarantees } from './evaluate-compatibility.js';
import { judgeFields } from './evaluate-fields.js';
import type { Conclusion, Finding } from '../core/review.js';

export type { EvaluationInput, LineOf } from './context.js';

/** Judges one contract; see evaluateContracts. */
export function evaluateContract(input: EvaluationInput): Finding[] {
  return evaluateContracts([input]);
}

/**
 * Judges contracts against their assets at the base and head commits: only contracted fields can
 * block, only what the change introduces can block, and severity follows the consumers that rely on what changed.
 * A definition that cannot be built is reported once per failing statement, however many contracts it stops. A
 * contract the judging stops on is an error on that contract alone.
 */
export function evaluateContracts(inputs: EvaluationInput[]): Finding[] {
  const contexts = inputs.map(contextFor);
  return [...buildFailureFindings(contexts.flatMap(buildFailuresOf)), ...contexts.flatMap(judgeAssetOrSayWhy)];
}

/** `failure` when anything blocks or could not be judged, `neutral` when only advisory consumers are affected. */
export function decideConclusion(findings: Finding[]): Conclusion {
  if (findings.some((finding) => finding.severity === 'blocking' || finding.severity === 'error')) return 'failure';
  if (findings.some((finding) => finding.severity === 'advisory')) return 'neutral';
  return 'success';
}

function judgeAssetOrSayWhy(ctx: EvaluationContext): Finding[] {
  try {
    return judgeAsset(ctx);
  } catch (error) {
    return [judgingStopped(ctx, error)];
  }
}

function judgeAsset(ctx: EvaluationContext): Finding[] {
  const { base, head, assetRename, resolvedAs } = ctx.comparison;
  // Nothing at head can be judged: its build failure, reported apart, fails the review.
  if (head.status === 'error' || headCannotBeJudged(ctx)) return [];
  if (base.status === 'absent' && head.status === 'absent') return [assetNotFound(ctx)];
  const findings: Finding[] = resolvedAs ? [assetNameResolved(ctx, resolvedAs)] : [];
  if (base.status === 'absent') findings.push(assetMissing(ctx));
  if (assetRename) findings.push(assetRenamed(ctx, assetRename));
  if (head.status === 'absent') return assetRename ? findings : [...findings, assetRemoved(ctx)];
  // A base that is absent (the change creates the asset) or could not be built is unknown: every guarantee the head
  // breaks is the change's.
  return [
    ...findings,
    ...(base.status === 'present' ? enforcementDropped(ctx, base.schema, head.schema) : []),
    ...readApproximately(ctx),
    ...judgeFields(ctx, base.status === 'present' ? base.schema : undefined, head.schema),
    ...(ctx.guarantees ? judgeSchemaGuarantees(ctx, head.schema, ctx.guarantees) : []),
  ];
}

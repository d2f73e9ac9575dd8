import type { ExtractionError, Rename } from '../assets/model.js';
import { allConsumers, severityFromConsumers } from './consumers.js';
import {
  capitalized,
  contextFor,
  firstLocation,
  makeFinding,
  type EvaluationContext,
  type EvaluationInput,
  type FindingLocation,
} from './context.js';
import { judgeFields } from './evaluate-fields.js';
import type { Conclusion, Finding } from './types.js';

export type { EvaluationInput, LineOf } from './context.js';

/**
 * Judges one contract against its asset at the base and head commits (DESIGN.md §6): only contracted fields can
 * block, only what the change introduces can block, and severity follows the consumers that rely on what changed.
 */
export function evaluateContract(input: EvaluationInput): Finding[] {
  const ctx = contextFor(input);
  const { base, head, assetRename } = input.comparison;
  // Nothing at head can be judged, and a change that cannot be judged must never pass.
  if (head.status === 'error') return [migrationFailed(ctx, head.error, 'head')];
  const findings: Finding[] = [];
  if (base.status === 'error') findings.push(migrationFailed(ctx, base.error, 'base'));
  if (base.status === 'absent') return [...findings, assetMissing(ctx)];
  if (assetRename) findings.push(assetRenamed(ctx, assetRename));
  if (head.status === 'absent') return assetRename ? findings : [...findings, assetRemoved(ctx)];
  return [...findings, ...judgeFields(ctx, base.status === 'present' ? base.schema : undefined, head.schema)];
}

/** `failure` when anything blocks or could not be judged, `neutral` when only advisory consumers are affected. */
export function decideConclusion(findings: Finding[]): Conclusion {
  if (findings.some((finding) => finding.severity === 'blocking' || finding.severity === 'error')) return 'failure';
  if (findings.some((finding) => finding.severity === 'advisory')) return 'neutral';
  return 'success';
}

function assetLocation(ctx: EvaluationContext): FindingLocation {
  const line = ctx.lineOf?.(['asset', 'name']) ?? ctx.lineOf?.(['asset']);
  return line === undefined ? { file: ctx.file } : { file: ctx.file, line };
}

function assetPhrase(ctx: EvaluationContext): string {
  return `${ctx.assetNoun} ${ctx.contract.asset.name}`;
}

const FAILURE_KINDS: Record<ExtractionError['kind'], string> = {
  failed: 'failed',
  timeout: 'timed out',
  limit: 'went over a limit',
};

function migrationFailed(ctx: EvaluationContext, error: ExtractionError, commit: 'base' | 'head'): Finding {
  const consequence =
    commit === 'head' ? 'the change cannot be judged' : 'the head is judged as if the base met the contract';
  return makeFinding(ctx, {
    rule: 'migration-failed',
    severity: commit === 'head' ? 'error' : 'drift',
    consumers: allConsumers(ctx.contract),
    location: firstLocation(error, assetLocation(ctx)),
    message: `The definition of ${assetPhrase(ctx)} could not be built at the ${commit} commit (${FAILURE_KINDS[error.kind]}: ${error.message}); ${consequence}.`,
  });
}

function assetMissing(ctx: EvaluationContext): Finding {
  return makeFinding(ctx, {
    rule: 'asset-missing',
    severity: 'drift',
    consumers: allConsumers(ctx.contract),
    location: assetLocation(ctx),
    message: `At the base commit, ${assetPhrase(ctx)} does not exist, though the contract describes it.`,
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

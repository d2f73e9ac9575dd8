import type { CompatibilityOutcome, CompatibilityProblem } from '../assets/events/compatibility.js';
import type { RegistryOutcome } from '../assets/events/registry-check.js';
import type { AssetSchema } from '../assets/model.js';
import { allConsumers } from './consumers.js';
import {
  assetLocation,
  contractLocation,
  firstLocation,
  makeFinding,
  type EvaluationContext,
  type SchemaGuarantees,
} from './context.js';
import type { Finding } from '../core/review.js';

/**
 * Judges the whole-schema guarantees of an event schema: the contract's compatibility mode, and the registry's
 * verdict. Both are promises to every consumer of the contract, so severity comes from all of them.
 */
export function judgeSchemaGuarantees(ctx: EvaluationContext, head: AssetSchema, guarantees: SchemaGuarantees): Finding[] {
  const { compatibility, registry } = guarantees;
  return [
    ...(compatibility?.unchecked ? [unchecked(ctx, compatibility.mode, compatibility.unchecked)] : []),
    ...(compatibility ? compatibility.problems.map((problem) => incompatible(ctx, head, compatibility, problem)) : []),
    ...(compatibility?.historyIncomplete ? [historyIncomplete(ctx, compatibility)] : []),
    ...(registry ? registryFindings(ctx, head, registry) : []),
  ];
}

function versionName(problem: CompatibilityProblem): string {
  return problem.againstBase ? 'the base version' : `the earlier version at ${problem.against.slice(0, 12)}`;
}

function incompatible(ctx: EvaluationContext, head: AssetSchema, outcome: CompatibilityOutcome, problem: CompatibilityProblem): Finding {
  const version = versionName(problem);
  const consequence =
    problem.direction === 'backward'
      ? `consumers on the head schema cannot read data written with ${version}`
      : `consumers still on ${version} cannot read data written with the head schema`;
  const drift = problem.drift ? ` The base commit already had this against the same version, so the change did not introduce it.` : '';
  return makeFinding(ctx, {
    rule: problem.rule,
    consumers: allConsumers(ctx.contract),
    standing: problem.drift ? 'preexisting' : 'breaks',
    field: problem.path || undefined,
    location: firstLocation(problem.location, head.origin, assetLocation(ctx)),
    message: `${outcome.mode}: ${consequence}. ${problem.message}${drift}`,
  });
}

/** A mode that could not be checked fails the review: a check left out must never read as a check passed. */
function unchecked(ctx: EvaluationContext, mode: CompatibilityOutcome['mode'], reason: string): Finding {
  return makeFinding(ctx, {
    rule: 'compatibility-unchecked',
    standing: 'breaks',
    consumers: [],
    location: contractLocation(ctx, ['asset', 'compatibility']),
    message: `${mode} could not be checked: ${reason}, so nothing says whether the consumers of either version can read the other's data.`,
  });
}

function historyIncomplete(ctx: EvaluationContext, outcome: CompatibilityOutcome): Finding {
  return makeFinding(ctx, {
    rule: 'compatibility-history-incomplete',
    standing: 'harmless',
    consumers: [],
    location: firstLocation(contractLocation(ctx, ['asset', 'compatibility'])),
    message: `${outcome.mode} was checked against ${outcome.versionsChecked} earlier version${outcome.versionsChecked === 1 ? '' : 's'} only: ${outcome.historyIncomplete}.`,
  });
}

function registryFindings(ctx: EvaluationContext, head: AssetSchema, outcome: RegistryOutcome): Finding[] {
  const { subject, verdict } = outcome;
  switch (verdict.status) {
    case 'compatible':
      return [];
    case 'incompatible':
      return [registryIncompatible(ctx, head, outcome, verdict.messages)];
    case 'no-subject':
      return [
        makeFinding(ctx, {
          rule: 'registry-subject-missing',
          standing: 'harmless',
          consumers: [],
          location: contractLocation(ctx, ['asset', 'registry', 'subject']),
          message: `The schema registry has no version of subject "${subject}" yet, so there is nothing to check the head schema against.`,
        }),
      ];
    case 'unavailable':
      return [
        makeFinding(ctx, {
          rule: 'registry-unavailable',
          standing: 'breaks',
          consumers: [],
          location: contractLocation(ctx, ['asset', 'registry', 'subject']),
          message: `The schema registry could not be asked about subject "${subject}": ${verdict.reason}. Its compatibility check did not run.`,
        }),
      ];
  }
}

/**
 * The registry refuses the head. When it refuses the base for every one of the same reasons, the change brought
 * none of them: drift. Otherwise the finding quotes only the reasons the base did not already earn.
 */
function registryIncompatible(ctx: EvaluationContext, head: AssetSchema, { subject, baseVerdict }: RegistryOutcome, messages: string[]): Finding {
  const parts = {
    rule: 'registry-incompatible' as const,
    consumers: allConsumers(ctx.contract),
    location: firstLocation(head.origin, contractLocation(ctx, ['asset', 'registry', 'subject'])),
  };
  const refusal = `The schema registry says the head schema is not compatible with the latest version of subject "${subject}"`;
  const quoted = (reasons: string[]) => (reasons.length > 0 ? `: ${reasons.join('; ')}.` : '.');
  if (baseVerdict?.status !== 'incompatible') {
    return makeFinding(ctx, { ...parts, standing: 'breaks', message: `${refusal}${quoted(messages)}` });
  }
  const already = new Set(baseVerdict.messages);
  const introduced = messages.filter((message) => !already.has(message));
  if (introduced.length === 0) {
    return makeFinding(ctx, {
      ...parts,
      standing: 'preexisting',
      message: `${refusal}${quoted(messages)} It refuses the base schema for the same reasons, so the change did not introduce this.`,
    });
  }
  return makeFinding(ctx, {
    ...parts,
    standing: 'breaks',
    message: `${refusal}${quoted(introduced)} The base schema was already refused, but not for these reasons.`,
  });
}

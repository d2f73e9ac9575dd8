import type { AssetState, ExtractionError } from '../assets/model.js';
import { isEventSchema } from '../contracts/schema.js';
import { assetLocation, assetPhrase, firstLocation, makeFinding, type EvaluationContext } from './context.js';
import type { Finding } from '../core/review.js';

/**
 * How a failure bears on the review. `head`: the head fails where the base did not, so the change cannot be judged.
 * `base`: only the base fails. `inherited`: both commits fail the same way, and both were built without it.
 */
type FailureRole = 'head' | 'base' | 'inherited';

/** A contract whose asset could not be built at one commit, whole or in part (`partial`: the rest was built), and why. */
export interface BuildFailure {
  ctx: EvaluationContext;
  role: FailureRole;
  partial: boolean;
  error: ExtractionError;
}

/** Where and why the definition failed: the same failure at both commits is one the change did not bring. */
function failureKey(error: ExtractionError): string {
  return JSON.stringify([error.file, error.line, error.column, error.message]);
}

function failuresOf(state: AssetState): ExtractionError[] {
  if (state.status === 'error') return [state.error];
  return state.status === 'present' ? (state.skipped ?? []) : [];
}

/**
 * Why the contract's asset could not be built, in whole or in part. A head that cannot be built at all is the
 * only failure reported (it decides the review); otherwise the head's own failures, then the base's.
 */
export function buildFailuresOf(ctx: EvaluationContext): BuildFailure[] {
  const { base, head } = ctx.comparison;
  if (head.status === 'error') return [{ ctx, role: 'head', partial: false, error: head.error }];
  const atBase = new Set(failuresOf(base).map(failureKey));
  const atHead = new Set(failuresOf(head).map(failureKey));
  return [
    ...failuresOf(head)
      .filter((error) => !atBase.has(failureKey(error)))
      .map((error) => ({ ctx, role: 'head' as const, partial: true, error })),
    ...failuresOf(base).map((error) => ({
      ctx,
      role: atHead.has(failureKey(error)) ? ('inherited' as const) : ('base' as const),
      partial: base.status === 'present',
      error,
    })),
  ];
}

/** Whether the head fails in a way the base did not: what it would define is unknown, so nothing of it is judged. */
export function headCannotBeJudged(ctx: EvaluationContext): boolean {
  return buildFailuresOf(ctx).some((failure) => failure.role === 'head');
}

const FAILURE_KINDS: Record<ExtractionError['kind'], string> = {
  failed: 'failed',
  timeout: 'timed out',
  limit: 'went over a limit',
  crashed: 'broke the sandbox',
};

/**
 * The findings for build failures, mentioning no consumer: only the change's author can fix a definition. A
 * migration statement is reported once however many contracts' tables it stopped, naming every contract in its
 * message; an event schema once per contract, as each contract's section must say why it was not judged. A failure
 * of the head alone is an error whatever the contracts' status, as a change that cannot be judged never passes;
 * anything the base already had is drift.
 */
export function buildFailureFindings(failures: readonly BuildFailure[]): Finding[] {
  const groups = new Map<string, BuildFailure[]>();
  failures.forEach((failure, index) => {
    const { role, partial, error, ctx } = failure;
    // The message is part of the key so that two different failures of one statement both reach the author.
    const key = isEventSchema(ctx.contract.asset.type) ? `contract ${index}` : JSON.stringify([role, partial, failureKey(error)]);
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  });
  return [...groups.values()].map(buildFailed);
}

/** Where the failure is, and what the review made of it. */
function consequenceOf({ role, partial }: BuildFailure): { where: string; consequence: string } {
  if (role === 'head') return { where: 'at the head commit', consequence: 'the change cannot be judged' };
  if (role === 'inherited') {
    return { where: 'at the base commit, nor at the head', consequence: 'both are read without it, so the change did not bring it' };
  }
  const consequence = partial ? 'the base is read without it' : 'the head is judged as if the base met the contract';
  return { where: 'at the base commit', consequence };
}

function buildFailed(group: BuildFailure[]): Finding {
  const [first] = group as [BuildFailure, ...BuildFailure[]];
  const { ctx, role, partial, error } = first;
  const assets = group.map((failure) => assetPhrase(failure.ctx)).join(', ');
  const contracts = group.map((failure) => failure.ctx.contract.id).join(', ');
  const definition = group.length === 1 ? `definition of ${assets}` : `definitions of ${assets} (contracts ${contracts})`;
  const { where, consequence } = consequenceOf(first);
  return makeFinding(ctx, {
    rule: isEventSchema(ctx.contract.asset.type) ? 'schema-invalid' : 'migration-failed',
    standing: role === 'head' ? 'breaks' : 'preexisting',
    consumers: [],
    location: firstLocation(error, assetLocation(ctx)),
    message: `${partial ? 'Part of the' : 'The'} ${definition} could not be built ${where} (${FAILURE_KINDS[error.kind]}: ${error.message}); ${consequence}.`,
  });
}

/** A contract the review stopped on while judging it: an error on that contract alone, every other one still judged. */
export function judgingStopped(ctx: EvaluationContext, error: unknown): Finding {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return makeFinding(ctx, {
    rule: isEventSchema(ctx.contract.asset.type) ? 'schema-invalid' : 'migration-failed',
    standing: 'breaks',
    consumers: [],
    location: assetLocation(ctx),
    message: `The review stopped while judging ${assetPhrase(ctx)} (${reason}); the change cannot be judged.`,
  });
}

import type { ExtractionError } from '../assets/model.js';
import { isEventSchema } from '../contracts/schema.js';
import { assetLocation, assetPhrase, firstLocation, makeFinding, type EvaluationContext } from './context.js';
import type { Finding } from './types.js';

/** A contract whose asset could not be built at one commit, and why. */
export interface BuildFailure {
  ctx: EvaluationContext;
  commit: 'base' | 'head';
  error: ExtractionError;
}

/** Why the contract's asset could not be built, if it could not: the head's failure first, as it decides the review. */
export function buildFailureOf(ctx: EvaluationContext): BuildFailure | undefined {
  const { base, head } = ctx.comparison;
  if (head.status === 'error') return { ctx, commit: 'head', error: head.error };
  if (base.status === 'error') return { ctx, commit: 'base', error: base.error };
  return undefined;
}

const FAILURE_KINDS: Record<ExtractionError['kind'], string> = {
  failed: 'failed',
  timeout: 'timed out',
  limit: 'went over a limit',
};

/**
 * One `migration-failed` finding per failing statement, however many contracts' assets it stopped: the finding
 * names the first contract in `contract` and every one in its message. No consumer is mentioned, since only the
 * change's author can fix a migration. At head it is an error whatever the contracts' status, as a change that
 * cannot be judged never passes; at base alone it is drift.
 */
export function migrationFailures(failures: readonly BuildFailure[]): Finding[] {
  const byStatement = new Map<string, BuildFailure[]>();
  for (const failure of failures) {
    const { file, line, column, message } = failure.error;
    // The message is part of the key so that two different failures of one statement both reach the author.
    const key = JSON.stringify([failure.commit, file, line, column, message]);
    byStatement.set(key, [...(byStatement.get(key) ?? []), failure]);
  }
  return [...byStatement.values()].map(migrationFailed);
}

function migrationFailed(group: BuildFailure[]): Finding {
  const [{ ctx, commit, error }] = group as [BuildFailure, ...BuildFailure[]];
  const assets = group.map((failure) => assetPhrase(failure.ctx)).join(', ');
  const contracts = group.map((failure) => failure.ctx.contract.id).join(', ');
  const subject = group.length === 1 ? `The definition of ${assets}` : `The definitions of ${assets} (contracts ${contracts})`;
  const consequence = commit === 'head' ? 'the change cannot be judged' : 'the head is judged as if the base met the contract';
  return makeFinding(ctx, {
    rule: isEventSchema(ctx.contract.asset.type) ? 'schema-invalid' : 'migration-failed',
    severity: commit === 'head' ? 'error' : 'drift',
    consumers: [],
    location: firstLocation(error, assetLocation(ctx)),
    message: `${subject} could not be built at the ${commit} commit (${FAILURE_KINDS[error.kind]}: ${error.message}); ${consequence}.`,
  });
}

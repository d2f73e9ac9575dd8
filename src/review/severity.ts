import type { Contract } from '../contracts/schema.js';
import type { AffectedConsumer, Severity } from '../core/review.js';
import { ruleById, type RuleId } from '../rules/catalogue.js';

/**
 * How what a finding reports stands against the change. `breaks`: it counts against the change (a guarantee the head
 * breaks where the base kept it, or a definition or check that fails, so the change cannot be fully judged);
 * `harmless`: the change touches it but breaks nothing a consumer relies on; `preexisting`: the base commit already
 * had it, so the change did not bring it.
 */
export type Standing = 'breaks' | 'harmless' | 'preexisting';

export interface Situation {
  /** The contract the finding is about; absent for a contract file that cannot be read. */
  contract?: Contract;
  /** The consumers that rely on what the finding is about. */
  consumers: readonly AffectedConsumer[];
  standing: Standing;
}

/**
 * A finding's severity, from its rule's severity policy: the catalogue documents each policy, so deciding here and
 * nowhere else keeps what the review does and what the catalogue says the same. Only what the change brings can
 * block or fail; a draft contract is still being agreed, so its consumers never block.
 */
export function severityOf(rule: RuleId, { contract, consumers, standing }: Situation): Severity {
  const policy = ruleById(rule).severityPolicy;
  switch (policy) {
    case 'consumers':
      if (standing === 'preexisting') return 'drift';
      if (standing === 'harmless') return 'info';
      if (consumers.some((consumer) => consumer.enforcement === 'blocking')) {
        return contract?.status === 'draft' ? 'advisory' : 'blocking';
      }
      return consumers.length > 0 ? 'advisory' : 'info';
    case 'owner':
      return contract?.status === 'draft' ? 'advisory' : 'blocking';
    case 'error':
      return standing === 'preexisting' ? 'drift' : 'error';
    case 'info':
    case 'advisory':
    case 'drift':
      return policy;
  }
}

import type { Severity } from '../review/types.js';

/**
 * How a rule's findings get their severity. `consumers`: by the consumers that use the field (DESIGN.md §6);
 * `info`: always information; `drift`: the base commit already breaks the contract; `error`: the review could not judge.
 */
export type SeverityPolicy = 'consumers' | 'info' | 'error' | 'drift';

/** A worked case that makes the rule fire, replayed in a real Postgres to prove it. */
export interface RuleExample {
  /** YAML of the `fields` and `consumers` parts of a contract for the table `public.orders`. */
  contract: string;
  /** Migration files (SQL) at the base commit, in order. */
  before: readonly string[];
  /** Migration files at the head commit, in order. */
  after: readonly string[];
  /** The severity of the rule's finding for this example. */
  expect: Severity;
}

export interface RuleDefinition {
  /** Stable: findings, docs and users' tooling refer to it, so it is never renamed. */
  id: string;
  title: string;
  /** `change`: the PR changed the asset; `conformance`: the base already breaks the contract; `error`: not judged. */
  kind: 'change' | 'conformance' | 'error';
  severityPolicy: SeverityPolicy;
  description: string;
  example: RuleExample;
}

/** The consumer the catalogue's examples share: a blocking finance team. */
export const FINANCE = `consumers:
  - name: Finance dashboards
    contact: "@acme/analytics"
    enforcement: blocking`;

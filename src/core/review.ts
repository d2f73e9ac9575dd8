/** How much a consumer's broken guarantee weighs: it fails the check, or is flagged and lets the PR through. */
export const ENFORCEMENTS = ['blocking', 'advisory'] as const;
export type Enforcement = (typeof ENFORCEMENTS)[number];

/**
 * `error`: the review could not judge something (a migration that fails); it fails the check.
 * `blocking` / `advisory`: a guarantee the PR breaks, by the enforcement of the consumers that rely on it.
 * `info`: a change no consumer relies on. `drift`: a guarantee the base commit already breaks, never blamed on the PR.
 */
export type Severity = 'error' | 'blocking' | 'advisory' | 'info' | 'drift';

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface AffectedConsumer {
  name: string;
  contact: string;
  channel?: string;
  enforcement: Enforcement;
}

export interface Finding {
  /** The contract's id. */
  contract: string;
  rule: string;
  severity: Severity;
  field?: string;
  before?: string;
  after?: string;
  /** The file and line behind the finding: the migration statement that caused it, or the contract line. */
  file?: string;
  line?: number;
  consumers: AffectedConsumer[];
  message: string;
  /**
   * The contacts whose approving reviews, all of them, accept a blocking finding: the contract's owner for a
   * guarantee a change adds to a contract. Absent: the contacts of the blocking consumers it names.
   */
  approvers?: string[];
  /** Set when every approver has approved the pull request: for each contact, the GitHub user who approved. */
  accepted?: { contact: string; by: string }[];
}

/** A problem with the review's inputs (a broken contract or settings file), with its position. */
export interface ReviewError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ContractSummary {
  id: string;
  name?: string;
  file: string;
  owner?: string;
  status: 'draft' | 'active' | 'deprecated';
  asset: { type: string; name: string };
  consumers: AffectedConsumer[];
  /** Whether the change touched the asset's sources, so the contract was evaluated. */
  evaluated: boolean;
}

export interface Review {
  conclusion: Conclusion;
  base: string;
  head: string;
  contracts: ContractSummary[];
  findings: Finding[];
  errors: ReviewError[];
  /** How the change was read, where the reader should know (a pull request past GitHub's file-list cap). */
  notes: string[];
  /** The override label on the pull request: who added it, when, and whether their role lets it override the check. */
  override?: { by: string; at: string; allowed: boolean };
}

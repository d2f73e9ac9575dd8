import type { AffectedConsumer, ContractSummary, Finding, Review, Severity } from '../core/review.js';
import { approversOf } from '../review/approvals.js';
import { plural } from '../core/words.js';

/** Worst first: the order every renderer lists findings and counts in. */
export const SEVERITIES: readonly Severity[] = ['error', 'blocking', 'advisory', 'drift', 'info'];

export type SeverityCounts = Record<Severity, number>;

/** A blocking finding its approvers accepted no longer blocks: it is counted as `accepted`, not as `blocking`. */
export type FindingCounts = SeverityCounts & { accepted: number };

export function countBySeverity(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, blocking: 0, advisory: 0, drift: 0, info: 0, accepted: 0 };
  for (const finding of findings) counts[finding.accepted ? 'accepted' : finding.severity] += 1;
  return counts;
}

/** Findings the PR's author has to act on: they fail the check or warn a consumer. Drift and info do neither. */
function needsAttention(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'blocking' || finding.severity === 'advisory';
}

function worstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export interface ContractFindings {
  id: string;
  /** Absent only when a finding names a contract the review does not list. */
  contract?: ContractSummary;
  findings: Finding[];
}

/** The findings that need attention, one group per contract: the worst contract first, its worst finding first. */
export function attentionByContract(review: Review): ContractFindings[] {
  const groups = new Map<string, ContractFindings>();
  for (const finding of worstFirst(review.findings.filter(needsAttention))) {
    let group = groups.get(finding.contract);
    if (!group) {
      const contract = review.contracts.find((candidate) => candidate.id === finding.contract);
      group = contract ? { id: finding.contract, contract, findings: [] } : { id: finding.contract, findings: [] };
      groups.set(finding.contract, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}

/** Drift and info: reported after what needs attention, drift first. */
export function backgroundFindings(review: Review): Finding[] {
  return worstFirst(review.findings.filter((finding) => !needsAttention(finding)));
}

/** Every consumer the findings name, once each, blocking ones first. */
export function consumersToContact(findings: readonly Finding[]): AffectedConsumer[] {
  const unique = new Map<string, AffectedConsumer>();
  for (const consumer of findings.flatMap((finding) => finding.consumers)) {
    const key = `${consumer.name}\u0000${consumer.contact}`;
    if (!unique.has(key)) unique.set(key, consumer);
  }
  const consumers = [...unique.values()];
  return [...consumers.filter(isBlocking), ...consumers.filter((consumer) => !isBlocking(consumer))];
}

function isBlocking(consumer: AffectedConsumer): boolean {
  return consumer.enforcement === 'blocking';
}

/** A change to a contract file itself, which its approvers approve rather than accept. */
export function isContractChange(finding: Finding): boolean {
  return finding.rule.startsWith('contract-');
}

/** Findings still waiting for approving reviews: those that need the same approvers, all of them, and are of one kind. */
export interface PendingApproval {
  approvers: string[];
  contractChange: boolean;
  findings: Finding[];
}

export function pendingApprovals(findings: readonly Finding[]): PendingApproval[] {
  const groups = new Map<string, PendingApproval>();
  for (const finding of findings) {
    const approvers = approversOf(finding);
    if (finding.accepted || approvers.length === 0) continue;
    const contractChange = isContractChange(finding);
    const key = [String(contractChange), ...[...approvers].sort()].join('\u0000');
    const group = groups.get(key) ?? { approvers, contractChange, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** What the group's approving reviews do, as the end of a sentence that names its approvers first. */
export function approvalInWords(group: PendingApproval): string {
  const count = group.findings.length;
  const reviews = group.approvers.length === 1 ? 'their approving review' : 'their approving reviews, together,';
  const [approve, accept] = group.approvers.length === 1 ? ['approves', 'accepts'] : ['approve', 'accept'];
  if (group.contractChange) return `${reviews} ${approve} ${count === 1 ? 'the contract change' : `the ${count} contract changes`}`;
  return `${reviews} ${accept} ${count === 1 ? 'the finding' : `the ${count} findings`} they block`;
}

/** A contract change that needs its owner's approval from a contract that names no owner: nobody can approve it yet. */
export function waitsForAnOwner(finding: Finding): boolean {
  return isContractChange(finding) && finding.severity === 'blocking' && !finding.accepted && approversOf(finding).length === 0;
}

/**
 * `accepted by @acme/analytics (@jane)`: each contact with the GitHub user who approved for it, given once when a
 * person approved for themselves. `handle` shows a contact or an @login in the renderer's own way.
 */
export function acceptedInWords(accepted: NonNullable<Finding['accepted']>, handle: (name: string) => string): string {
  const approvals = accepted.map(({ contact, by }) => {
    const login = `@${by}`;
    return contact.toLowerCase() === login.toLowerCase() ? handle(contact) : `${handle(contact)} (${handle(login)})`;
  });
  return `accepted by ${listInWords(approvals)}`;
}

/** The day of an ISO timestamp (GitHub's event times); anything else as given. */
export function dayOf(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(timestamp)?.[0] ?? timestamp;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * How many contracts the review read and how many it evaluated against the change: only the evaluated ones were
 * checked (the others' sources did not change, or they could not be).
 */
export function contractsInWords(review: Review): string {
  const total = review.contracts.length;
  // Contracts are read at the target: a pull request that adds the first ones is judged by none yet.
  if (total === 0) return review.findings.length > 0 ? 'no contracts on the target branch yet' : 'no contracts found';
  const evaluated = review.contracts.filter((contract) => contract.evaluated).length;
  return `${plural(total, 'contract')} read, ${evaluated === 0 ? 'none' : evaluated} evaluated`;
}

/** The whole verdict when nothing is wrong: no finding, no error. */
export function allClearInWords(review: Review): string {
  const total = review.contracts.length;
  if (total === 0) return 'no contracts found';
  if (!review.contracts.some((contract) => contract.evaluated)) {
    return `no contract affected by the change (${plural(total, 'contract')} read)`;
  }
  return `no guarantee broken (${contractsInWords(review)})`;
}

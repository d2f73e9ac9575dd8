import type { AffectedConsumer, ContractSummary, Finding, Review, Severity } from '../core/review.js';

/** Worst first: the order every renderer lists findings and counts in. */
export const SEVERITIES: readonly Severity[] = ['error', 'blocking', 'advisory', 'drift', 'info'];

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, blocking: 0, advisory: 0, drift: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
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

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Full SHAs shortened as git does; anything else (a branch name, a test's label) as given. */
export function shortRev(rev: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(rev) ? rev.slice(0, 7) : rev;
}

/**
 * How many contracts the review read and how many it evaluated against the change: only the evaluated ones were
 * checked (the others' sources did not change, or they could not be).
 */
export function contractsInWords(review: Review): string {
  const total = review.contracts.length;
  if (total === 0) return 'no contracts found';
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

import type { Conclusion, Finding, Review } from '../core/review.js';
import { decideConclusion } from './evaluate.js';

/** The contacts whose approvals, all of them, accept a finding; none for a finding that blocks nothing. */
export function approversOf(finding: Finding): string[] {
  if (finding.severity !== 'blocking') return [];
  if (finding.approvers) return finding.approvers;
  return [...new Set(finding.consumers.filter((consumer) => consumer.enforcement === 'blocking').map((consumer) => consumer.contact))];
}

/** Whose approval a review still needs, and for which of its findings (by their index in `review.findings`). */
export function approvalsNeeded(review: Review): { contact: string; findings: number[] }[] {
  const needed = new Map<string, number[]>();
  for (const [index, finding] of review.findings.entries()) {
    if (finding.accepted) continue;
    for (const contact of approversOf(finding)) needed.set(contact, [...(needed.get(contact) ?? []), index]);
  }
  return [...needed].map(([contact, findings]) => ({ contact, findings }));
}

/**
 * The review with the approvals given: a blocking finding every approver of which has approved is accepted (it
 * stays, marked with who accepted it), and the conclusion is decided again on what is left. `approvedBy` maps a
 * contact to the GitHub user who approved for it. An allowed override makes a failing check neutral.
 */
export function withApprovals(review: Review, approvedBy: ReadonlyMap<string, string>, override?: Review['override']): Review {
  const findings = review.findings.map((finding): Finding => {
    const { accepted: _earlier, ...rest } = finding;
    const approvers = approversOf(rest);
    if (approvers.length === 0 || !approvers.every((contact) => approvedBy.has(contact))) return rest;
    return { ...rest, accepted: approvers.map((contact) => ({ contact, by: approvedBy.get(contact)! })) };
  });
  const decided = decideConclusion(findings.filter((finding) => !finding.accepted));
  const withErrors: Conclusion = decided === 'success' && review.errors.length > 0 ? 'neutral' : decided;
  const conclusion = override?.allowed && withErrors === 'failure' ? 'neutral' : withErrors;
  const { override: _previous, ...rest } = review;
  return { ...rest, findings, conclusion, ...(override ? { override } : {}) };
}

/** A finding's identity across commits: the same contract, rule and field. */
function findingKey(finding: Finding): string {
  return `${finding.contract}\u0000${finding.rule}\u0000${finding.field ?? ''}`;
}

/**
 * Whether `now` has a blocking finding for `contact` that `then` (the review of the commit the contact approved)
 * did not: an approval kept across pushes stops counting when a push adds a new break for its consumer.
 */
export function newBreakFor(contact: string, then: Review, now: Review): boolean {
  const known = new Set(then.findings.filter((finding) => approversOf(finding).includes(contact)).map(findingKey));
  return now.findings.some((finding) => approversOf(finding).includes(contact) && !known.has(findingKey(finding)));
}

import type { AffectedConsumer, Conclusion, ContractSummary, Finding, Review, ReviewError, Severity } from '../core/review.js';
import { approvalsNeeded, approversOf } from '../review/approvals.js';
import type { SeverityCounts } from './findings.js';

/**
 * The stable JSON interface. Every key is always present, `null` where a value is absent, so scripts
 * can rely on the shape; a change that breaks a reader of this shape needs a new `version`.
 */
export interface ReviewJson {
  version: 1;
  conclusion: Conclusion;
  base: string;
  head: string;
  /** By severity, as `findings` give it: an accepted finding keeps its `blocking` severity there and is counted so here. */
  summary: SeverityCounts;
  findings: FindingJson[];
  contracts: ContractJson[];
  errors: ErrorJson[];
  /** Whose approving review the pull request still needs, with the findings (indices into `findings`) waiting for it. */
  approvals: ApprovalJson[];
  override: OverrideJson | null;
}

export interface FindingJson {
  contract: string;
  rule: string;
  severity: Severity;
  field: string | null;
  before: string | null;
  after: string | null;
  file: string | null;
  line: number | null;
  consumers: ConsumerJson[];
  message: string;
  /** The contacts whose approving reviews, all of them, accept the finding; empty for one that blocks nothing. */
  approvers: string[];
  /** Who accepted it, once every approver approved: each contact with the GitHub user who approved for it. */
  accepted: AcceptanceJson[] | null;
}

export interface AcceptanceJson {
  contact: string;
  by: string;
}

export interface ApprovalJson {
  contact: string;
  findings: number[];
}

/** The override label; `allowed` is false when whoever added it lacks the permission, and then it changes nothing. */
export interface OverrideJson {
  by: string;
  at: string;
  allowed: boolean;
}

export interface ConsumerJson {
  name: string;
  contact: string;
  channel: string | null;
  enforcement: AffectedConsumer['enforcement'];
}

export interface ContractJson {
  id: string;
  name: string | null;
  file: string;
  owner: string | null;
  status: ContractSummary['status'];
  asset: { type: string; name: string };
  consumers: ConsumerJson[];
  evaluated: boolean;
}

export interface ErrorJson {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

export function renderJson(review: Review): string {
  return `${JSON.stringify(reviewJson(review), null, 2)}\n`;
}

export function reviewJson(review: Review): ReviewJson {
  return {
    version: 1,
    conclusion: review.conclusion,
    base: review.base,
    head: review.head,
    summary: severityCounts(review.findings),
    findings: review.findings.map(findingJson),
    contracts: review.contracts.map(contractJson),
    errors: review.errors.map(errorJson),
    approvals: approvalsNeeded(review).map(({ contact, findings }) => ({ contact, findings })),
    override: review.override ? { by: review.override.by, at: review.override.at, allowed: review.override.allowed } : null,
  };
}

function severityCounts(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, blocking: 0, advisory: 0, drift: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function findingJson(finding: Finding): FindingJson {
  return {
    contract: finding.contract,
    rule: finding.rule,
    severity: finding.severity,
    field: finding.field ?? null,
    before: finding.before ?? null,
    after: finding.after ?? null,
    file: finding.file ?? null,
    line: finding.line ?? null,
    consumers: finding.consumers.map(consumerJson),
    message: finding.message,
    approvers: approversOf(finding),
    accepted: finding.accepted?.map(({ contact, by }) => ({ contact, by })) ?? null,
  };
}

function consumerJson(consumer: AffectedConsumer): ConsumerJson {
  return {
    name: consumer.name,
    contact: consumer.contact,
    channel: consumer.channel ?? null,
    enforcement: consumer.enforcement,
  };
}

function contractJson(contract: ContractSummary): ContractJson {
  return {
    id: contract.id,
    name: contract.name ?? null,
    file: contract.file,
    owner: contract.owner ?? null,
    status: contract.status,
    asset: { type: contract.asset.type, name: contract.asset.name },
    consumers: contract.consumers.map(consumerJson),
    evaluated: contract.evaluated,
  };
}

function errorJson(error: ReviewError): ErrorJson {
  return {
    file: error.file,
    line: error.line ?? null,
    column: error.column ?? null,
    message: error.message,
  };
}

import type { AffectedConsumer, Conclusion, ContractSummary, Finding, Review, ReviewError, Severity } from '../core/review.js';
import { countBySeverity, type SeverityCounts } from './findings.js';

/**
 * The stable JSON interface. Every key is always present, `null` where a value is absent, so scripts
 * can rely on the shape; a change that breaks a reader of this shape needs a new `version`.
 */
export interface ReviewJson {
  version: 1;
  conclusion: Conclusion;
  base: string;
  head: string;
  summary: SeverityCounts;
  findings: FindingJson[];
  contracts: ContractJson[];
  errors: ErrorJson[];
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
    summary: countBySeverity(review.findings),
    findings: review.findings.map(findingJson),
    contracts: review.contracts.map(contractJson),
    errors: review.errors.map(errorJson),
  };
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

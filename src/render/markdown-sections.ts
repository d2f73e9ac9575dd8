import type { AffectedConsumer, Finding, ReviewError, Severity } from '../core/review.js';
import {
  acceptedInWords,
  approvalInWords,
  consumersToContact,
  countBySeverity,
  isContractChange,
  listInWords,
  pendingApprovals,
  waitsForAnOwner,
  type ContractFindings,
} from './findings.js';
import type { Block, BlockRow } from './markdown-budget.js';
import { cellCode, inlineCode, link, mention, plainText, tableHeader, tableRow } from './markdown-escape.js';
import { plural } from '../core/words.js';

const SEVERITY_LABELS: Record<Severity, string> = {
  error: '❗ error',
  blocking: '⛔ blocking',
  advisory: '⚠️ advisory',
  drift: '↩️ drift',
  info: 'ℹ️ info',
};

const FINDING_COLUMNS = ['rule', 'field', 'before', 'after', 'severity', 'where', 'message'];

export type ContractUrl = (file: string) => string | undefined;

/** One contract the change affects: its findings, whom they affect, who owns it and what to do next. */
export function contractBlock(group: ContractFindings, contractUrl: ContractUrl | undefined): Block {
  const { contract } = group;
  const title = contract?.name ? `${plainText(contract.name)} (${inlineCode(group.id)})` : inlineCode(group.id);
  const consumers = consumersToContact(group.findings);
  const about = [
    contract?.owner && `**Owner:** ${mention(contract.owner)}`,
    contract && `**Contract:** ${contractLink(contract.file, contractUrl)}`,
  ].filter((part): part is string => Boolean(part));
  const steps = nextSteps(group, consumers);
  const tail = [
    consumers.length > 0 && `**Consumers affected**\n${consumers.map(consumerItem).join('\n')}`,
    about.length > 0 && about.join(' · '),
    steps.length > 0 && `**What to do next**\n${steps.map((step) => `- ${step}`).join('\n')}`,
  ].filter((part): part is string => Boolean(part));
  return {
    head: `### ${title}\n\n${tableHeader(FINDING_COLUMNS)}\n`,
    rows: group.findings.map((finding) => findingRow(finding, [])),
    tail: `\n\n${tail.join('\n\n')}`,
  };
}

/** Drift and info, folded away: worth knowing, never the PR's fault, nothing to act on before merging. */
export function backgroundBlock(findings: Finding[]): Block[] {
  if (findings.length === 0) return [];
  const counts = countBySeverity(findings);
  const summary = listInWords(
    [counts.drift > 0 && plural(counts.drift, 'drift finding'), counts.info > 0 && plural(counts.info, 'info finding')].filter(
      (part): part is string => Boolean(part),
    ),
  );
  return [
    {
      head:
        `<details>\n<summary>${summary}, not counted against this change</summary>\n\n` +
        'Drift: the base commit already breaks these guarantees. Info: changes no consumer relies on.\n\n' +
        `${tableHeader(['contract', ...FINDING_COLUMNS])}\n`,
      rows: findings.map((finding) => findingRow(finding, [cellCode(finding.contract)])),
      tail: '\n\n</details>',
    },
  ];
}

/** Contract and settings files that could not be read as written: what they define may not have been checked. */
export function errorsBlock(errors: ReviewError[]): Block[] {
  if (errors.length === 0) return [];
  return [
    {
      head: '### ❗ Errors in contracts and settings\n\nWhat these files define may not have been checked until they are fixed.\n\n',
      rows: errors.map((error) => ({ text: `- ${inlineCode(position(error))}: ${plainText(error.message)}`, findings: 0, errors: 1 })),
      tail: '',
    },
  ];
}

function findingRow(finding: Finding, leadingCells: string[]): BlockRow {
  const where = finding.file === undefined ? undefined : finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
  const cells = [
    ...leadingCells,
    cellCode(finding.rule),
    cellCode(finding.field),
    cellCode(finding.before),
    cellCode(finding.after),
    finding.accepted ? `✅ ${acceptedInWords(finding.accepted, mention).replace(/\|/g, '\\|')}` : SEVERITY_LABELS[finding.severity],
    cellCode(where),
    plainText(finding.message),
  ];
  return { text: tableRow(cells), findings: 1, errors: 0 };
}

function consumerItem(consumer: AffectedConsumer): string {
  const enforcement = consumer.enforcement === 'blocking' ? '**blocking**' : consumer.enforcement;
  const reach = [mention(consumer.contact), consumer.channel && plainText(consumer.channel), enforcement].filter(Boolean);
  return `- ${plainText(consumer.name)}: ${reach.join(' · ')}`;
}

function contractLink(file: string, contractUrl: ContractUrl | undefined): string {
  const url = contractUrl?.(file);
  return url === undefined ? inlineCode(file) : link(file, url);
}

function nextSteps(group: ContractFindings, consumers: AffectedConsumer[]): string[] {
  const { findings } = group;
  const advisoryContacts = listInWords([
    ...new Set(consumers.filter((consumer) => consumer.enforcement === 'advisory').map((consumer) => mention(consumer.contact))),
  ]);
  const errors = findings.filter((finding) => finding.severity === 'error');
  const steps: string[] = [];
  if (errors.some(isContractChange)) {
    steps.push('Fix the contract this pull request changes, so that it is valid and the asset at this commit meets it, and push again.');
  }
  if (errors.some((finding) => !isContractChange(finding))) {
    steps.push('Fix what keeps the asset from being built at this commit and push again: until then the change cannot be judged.');
  }
  for (const pending of pendingApprovals(findings)) {
    const ask = `Ask ${listInWords(pending.approvers.map(mention))} to approve this pull request: ${approvalInWords(pending)}.`;
    steps.push(pending.contractChange ? ask : `${ask} Or update the contract in a pull request they approve.`);
  }
  const ownerless = findings.filter(waitsForAnOwner).length;
  if (ownerless > 0) {
    const contract = group.contract ? inlineCode(group.contract.file) : `contract ${inlineCode(group.id)}`;
    const changes = ownerless === 1 ? 'the contract change needs' : `the ${ownerless} contract changes need`;
    steps.push(`Name an owner in ${contract}: ${changes} the owner's approval, and the contract names none.`);
  }
  if (findings.some((finding) => finding.severity === 'advisory')) {
    steps.push(`Let ${advisoryContacts || 'the advisory consumers'} know about the change; it does not block the merge.`);
  }
  return steps;
}

function position(error: ReviewError): string {
  if (error.line === undefined) return error.file;
  return error.column === undefined ? `${error.file}:${error.line}` : `${error.file}:${error.line}:${error.column}`;
}

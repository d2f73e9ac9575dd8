import type { AffectedConsumer, Conclusion, Finding, Review, ReviewError, Severity } from '../core/review.js';
import {
  SEVERITIES,
  acceptedInWords,
  allClearInWords,
  approvalInWords,
  attentionByContract,
  backgroundFindings,
  consumersToContact,
  contractsInWords,
  countBySeverity,
  dayOf,
  listInWords,
  pendingApprovals,
  waitsForAnOwner,
  type ContractFindings,
} from './findings.js';
import { plural } from '../core/words.js';

export interface TextOptions {
  /** ANSI colours, for a terminal that shows them; off by default so logs and pipes stay clean. */
  color?: boolean;
}

type Paint = (text: string) => string;

interface Palette {
  bold: Paint;
  dim: Paint;
  conclusion: Record<Conclusion, Paint>;
  severity: Record<Severity, Paint>;
}

const ansi = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const red = ansi(31, 39);
const yellow = ansi(33, 39);
const green = ansi(32, 39);
const magenta = ansi(35, 39);
const dim = ansi(2, 22);

const COLORS: Palette = {
  bold: ansi(1, 22),
  dim,
  conclusion: { failure: red, neutral: yellow, success: green },
  severity: { error: red, blocking: red, advisory: yellow, drift: magenta, info: dim },
};

const same: Paint = (text) => text;
const NO_COLORS: Palette = {
  bold: same,
  dim: same,
  conclusion: { failure: same, neutral: same, success: same },
  severity: { error: same, blocking: same, advisory: same, drift: same, info: same },
};

const SYMBOLS: Record<Conclusion, string> = { failure: '✗', neutral: '⚠', success: '✓' };
const FINDING_INDENT = '  ';
const MESSAGE_INDENT = ' '.repeat(FINDING_INDENT.length + 'advisory'.length + 2);

/** The review for a terminal: silent but for one line when nothing is wrong, what blocks first otherwise. */
export function renderText(review: Review, options: TextOptions = {}): string {
  const palette = options.color ? COLORS : NO_COLORS;
  const notes = [...overrideLine(review), ...review.notes.map((note) => `note: ${printable(note)}`)];
  if (review.findings.length === 0 && review.errors.length === 0) {
    return [`${palette.conclusion.success(SYMBOLS.success)} data-contracts: ${allClearInWords(review)}`, ...notes, ''].join('\n');
  }
  const blocks = [
    [headline(review, palette), ...notes].join('\n'),
    ...attentionByContract(review).map((group) => contractBlock(group, palette)),
    ...errorsBlock(review.errors, palette),
    ...backgroundBlocks(backgroundFindings(review), palette),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function headline(review: Review, palette: Palette): string {
  const counts = countBySeverity(review.findings);
  const parts = SEVERITIES.flatMap((severity) => [
    ...(counts[severity] > 0 ? [severityCount(counts[severity], severity)] : []),
    ...(severity === 'blocking' && counts.accepted > 0 ? [`${counts.accepted.toLocaleString('en-US')} accepted`] : []),
  ]);
  if (review.errors.length > 0) parts.push(plural(review.errors.length, 'contract error'));
  const paint = palette.conclusion[review.conclusion];
  return paint(`${SYMBOLS[review.conclusion]} data-contracts: ${review.conclusion}`) + ` — ${parts.join(', ')} (${contractsInWords(review)})`;
}

/** `2 errors`, but `2 blocking` and `2 info`: only `error` is a noun. */
function severityCount(count: number, severity: Severity): string {
  return severity === 'error' ? plural(count, 'error') : `${count.toLocaleString('en-US')} ${severity}`;
}

function contractBlock(group: ContractFindings, palette: Palette): string {
  const { contract } = group;
  const title = [group.id, contract?.name, contract?.file, contract?.owner && `owner ${contract.owner}`]
    .filter((part): part is string => Boolean(part))
    .map(printable)
    .join(' · ');
  return [
    palette.bold(title),
    ...group.findings.map((finding) => findingLines(finding, palette)),
    contactLines(consumersToContact(group.findings)),
    approvalLines(group.findings),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function findingLines(finding: Finding, palette: Palette, contractPrefix = false): string {
  const change = finding.before !== undefined || finding.after !== undefined ? `${finding.before ?? '—'} → ${finding.after ?? '—'}` : '';
  const field = finding.field === undefined ? '' : change ? `${finding.field}:` : finding.field;
  const subject = [field, change].filter(Boolean).join(' ');
  const parts = [contractPrefix ? finding.contract : '', finding.rule, subject, where(finding)].filter(Boolean).map(printable);
  const severity = palette.severity[finding.severity](finding.severity.padEnd(8));
  const message = printable(finding.message).split('\n').join(`\n${MESSAGE_INDENT}`);
  const accepted = finding.accepted ? `\n${MESSAGE_INDENT}${palette.conclusion.success(acceptedInWords(finding.accepted, printable))}` : '';
  return `${FINDING_INDENT}${severity}  ${parts.join('  ')}\n${MESSAGE_INDENT}${palette.dim(message)}${accepted}`;
}

function where(finding: Finding): string {
  if (finding.file === undefined) return '';
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

function contactLines(consumers: AffectedConsumer[]): string {
  if (consumers.length === 0) return '';
  const lines = consumers.map((consumer) =>
    [consumer.name, consumer.contact, consumer.channel, `(${consumer.enforcement})`]
      .filter((part): part is string => Boolean(part))
      .map(printable)
      .join('  '),
  );
  return `${FINDING_INDENT}contact:\n${lines.map((line) => `${FINDING_INDENT}  ${line}`).join('\n')}`;
}

/**
 * Whose approving review on the pull request would accept what blocks: a break waits for its blocking consumers, a
 * contract change for the consumers it loosens a guarantee for, or for its owner.
 */
function approvalLines(findings: Finding[]): string {
  const lines = pendingApprovals(findings).map((pending) => `${listInWords(pending.approvers.map(printable))}: ${approvalInWords(pending)}`);
  if (findings.some(waitsForAnOwner)) lines.push("no owner: the contract change needs the owner's approval; name one in the contract");
  if (lines.length === 0) return '';
  return `${FINDING_INDENT}approvals on the pull request:\n${lines.map((line) => `${FINDING_INDENT}  ${line}`).join('\n')}`;
}

function overrideLine(review: Review): string[] {
  const { override } = review;
  if (!override) return [];
  const by = printable(`@${override.by}`);
  if (override.allowed) return [`override: the check was overridden by ${by} on ${dayOf(override.at)}; the findings still stand`];
  return [`override: the label was added by ${by}, who lacks admin or maintain permission, so it changes nothing`];
}

function errorsBlock(errors: ReviewError[], palette: Palette): string[] {
  if (errors.length === 0) return [];
  const lines = errors.map((error) => {
    const position = [error.file, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined).join(':');
    const message = printable(error.message).split('\n').join(`\n${FINDING_INDENT}  `);
    return `${FINDING_INDENT}${printable(position)}  ${message}`;
  });
  return [`${palette.bold('errors in contracts and settings')}\n${lines.join('\n')}`];
}

const BACKGROUND_SECTIONS = [
  { severity: 'drift', title: 'drift — the base commit already breaks these; never counted against this change' },
  { severity: 'info', title: 'info — changes no consumer relies on' },
] as const;

function backgroundBlocks(findings: Finding[], palette: Palette): string[] {
  return BACKGROUND_SECTIONS.flatMap(({ severity, title }) => {
    const group = findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) return [];
    return [[palette.bold(title), ...group.map((finding) => findingLines(finding, palette, true))].join('\n')];
  });
}

/** User text with control characters shown, not obeyed: a contract or migration could otherwise drive the terminal. */
function printable(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

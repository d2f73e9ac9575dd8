import type { Review } from '../core/review.js';
import {
  allClearInWords,
  attentionByContract,
  backgroundFindings,
  contractsInWords,
  countBySeverity,
  dayOf,
  listInWords,
} from './findings.js';
import { BLOCK_SEPARATOR, fitBlocks, renderBlock, type Block, type Omitted } from './markdown-budget.js';
import { backgroundBlock, contractBlock, errorsBlock, type ContractUrl } from './markdown-sections.js';
import { inlineCode, mention, plainText } from './markdown-escape.js';
import { impactGraph } from './impact-graph.js';
import { plural, shortRev } from '../core/words.js';

/** Hidden in the rendered comment; how the app finds its own comment again to edit it in place. */
export const COMMENT_MARKER = '<!-- data-contract-review -->';

/** GitHub refuses a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65535;

export interface MarkdownOptions {
  /** A link to a contract file, for example its blob URL at the base commit; the path alone is shown without one. */
  contractUrl?: ContractUrl;
  /** The commit the comment describes, when the review's own `head` is not that SHA. */
  headSha?: string;
  maxLength?: number;
  /** Leave out the hidden marker, where the text is not the comment (a check run's summary). */
  withoutMarker?: boolean;
}

/**
 * The PR comment: when something blocks, a graph of whom the change reaches; what blocks first, one section per
 * contract, then errors, then drift and info folded away. With no finding and no error it is an all-clear body, so a
 * push that fixes everything replaces the old list of problems. A comment too long for GitHub loses the graph first,
 * then rows from the end of its tables.
 */
export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const header = [
    ...(options.withoutMarker ? [] : [COMMENT_MARKER]),
    `## Data contracts: ${headline(review)}`,
    '',
    commitLine(review, options.headSha ?? review.head),
    ...overrideNote(review),
    ...review.notes.map((note) => `\n> [!NOTE]\n> ${plainText(note)}`),
  ].join('\n');
  const blocks: Block[] = [
    ...attentionByContract(review).map((group) => contractBlock(group, options.contractUrl)),
    ...errorsBlock(review.errors),
    ...backgroundBlock(backgroundFindings(review)),
  ];
  const impact = impactGraph(review);
  const whole = document(header, [...(impact ? [`### Impact\n\n${impact}`] : []), ...blocks.map((block) => renderBlock(block))]);
  // Only a limit too small for the header itself makes slicing cut anything.
  if (whole.length <= maxLength || blocks.length === 0) return whole.slice(0, maxLength);

  const total: Omitted = { findings: review.findings.length, errors: review.errors.length };
  const noteRoom = BLOCK_SEPARATOR.length + truncationNote(worstCaseOmission(total), maxLength).length;
  const { rendered, omitted } = fitBlocks(blocks, maxLength - document(header, []).length - noteRoom);
  return document(header, [...rendered, truncationNote(omitted, maxLength)]).slice(0, maxLength);
}

function document(header: string, blocks: string[]): string {
  return `${[header, ...blocks].join(BLOCK_SEPARATOR)}\n`;
}

function headline(review: Review): string {
  const counts = countBySeverity(review.findings);
  const errors = review.errors.length > 0 && plural(review.errors.length, 'contract error');
  const outstanding = listInWords(
    [
      counts.blocking > 0 && plural(counts.blocking, 'blocking finding'),
      counts.error > 0 && plural(counts.error, 'error'),
      counts.advisory > 0 && plural(counts.advisory, 'advisory finding'),
      errors,
    ].filter((part): part is string => Boolean(part)),
  );
  const accepted = counts.accepted > 0 ? `; ${counts.accepted.toLocaleString('en-US')} accepted` : '';
  switch (review.conclusion) {
    case 'failure':
      return `❌ ${outstanding || 'failure'}${accepted}`;
    case 'neutral': {
      if (review.override?.allowed && (counts.blocking > 0 || counts.error > 0)) return `⚠️ overridden: ${outstanding}${accepted}`;
      if (counts.advisory === 0) return `⚠️ ${errors || 'advisory'}${accepted}`;
      const advisory = `${plural(counts.advisory, 'finding')} for advisory consumers`;
      return `⚠️ advisory: ${errors ? `${advisory} and ${errors}` : advisory}${accepted}`;
    }
    case 'success':
      return counts.accepted > 0 ? `✅ ${plural(counts.accepted, 'blocking finding')} accepted` : '✅ all clear';
  }
}

/** An override label, whoever added it: it explains a check that no longer fails, or why it still does. */
function overrideNote(review: Review): string[] {
  const { override } = review;
  if (!override) return [];
  const by = mention(`@${override.by}`);
  if (override.allowed) {
    return [`\n> [!WARNING]\n> The check was overridden by ${by} on ${dayOf(override.at)} with the override label. The findings below still stand.`];
  }
  return [`\n> [!NOTE]\n> The override label was added by ${by}, who lacks admin or maintain permission on this repository, so it changes nothing.`];
}

function commitLine(review: Review, headSha: string): string {
  const clear = review.findings.length === 0 && review.errors.length === 0;
  const words = clear ? allClearInWords(review) : contractsInWords(review);
  return `Commit ${inlineCode(shortRev(headSha))} (base ${inlineCode(shortRev(review.base))}): ${words}.`;
}

/** Plural and with both parts: no note for fewer omissions is longer. */
function worstCaseOmission(total: Omitted): Omitted {
  return { findings: Math.max(total.findings, 2), errors: Math.max(total.errors, 2) };
}

function truncationNote(omitted: Omitted, maxLength: number): string {
  const parts = [
    omitted.findings > 0 && plural(omitted.findings, 'more finding'),
    omitted.errors > 0 && plural(omitted.errors, 'more error'),
  ].filter((part): part is string => Boolean(part));
  return `…and ${listInWords(parts)} not shown (the comment is limited to ${maxLength.toLocaleString('en-US')} characters); run \`dcr check\` for the full list.`;
}

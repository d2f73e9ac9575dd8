/**
 * Everything user-written (contract names, field names, types, messages quoting SQL) passes through these, so no value
 * can open a tag, end a table row, start a list or hide the rest of the comment. Newlines become spaces: every value
 * sits in a table cell or on one line of a list.
 */

export function plainText(value: string): string {
  return oneLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, '\\$&')
    // Only mention() may notify someone: an @ from a PR's own text (a column, an enum value) stays inert.
    .replace(/@/g, '@&#8203;');
}

/** A code span that holds any text: the fence outgrows the longest run of backticks inside. */
export function inlineCode(value: string): string {
  const content = oneLine(value);
  if (content === '') return '—';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each end of a span that has both, and a fence must not touch a backtick.
  const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

/** A code span inside a table cell, where a pipe would end the cell even within the span. */
export function cellCode(value: string | undefined): string {
  return value === undefined ? '—' : inlineCode(value).replace(/\|/g, '\\|');
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function tableHeader(columns: readonly string[]): string {
  return `${tableRow(columns)}\n${tableRow(columns.map(() => '---'))}`;
}

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/;

/** A GitHub user or team as a live @-mention; anything else as code, where GitHub never looks for mentions. */
export function mention(contact: string): string {
  return HANDLE.test(contact) ? contact : inlineCode(contact);
}

export function link(label: string, url: string): string {
  const destination = url.replace(/[\s<>()|\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${plainText(label)}](${destination})`;
}

function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

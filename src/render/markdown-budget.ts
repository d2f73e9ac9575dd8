/**
 * A part of the comment that can be cut short: fixed text around rows (table rows, list items) that are dropped from
 * the end when the comment would be too long. `head` ends where the first row starts; `tail` follows the last row.
 */
export interface Block {
  head: string;
  rows: BlockRow[];
  tail: string;
}

/** One row and what it shows, so that what is cut can be counted. */
export interface BlockRow {
  text: string;
  findings: number;
  errors: number;
}

export interface Omitted {
  findings: number;
  errors: number;
}

export const BLOCK_SEPARATOR = '\n\n';

export function renderBlock(block: Block, rows: readonly BlockRow[] = block.rows): string {
  return block.head + rows.map((row) => row.text).join('\n') + block.tail;
}

/**
 * The blocks, in order, within `budget` characters (each counted with the separator before it). A block keeps the
 * rows that fit, from the first; a block whose rows were all cut is left out whole, since its heading alone says
 * nothing. Later blocks still get what is left, so one long table does not hide a short one.
 */
export function fitBlocks(blocks: readonly Block[], budget: number): { rendered: string[]; omitted: Omitted } {
  const rendered: string[] = [];
  const omitted: Omitted = { findings: 0, errors: 0 };
  let remaining = budget;
  for (const block of blocks) {
    let size = BLOCK_SEPARATOR.length + block.head.length + block.tail.length;
    let shown = 0;
    for (const row of block.rows) {
      const grown = size + row.text.length + (shown > 0 ? 1 : 0);
      if (grown > remaining) break;
      size = grown;
      shown += 1;
    }
    const fits = size <= remaining && (shown > 0 || block.rows.length === 0);
    if (fits) {
      rendered.push(renderBlock(block, block.rows.slice(0, shown)));
      remaining -= size;
    }
    for (const row of block.rows.slice(fits ? shown : 0)) {
      omitted.findings += row.findings;
      omitted.errors += row.errors;
    }
  }
  return { rendered, omitted };
}

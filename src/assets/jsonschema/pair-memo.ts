import type { Finding } from './comparison.js';

/**
 * A pair of schemas under comparison, on the stack of those under way. `lowestCut` is the outermost frame (by
 * depth) that a comparison under this one met again and took as compatible, as a recursive schema must be taken;
 * `assumed` says this frame was so taken; `pending` holds the results found under it that rest on such assumptions.
 */
export interface Frame {
  cycleKey: string;
  depth: number;
  lowestCut: number;
  assumed: boolean;
  pending: { key: string; lowestCut: number }[];
}

export function newFrame(cycleKey: string, depth: number): Frame {
  return { cycleKey, depth, lowestCut: Number.POSITIVE_INFINITY, assumed: false, pending: [] };
}

/**
 * The findings of each pair compared, relative to the pair, so a pair met again (a shared `$ref`) is compared once.
 * A result that took an enclosing pair as compatible holds while that pair is being compared, and for good once it
 * proves compatible; when a pair taken as compatible proves not to be, every result found under it is dropped, to
 * be compared afresh where it is met again (with that pair's problems then among its own).
 */
export class PairMemo {
  private readonly results = new Map<string, readonly Finding[]>();

  get(key: string): readonly Finding[] | undefined {
    return this.results.get(key);
  }

  /** Records the result of the frame that ends, and hands what still rests on enclosing frames to `parent`. */
  settle(key: string, findings: readonly Finding[], frame: Frame, parent: Frame | undefined): void {
    if (frame.assumed && findings.length > 0) {
      for (const entry of frame.pending) this.results.delete(entry.key);
      frame.pending = [];
    }
    this.results.set(key, findings);
    if (!parent) return;
    parent.pending.push(...frame.pending.filter((entry) => entry.lowestCut < frame.depth));
    if (frame.lowestCut < frame.depth) {
      parent.pending.push({ key, lowestCut: frame.lowestCut });
      parent.lowestCut = Math.min(parent.lowestCut, frame.lowestCut);
    }
  }
}

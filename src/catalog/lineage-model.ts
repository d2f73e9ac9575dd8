import type { Enforcement } from '../core/review.js';

/**
 * The lineage of one contract as a layered graph, left to right: the files that define the asset, the asset, the
 * fields under contract, the consumers. Each layer shows at most a screenful; what it leaves out is one "more" node
 * that keeps the edges of what it stands for, so a wide table still reads as a picture rather than a hairball.
 */
export const LIMITS = { files: 12, fields: 24, consumers: 12 } as const;

export type NodeKind = 'file' | 'asset' | 'field' | 'consumer';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** The longer text a pointer shows. */
  title: string;
  /** Marks the styling shows: `drift`, `missing`, `blocking`, `advisory`, `more`, the asset's `absent` or `error`. */
  marks: string[];
}

export type EdgeKind = 'source' | 'field' | Enforcement;

export interface LineageEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  title: string;
}

export interface LineageGraph {
  /**
   * The layers, left to right, each a column of nodes top to bottom; a layer with nothing to show is left out. The
   * `folder` its labels are relative to is shown under the layer's title.
   */
  layers: { title: string; folder?: string; nodes: LineageNode[] }[];
  edges: LineageEdge[];
  /** What the picture leaves out, in words. */
  notes: string[];
}

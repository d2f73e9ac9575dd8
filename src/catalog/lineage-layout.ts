import type { LineageEdge, LineageGraph, LineageNode } from './lineage-model.js';

/**
 * Sizes for a monospace label of 12px: every character is about 0.6em wide, so a label's width is known at build
 * time without a font, and the picture is sized to what it holds.
 */
const CHAR_WIDTH = 7.3;
export const PADDING = 12;
const NODE_HEIGHT = 26;
const PITCH = 34;
const GAP = 96;
const MARGIN = 12;
const HEADER = 30;
/** Room for a second line under the titles: the folder the files are in. */
const FOLDER_LINE = 16;
const MIN_WIDTH = 96;
/** Column titles are set in small capitals of the page's sans-serif font: about this wide a character, at most. */
const TITLE_CHAR_WIDTH = 8.4;
/** Longer labels are shortened on the picture; the pointer shows them whole. */
export const MAX_LABEL = 34;

export interface PlacedNode extends LineageNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label as drawn. */
  text: string;
}

export interface PlacedEdge extends LineageEdge {
  /** An SVG path from the right side of `from` to the left side of `to`. */
  path: string;
}

export interface LineageLayout {
  width: number;
  height: number;
  columns: { title: string; folder?: string; x: number; width: number }[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/**
 * A file keeps its name and as many of its last folders as fit (`…/migrations/V2__orders.sql`); any other label keeps
 * its start.
 */
export function shorten(label: string, kind: LineageNode['kind']): string {
  const length = (text: string): number => [...text].length;
  if (length(label) <= MAX_LABEL) return label;
  if (kind === 'file') {
    const segments = label.split('/');
    let tail = segments.pop()!;
    while (segments.length > 0 && length(`…/${segments.at(-1)}/${tail}`) <= MAX_LABEL) tail = `${segments.pop()}/${tail}`;
    return length(`…/${tail}`) <= MAX_LABEL ? `…/${tail}` : `…${[...label].slice(1 - MAX_LABEL).join('')}`;
  }
  return `${[...label].slice(0, MAX_LABEL - 1).join('')}…`;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** Layers as columns, each centred on the tallest; every position a function of the graph alone. */
export function layoutLineage(graph: LineageGraph): LineageLayout {
  const rows = Math.max(...graph.layers.map((layer) => layer.nodes.length));
  const header = HEADER + (graph.layers.some((layer) => layer.folder) ? FOLDER_LINE : 0);
  const nodes: PlacedNode[] = [];
  const columns: LineageLayout['columns'] = [];
  let x = MARGIN;
  for (const layer of graph.layers) {
    const texts = layer.nodes.map((node) => shorten(node.label, node.kind));
    const folder = layer.folder === undefined ? undefined : shorten(layer.folder, 'file');
    const width = Math.max(MIN_WIDTH, Math.ceil(layer.title.length * TITLE_CHAR_WIDTH), Math.ceil([...(folder ?? '')].length * CHAR_WIDTH), ...texts.map((text) => Math.ceil([...text].length * CHAR_WIDTH) + 2 * PADDING));
    const top = MARGIN + header + ((rows - layer.nodes.length) * PITCH) / 2;
    layer.nodes.forEach((node, index) => nodes.push({ ...node, text: texts[index]!, x, y: round(top + index * PITCH), width, height: NODE_HEIGHT }));
    columns.push({ title: layer.title, ...(folder ? { folder } : {}), x, width });
    x += width + GAP;
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = graph.edges.map((edge): PlacedEdge => ({ ...edge, path: curve(byId.get(edge.from)!, byId.get(edge.to)!) }));
  return { width: round(x - GAP + MARGIN), height: round(MARGIN + header + rows * PITCH - (PITCH - NODE_HEIGHT) + MARGIN), columns, nodes, edges };
}

function curve(from: PlacedNode, to: PlacedNode): string {
  const x1 = from.x + from.width;
  const y1 = round(from.y + from.height / 2);
  const x2 = to.x;
  const y2 = round(to.y + to.height / 2);
  const bend = round((x2 - x1) / 2);
  return `M${x1} ${y1}C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`;
}

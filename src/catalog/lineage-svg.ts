import { type Html, html } from './html.js';
import type { EdgeKind } from './lineage-model.js';
import { type LineageLayout, PADDING } from './lineage-layout.js';

/** Blocking edges are drawn last, over the others. */
const EDGE_ORDER: readonly EdgeKind[] = ['source', 'field', 'advisory', 'blocking'];

/**
 * The lineage drawn as inline SVG: the page's stylesheet colours it (light and dark alike), every label is escaped
 * text, and the title and description give a screen reader the picture in words.
 */
export function lineageSvg(layout: LineageLayout, title: string, description: string): Html {
  const edges = [...layout.edges].sort((a, b) => EDGE_ORDER.indexOf(a.kind) - EDGE_ORDER.indexOf(b.kind));
  return html`<svg class="lineage" xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="lineage-title lineage-desc">
<title id="lineage-title">${title}</title>
<desc id="lineage-desc">${description}</desc>
<g class="column-titles">${layout.columns.map((column) => html`<text x="${column.x}" y="18">${column.title}</text>`)}</g>
${layout.columns.map((column) => (column.folder ? html`<text class="column-folder" x="${column.x}" y="36">${column.folder}</text>` : ''))}
<g class="edges" fill="none">${edges.map((edge) => html`
<path class="edge edge-${edge.kind}" d="${edge.path}"><title>${edge.title}</title></path>`)}</g>
<g class="nodes">${layout.nodes.map((node) => html`
<g class="${['node', `node-${node.kind}`, ...node.marks].join(' ')}"><title>${node.title}</title><rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="6"/><text x="${node.x + PADDING}" y="${node.y + node.height / 2}" dominant-baseline="central">${node.text}</text></g>`)}</g>
</svg>`;
}

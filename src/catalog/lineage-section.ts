import type { ContractView } from './contract-view.js';
import { type Html, html } from './html.js';
import { lineageGraph } from './lineage-graph.js';
import { layoutLineage } from './lineage-layout.js';
import { lineageSvg } from './lineage-svg.js';
import { plural } from '../core/words.js';

/** The picture in words, for a screen reader: what defines the asset and who reads what. */
function describe(view: ContractView): string {
  const { name } = view.contract.asset;
  const uses = view.consumers.map(({ consumer, fields, usesAll }) => {
    const what = usesAll ? 'every field' : fields.join(', ');
    return `${consumer.name} (${consumer.enforcement}) reads ${what}`;
  });
  return [`${plural(view.sources.length, 'source file')} define ${name}.`, ...uses.map((sentence) => `${sentence}.`)].join(' ');
}

export function lineageSection(view: ContractView): Html {
  const graph = lineageGraph(view);
  const svg = lineageSvg(layoutLineage(graph), `Lineage of ${view.contract.asset.name}`, describe(view));
  return html`
<figure class="lineage-figure">
<div class="lineage-wrap">${svg}</div>
<figcaption>
<ul class="legend">
<li><span class="swatch swatch-blocking" aria-hidden="true"></span>read by a blocking consumer</li>
<li><span class="swatch swatch-advisory" aria-hidden="true"></span>read by an advisory consumer</li>
<li><span class="swatch swatch-drift" aria-hidden="true"></span>field with drift</li>
</ul>${graph.notes.map((note) => html`
<p class="note">${note}</p>`)}
</figcaption>
</figure>`;
}

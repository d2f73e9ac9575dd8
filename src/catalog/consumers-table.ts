import type { ContractView } from './contract-view.js';
import { type Html, html } from './html.js';
import { badge, handle } from './parts.js';

function usesCell(uses: readonly string[] | undefined, usesAll: boolean, fieldCount: number): Html {
  if (usesAll && fieldCount === 0) return html`<span class="muted">the whole asset (the contract names no field)</span>`;
  if (usesAll) return html`<span class="muted">every field (no <code>uses</code> given)</span>`;
  return html`<ul class="uses">${(uses ?? []).map((name) => html`<li><code>${name}</code></li>`)}</ul>`;
}

/** Who reads the asset, how to reach them, and what they rely on. */
export function consumersTable(view: ContractView): Html {
  return html`
<div class="table-wrap">
<table class="consumers-table">
<caption>The consumers of <code>${view.contract.asset.name}</code></caption>
<thead><tr><th scope="col">Consumer</th><th scope="col">Contact</th><th scope="col">Channel</th><th scope="col">Enforcement</th><th scope="col">Uses</th></tr></thead>
<tbody>${view.consumers.map(({ consumer, fields, usesAll }) => html`
<tr>
<th scope="row">${consumer.name}</th>
<td>${handle(consumer.contact)}</td>
<td>${consumer.channel ?? html`<span class="muted">—</span>`}</td>
<td>${badge(consumer.enforcement)}</td>
<td>${usesCell(consumer.uses, usesAll, fields.length)}</td>
</tr>`)}
</tbody>
</table>
</div>`;
}

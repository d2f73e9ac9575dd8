import type { FieldSchema } from '../assets/model.js';
import type { ContractField } from '../contracts/schema.js';
import type { ContractView, FieldRow } from './contract-view.js';
import { type Fragment, type Html, html } from './html.js';
import { badge, location } from './parts.js';
import { plural, shortRev } from '../core/words.js';

const chip = (text: Fragment, kind = ''): Html => html`<span class="chip${kind ? ` chip-${kind}` : ''}">${text}</span>`;

const values = (list: readonly (string | number)[]): Html => html`${list.map((value, index) => html`${index > 0 ? ', ' : ''}<code>${String(value)}</code>`)}`;

function actualCell(row: FieldRow, view: ContractView): Html {
  const field: FieldSchema | undefined = row.actual;
  if (!field) {
    return view.asset.status === 'present' ? html`<span class="missing">not in the asset</span>` : html`<span class="muted">unknown: the asset was not read</span>`;
  }
  return html`<code class="type">${field.type}</code>
<span class="chips">${[
    field.nullable ? chip('nullable') : chip('not null'),
    field.primaryKey ? chip('primary key') : '',
    field.unique && !field.primaryKey ? chip('unique') : '',
    field.default !== undefined ? chip(html`default <code>${field.default}</code>`) : '',
  ]}</span>${field.allowedValues ? html`<span class="values">${field.allowedValuesFrom === 'oneof' ? 'one of the fields' : 'values'}: ${values(field.allowedValues)}</span>` : ''}${field.origin ? html`<span class="origin">${location(field.origin.file, field.origin.line)}</span>` : ''}`;
}

function guaranteedCell(field: ContractField | undefined): Html {
  if (!field) return html`<span class="muted">not under contract</span>`;
  const chips = [field.required ? chip('required') : '', field.primaryKey ? chip('primary key') : '', field.unique ? chip('unique') : ''].filter((item) => item);
  return html`${field.type ? html`<code class="type">${field.type}</code>` : html`<span class="muted">any type</span>`}
${chips.length > 0 ? html`<span class="chips">${chips}</span>` : ''}${field.enum ? html`<span class="values">values: ${values(field.enum)}</span>` : ''}${field.description ? html`<span class="field-description">${field.description}</span>` : ''}`;
}

function usedByCell(row: FieldRow): Html {
  if (row.consumers.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="used-by">${row.consumers.map((view) => html`<li><span class="dot dot-${view.consumer.enforcement}" title="${view.consumer.enforcement}" aria-hidden="true"></span>${view.consumer.name}<span class="visually-hidden"> (${view.consumer.enforcement})</span></li>`)}</ul>`;
}

function checkCell(row: FieldRow, view: ContractView): Html {
  if (row.findings.length > 0) {
    return html`<ul class="field-findings">${row.findings.map((finding) => html`<li>${badge(finding.severity)} ${finding.message}</li>`)}</ul>`;
  }
  if (!row.guaranteed) return html`<span class="muted">—</span>`;
  if (view.asset.status !== 'present') return html`<span class="muted">not judged</span>`;
  return html`<span class="kept">✓ kept</span>`;
}

function fieldRow(row: FieldRow, view: ContractView): Html {
  const classes = [row.findings.length > 0 ? 'row-drift' : '', row.guaranteed ? '' : 'row-other'].filter((name) => name).join(' ');
  return html`
<tr${classes ? html` class="${classes}"` : ''}>
<th scope="row"><code>${row.name}</code></th>
<td>${actualCell(row, view)}</td>
<td>${guaranteedCell(row.guaranteed)}</td>
<td>${usedByCell(row)}</td>
<td>${checkCell(row, view)}</td>
</tr>`;
}

/** The asset's fields at the commit beside what the contract guarantees of them, drift marked on its row. */
export function schemaTable(view: ContractView, sha: string): Html {
  const contracted = view.rows.filter((row) => row.guaranteed);
  const others = view.rows.filter((row) => !row.guaranteed);
  if (view.rows.length === 0) return html`<p class="empty">The contract names no field, and the asset has none to show.</p>`;
  return html`
<div class="table-wrap">
<table class="schema">
<caption><code>${view.contract.asset.name}</code> at <code>${shortRev(sha)}</code> beside the contract</caption>
<thead><tr><th scope="col">Field</th><th scope="col">In the asset at <code>${shortRev(sha)}</code></th><th scope="col">The contract guarantees</th><th scope="col">Used by</th><th scope="col">Check</th></tr></thead>
<tbody>${contracted.map((row) => fieldRow(row, view))}
</tbody>${
    others.length > 0
      ? html`
<tbody class="other-fields">
<tr><th scope="rowgroup" colspan="5">${plural(others.length, 'more field')} of the asset, not under contract</th></tr>${others.map((row) => fieldRow(row, view))}
</tbody>`
      : ''
  }
</table>
</div>`;
}

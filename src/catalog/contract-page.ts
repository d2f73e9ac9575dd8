import type { AssetState } from '../assets/model.js';
import type { Finding } from '../core/review.js';
import { consumersTable } from './consumers-table.js';
import type { ContractView } from './contract-view.js';
import { type Html, html } from './html.js';
import { lineageSection } from './lineage-section.js';
import { page } from './page.js';
import { type Revision, badge, handle, location } from './parts.js';
import { schemaTable } from './schema-table.js';
import { plural, shortRev } from '../core/words.js';

function findingItem(finding: Finding): Html {
  return html`<li>${badge(finding.severity)} <code class="rule">${finding.rule}</code>${finding.field ? html` <strong><code>${finding.field}</code></strong>` : ''} ${finding.message} ${location(finding.file, finding.line)}</li>`;
}

/** How the asset stands at the commit: every guarantee kept, or the drift, and anything that could not be read. */
function standing(view: ContractView, sha: string): Html {
  const at = html`<code>${shortRev(sha)}</code>`;
  const parts: Html[] = [];
  if (view.drift.length > 0) {
    parts.push(html`
<section class="callout callout-drift" aria-labelledby="drift-title">
<h2 id="drift-title">Drift: ${plural(view.drift.length, 'guarantee')} broken at ${at}</h2>
<p>The asset already differs from its contract. Drift never blocks a pull request; fix the asset or the contract.</p>
<ul class="findings">${view.drift.map(findingItem)}</ul>
</section>`);
  }
  if (view.problems.length > 0) {
    parts.push(html`
<section class="callout callout-error" aria-labelledby="problems-title">
<h2 id="problems-title">${plural(view.problems.length, 'thing')} the survey could not judge</h2>
<ul class="findings">${view.problems.map(findingItem)}</ul>
</section>`);
  }
  if (parts.length === 0 || view.asset.status === 'present') parts.push(...readingNotes(view.asset));
  if (parts.length === 0 && view.asset.status === 'present') {
    parts.push(html`<p class="callout callout-ok">The asset keeps every guarantee of the contract at ${at}.</p>`);
  }
  return html`${parts}`;
}

function readingNotes(asset: AssetState): Html[] {
  if (asset.status === 'error') {
    return [html`<p class="callout callout-error">The asset could not be read: ${asset.error.message} ${location(asset.error.file, asset.error.line)}</p>`];
  }
  if (asset.status === 'absent') return [html`<p class="callout callout-error">No file at this commit defines the asset.</p>`];
  const notes = [...(asset.skipped ?? []), ...(asset.approximations ?? [])];
  if (notes.length === 0) return [];
  return [
    html`
<section class="callout callout-note" aria-labelledby="reading-title">
<h2 id="reading-title">How the asset was read</h2>
<ul>${notes.map((note) => html`<li>${note.message} ${location(note.file, note.line)}</li>`)}</ul>
</section>`,
  ];
}

function facts(view: ContractView): Html {
  const { contract } = view;
  const sources = [contract.asset.source].flat();
  return html`
<dl class="facts">
<div><dt>Owner</dt><dd>${contract.owner ? handle(contract.owner) : html`<span class="muted">none</span>`}</dd></div>
<div><dt>Asset</dt><dd>${badge('type', contract.asset.type)} <code>${contract.asset.name}</code></dd></div>
<div><dt>Defined by</dt><dd>${sources.map((glob, index) => html`${index > 0 ? ' ' : ''}<code>${glob}</code>`)}</dd></div>
<div><dt>Contract file</dt><dd><code>${view.file}</code></dd></div>${contract.version ? html`
<div><dt>Version</dt><dd>${contract.version}</dd></div>` : ''}${view.readBy ? html`
<div><dt>Read</dt><dd>${view.readBy.method === 'exact' ? 'exactly' : 'by parsing'}, by ${view.readBy.by}${view.readBy.exactly ? html`<span class="note">${view.readBy.exactly}</span>` : ''}</dd></div>` : ''}
</dl>`;
}

function sourcesList(view: ContractView): Html {
  if (view.sources.length === 0) return html`<p class="empty">No file at this commit matches the asset's sources.</p>`;
  return html`<ul class="sources">${view.sources.map(
    (source) => html`<li><code>${source.path}</code>${source.defines.length > 0 ? html` <span class="muted">defines ${source.defines.map((defined, index) => html`${index > 0 ? ', ' : ''}<code>${defined.field}</code>&nbsp;(line ${defined.line})`)}</span>` : ''}</li>`,
  )}</ul>`;
}

export function contractPage(view: ContractView, revision: Revision): string {
  const { contract } = view;
  const title = contract.name ?? contract.id;
  const main = html`
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="../index.html">All contracts</a> <span aria-hidden="true">/</span> <span aria-current="page">${contract.id}</span></nav>
<div class="title">
<h1>${title}</h1>
${badge(contract.status)}
</div>
${contract.description ? html`<p class="lede">${contract.description}</p>` : ''}
${facts(view)}
${standing(view, revision.sha)}
<section aria-labelledby="schema-title">
<h2 id="schema-title">Schema and guarantees</h2>
${schemaTable(view, revision.sha)}
</section>
<section aria-labelledby="consumers-title">
<h2 id="consumers-title">Consumers</h2>
${consumersTable(view)}
</section>
<section aria-labelledby="lineage-title-heading">
<h2 id="lineage-title-heading">Lineage</h2>
${lineageSection(view)}
</section>
<section aria-labelledby="sources-title">
<h2 id="sources-title">Source files</h2>
${sourcesList(view)}
</section>`;
  return page({ title: `${title} · Data contracts · ${revision.repository}`, root: '../', revision, main });
}

import type { ReviewError } from '../core/review.js';
import type { ContractView } from './contract-view.js';
import { type Html, html } from './html.js';
import { page } from './page.js';
import { type Revision, badge, handle } from './parts.js';
import { SEARCH_SCRIPT } from './search-script.js';
import { plural, shortRev } from '../core/words.js';

export interface IndexInput {
  revision: Revision;
  views: readonly ContractView[];
  /** Contract and settings files that could not be read: their contracts are not in `views`. */
  errors: readonly ReviewError[];
  /** Where contracts are looked for, for the page of a repository with none. */
  contractGlobs: readonly string[];
}

/** The words the search box matches a row by: everything the row shows, and the contract's description. */
function searchText(view: ContractView): string {
  const { contract } = view;
  return [
    contract.id,
    contract.name,
    contract.owner,
    contract.status,
    contract.description,
    contract.asset.type,
    contract.asset.name,
    view.file,
    ...contract.consumers.flatMap((consumer) => [consumer.name, consumer.contact, consumer.channel, consumer.enforcement]),
    view.drift.length > 0 ? 'drift' : '',
  ]
    .filter((word) => word)
    .join(' ')
    .toLowerCase();
}

function findingsCell(view: ContractView): Html {
  const marks = [
    view.drift.length > 0 ? badge('drift', plural(view.drift.length, 'finding')) : '',
    view.problems.length > 0 ? badge('error', `${view.problems.length} not judged`) : '',
  ].filter((mark) => mark);
  return marks.length > 0 ? html`${marks}` : html`<span class="kept">None</span>`;
}

function row(view: ContractView): Html {
  const { contract } = view;
  return html`
<tr data-search="${searchText(view)}">
<th scope="row"><a href="${view.page}">${contract.name ?? contract.id}</a>${contract.name ? html`<span class="sub"><code>${contract.id}</code></span>` : ''}</th>
<td data-label="Owner">${contract.owner ? handle(contract.owner) : html`<span class="muted">none</span>`}</td>
<td data-label="Status">${badge(contract.status)}</td>
<td data-label="Asset">${badge('type', contract.asset.type)} <code>${contract.asset.name}</code></td>
<td data-label="Consumers"><ul class="consumers">${contract.consumers.map((consumer) => html`<li>${badge(consumer.enforcement)} ${consumer.name}</li>`)}</ul></td>
<td data-label="Drift">${findingsCell(view)}</td>
</tr>`;
}

function errorsSection(errors: readonly ReviewError[]): Html {
  if (errors.length === 0) return html``;
  return html`
<section class="callout callout-error" aria-labelledby="errors-title">
<h2 id="errors-title">${plural(errors.length, 'problem')} in contract or settings files</h2>
<p>The contracts in these files are not in the catalogue until the files are fixed.</p>
<ul>${errors.map((error) => html`<li><code class="location">${[error.file, error.line, error.column].filter((part) => part !== undefined).join(':')}</code> ${error.message}</li>`)}</ul>
</section>`;
}

function stats(views: readonly ContractView[]): Html {
  const consumers = views.flatMap((view) => view.contract.consumers);
  const blocking = consumers.filter((consumer) => consumer.enforcement === 'blocking').length;
  const drift = views.reduce((sum, view) => sum + view.drift.length, 0);
  const types = new Set(views.map((view) => view.contract.asset.type));
  return html`
<dl class="stats">
<div><dt>Contracts</dt><dd>${views.length}</dd></div>
<div><dt>Consumers</dt><dd>${consumers.length}</dd><dd class="note">${blocking} blocking</dd></div>
<div${drift > 0 ? html` class="stat-drift"` : ''}><dt>Drift</dt><dd>${drift}</dd><dd class="note">${drift === 1 ? 'finding' : 'findings'}</dd></div>
<div><dt>Asset types</dt><dd>${types.size}</dd><dd class="note">${[...types].sort().join(', ')}</dd></div>
</dl>`;
}

function contractsTable(views: readonly ContractView[], globs: readonly string[]): Html {
  if (views.length === 0) {
    return html`<p class="empty">No contract at this commit. Contracts are read from files matching ${globs.map((glob, index) => html`${index > 0 ? ', ' : ''}<code>${glob}</code>`)}.</p>`;
  }
  return html`
<div class="search" id="search" role="search" hidden>
<label for="filter">Filter contracts</label>
<input type="search" id="filter" placeholder="Name, owner, asset type, consumer…" autocomplete="off" spellcheck="false" aria-describedby="filter-status">
<span id="filter-status" class="muted" aria-live="polite"></span>
</div>
<div class="table-wrap">
<table id="contracts" class="contracts">
<caption>Every contract at this commit</caption>
<thead><tr><th scope="col">Contract</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Asset</th><th scope="col">Consumers</th><th scope="col">Drift</th></tr></thead>
<tbody>${views.map(row)}
</tbody>
</table>
</div>
<p id="no-match" class="empty" hidden>No contract matches the filter.</p>`;
}

export function indexPage(input: IndexInput): string {
  const { revision, views } = input;
  const main = html`
<h1>Data contracts</h1>
<p class="lede">What each data asset of <strong>${revision.repository}</strong> guarantees at <code>${shortRev(revision.sha)}</code>, who relies on it, and where the asset no longer keeps its contract.</p>
${stats(views)}
${errorsSection(input.errors)}
${contractsTable(views, input.contractGlobs)}`;
  return page({ title: `Data contracts · ${revision.repository}`, root: '', revision, main, ...(views.length > 0 ? { script: SEARCH_SCRIPT } : {}) });
}

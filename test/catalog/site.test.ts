import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contractView, type ContractView } from '../../src/catalog/contract-view.js';
import { lineageGraph } from '../../src/catalog/lineage-graph.js';
import { MAX_LABEL, shorten } from '../../src/catalog/lineage-layout.js';
import { buildCatalog, type CatalogSite, pagePaths } from '../../src/catalog/site.js';
import { memorySnapshot } from '../../src/core/memory-snapshot.js';
import { type Survey, surveyCommit } from '../../src/review/survey.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';
import { FILES, INJECTION, WIDE_FIELDS } from './fixtures.js';

const SHA = 'c0ffee0000000000000000000000000000000001';
const REVISION = { repository: 'shop', rev: 'main', sha: SHA };
const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

let survey: Survey;
let site: CatalogSite;
beforeAll(async () => {
  survey = await surveyCommit(memorySnapshot(SHA, FILES), extractors);
  site = buildCatalog({ survey, files: Object.keys(FILES), revision: REVISION });
});

const file = (path: string): string => {
  const text = site.files.get(path);
  if (text === undefined) throw new Error(`the site has no ${path}`);
  return text;
};

/** The index's table row that links to a contract's page. */
function indexRow(id: string): string {
  const rows = file('index.html').split('<tr data-search=').slice(1);
  const row = rows.find((candidate) => candidate.includes(`href="contracts/${id}.html"`));
  if (!row) throw new Error(`no row for ${id}`);
  return row.slice(0, row.indexOf('</tr>'));
}

/** A contract page's schema table row for one field. */
function fieldRow(page: string, field: string): string {
  const rows = file(page).split('<tr').slice(1);
  const row = rows.find((candidate) => candidate.includes(`<th scope="row"><code>${field}</code></th>`));
  if (!row) throw new Error(`no row for ${field} on ${page}`);
  return row.slice(0, row.indexOf('</tr>'));
}

/** The page's content security policy, as the browser reads the attribute. */
function policyOf(page: string): string {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '';
  return policy.replaceAll('&#39;', "'");
}

function viewOf(id: string): ContractView {
  const surveyed = survey.contracts.find((entry) => entry.loaded.contract.id === id)!;
  return contractView(surveyed, `contracts/${id}.html`, Object.keys(FILES));
}

describe('the catalogue of a commit', () => {
  it('writes an index, a stylesheet and one page per readable contract', () => {
    expect([...site.files.keys()].sort()).toEqual(['contracts/ghost.html', 'contracts/shipments.html', 'contracts/wide-metrics.html', 'index.html', 'style.css']);
    expect({ pages: site.pages, contracts: site.contracts, drift: site.drift, brokenFiles: site.brokenFiles }).toEqual({ pages: 4, contracts: 3, drift: 2, brokenFiles: 1 });
  });

  it('counts broken files, not the problems in them', async () => {
    const twoProblems = 'id: twice\nstatus: sometimes\nasset: {type: postgres, name: x, source: db/*.sql}\nfields: [{name: id}]\nconsumers: [{name: A, contact: "@a", enforcement: often}]\n';
    const files = { ...FILES, 'contracts/twice.yaml': twoProblems };
    const broken = await surveyCommit(memorySnapshot(SHA, files), extractors);
    expect(broken.errors.filter((error) => error.file === 'contracts/twice.yaml').length).toBeGreaterThan(1);
    expect(buildCatalog({ survey: broken, files: Object.keys(files), revision: REVISION }).brokenFiles).toBe(2);
  });

  it('lists every contract on the index with its owner, status, asset type, consumers and their enforcement', () => {
    const shipments = indexRow('shipments');
    expect(shipments).toContain('>Shipments</a>');
    expect(shipments).toContain('href="https://github.com/orgs/acme/teams/logistics">@acme/logistics</a>');
    expect(shipments).toContain('<span class="badge badge-active">active</span>');
    expect(shipments).toContain('<span class="badge badge-type">avro</span> <code>com.acme.shipping.Shipment</code>');
    expect(shipments).toContain('<li><span class="badge badge-blocking">blocking</span> Carrier billing</li>');
    expect(shipments).toContain('<li><span class="badge badge-advisory">advisory</span> Ops &lt;b&gt;board&lt;/b&gt;</li>');
    expect(shipments).toContain('<span class="badge badge-drift">2 findings</span>');

    const wide = indexRow('wide-metrics');
    expect(wide).toContain('<span class="badge badge-draft">draft</span>');
    expect(wide).toContain('<li><span class="badge badge-advisory">advisory</span> Everything dashboard</li><li><span class="badge badge-blocking">blocking</span> Alerting</li>');
    expect(wide).toContain('<span class="kept">None</span>');

    const ghost = indexRow('ghost');
    expect(ghost).toContain('<span class="badge badge-deprecated">deprecated</span>');
    expect(ghost).toContain('<span class="muted">none</span>');
    expect(ghost).toContain('1 not judged');
  });

  it('lists on the index the contract files it could not read, with their position', () => {
    expect(file('index.html')).toMatch(/<code class="location">contracts\/broken\.yaml:3:\d+<\/code>/);
  });

  it('orders the index by the contracts\' names, whatever their files', () => {
    const order = [...file('index.html').matchAll(/href="contracts\/([^"]+)\.html"/g)].map((match) => match[1]);
    expect(order).toEqual(['ghost', 'shipments', 'wide-metrics']);
  });

  it('shows a contract\'s schema at the commit beside its guarantees, with drift marked on the field', () => {
    const kept = fieldRow('contracts/shipments.html', 'shipment_id');
    expect(kept).not.toContain('row-drift');
    expect(kept).toContain('<code class="type">long</code>');
    expect(kept).toContain('✓ kept');

    const nullable = fieldRow('contracts/shipments.html', 'carrier');
    expect(nullable).toContain('class="row-drift"');
    expect(nullable).toContain('<span class="chip">nullable</span>');
    expect(nullable).toContain('<span class="chip">required</span>');
    expect(nullable).toContain('<span class="badge badge-drift">drift</span>');
    expect(nullable).toContain('<code class="location">schemas/shipping/shipment.avsc:11</code>');

    const missing = fieldRow('contracts/shipments.html', 'tracking_url');
    expect(missing).toContain('class="row-drift"');
    expect(missing).toContain('not in the asset');

    const other = fieldRow('contracts/shipments.html', 'weight_grams');
    expect(other).toContain('class="row-other"');
    expect(other).toContain('not under contract');

    expect(file('contracts/shipments.html')).toContain('Drift: 2 guarantees broken at <code>c0ffee0</code>');
  });

  it('lists the consumers with their contact, channel, enforcement and the fields they use', () => {
    const page = file('contracts/shipments.html');
    const consumers = page.slice(page.indexOf('<table class="consumers-table">'), page.indexOf('</table>', page.indexOf('<table class="consumers-table">')));
    expect(consumers).toContain('<th scope="row">Carrier billing</th>\n<td><a class="handle" href="https://github.com/orgs/acme/teams/finance">@acme/finance</a></td>\n<td>#billing</td>');
    expect(consumers).toContain('<ul class="uses"><li><code>shipment_id</code></li><li><code>carrier</code></li></ul>');
    expect(file('contracts/wide-metrics.html')).toContain('every field (no <code>uses</code> given)');
  });

  it('says when no file defines the asset', () => {
    const page = file('contracts/ghost.html');
    expect(page).toContain('asset-not-found');
    expect(page).toContain('No file at this commit matches the asset\'s sources.');
  });

  it('is the same, byte for byte, when built again', () => {
    const again = buildCatalog({ survey, files: Object.keys(FILES), revision: REVISION });
    expect([...again.files]).toEqual([...site.files]);
  });
});

describe('what the pages may load and run', () => {
  it('links only to the site\'s own files, by relative paths, or to GitHub', () => {
    for (const [path, text] of site.files) {
      if (!path.endsWith('.html')) continue;
      const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
      for (const [, target] of text.matchAll(/(?:href|src)="([^"]*)"/g)) {
        if (target!.startsWith('https://github.com/') || target!.startsWith('#')) continue;
        const resolved = new URL(target!, `file:///site/${folder}`).pathname.replace('/site/', '');
        expect(`${path} -> ${resolved}`).toBe(`${path} -> ${site.files.has(resolved) ? resolved : 'a file of the site'}`);
      }
    }
  });

  it('runs only the index\'s own inline script, which the page\'s policy allows by its hash', () => {
    const index = file('index.html');
    const scripts = [...index.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(policyOf(index)).toContain(`script-src 'sha256-${hash}';`);
    for (const page of ['contracts/shipments.html', 'contracts/ghost.html']) {
      expect(file(page)).not.toContain('<script');
      expect(policyOf(file(page))).toContain("script-src 'none';");
    }
  });

  it('writes a contract\'s text as text, never as markup', () => {
    const everything = [...site.files.values()].join('\n');
    expect(everything).not.toContain('<script>window.injected');
    expect(everything).not.toContain('<img src=x');
    expect(everything).not.toContain('<b>board');
    expect(file('contracts/shipments.html')).toContain('Every parcel we send. &lt;script&gt;window.injected = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.injected = 2&quot;&gt;');
    expect(INJECTION).toContain('<script>');
  });

  it('keeps a quote in a contract\'s text from closing an attribute', () => {
    const attributes = [...file('index.html').matchAll(/data-search="([^"]*)"/g)].map((match) => match[1]!);
    expect(attributes.find((value) => value.includes('onerror'))).toContain('onerror=&quot;window.injected = 2&quot;');
  });
});

describe('the lineage', () => {
  const describeEdges = (view: ContractView): string[] => lineageGraph(view).edges.map((edge) => `${edge.from} > ${edge.to} ${edge.kind}`);
  const labels = (view: ContractView): string[][] => lineageGraph(view).layers.map((layer) => layer.nodes.map((node) => `${node.label}${node.marks.length > 0 ? ` [${node.marks.join(' ')}]` : ''}`));

  it('draws source files, the asset, its fields under contract and the consumers reading them', () => {
    const view = viewOf('shipments');
    expect(lineageGraph(view).layers.map((layer) => [layer.title, layer.folder])).toEqual([
      ['Source files', 'schemas/shipping/'],
      ['Asset', undefined],
      ['Fields under contract', undefined],
      ['Consumers', undefined],
    ]);
    expect(labels(view)).toEqual([
      ['shipment.avsc'],
      ['com.acme.shipping.Shipment'],
      ['shipment_id', 'carrier [drift]', 'status', 'tracking_url [drift missing]'],
      ['Carrier billing [blocking]', 'Ops <b>board</b> [advisory]'],
    ]);
    expect(describeEdges(view)).toEqual([
      'file-0 > asset source',
      'asset > field-0 field',
      'asset > field-1 field',
      'asset > field-2 field',
      'asset > field-3 field',
      'field-0 > consumer-0 blocking',
      'field-1 > consumer-0 blocking',
      'field-2 > consumer-1 advisory',
      'field-3 > consumer-1 advisory',
    ]);
  });

  it('draws a wide table\'s fields up to a limit, the rest as one node that keeps their edges', () => {
    const graph = lineageGraph(viewOf('wide-metrics'));
    const fields = graph.layers[2]!.nodes;
    expect(fields).toHaveLength(24);
    // The two fields the blocking consumer reads are kept; the rest fill the limit in the contract's order.
    expect(fields.map((node) => node.label)).toEqual([...WIDE_FIELDS.slice(0, 22), 'metric_39', '+17 more fields']);
    const intoAlerting = graph.edges.filter((edge) => graph.layers[3]!.nodes.find((node) => node.id === edge.to)?.label === 'Alerting');
    expect(intoAlerting.map((edge) => fields.find((node) => node.id === edge.from)?.label)).toEqual(['metric_03', 'metric_39']);
    const everything = graph.edges.filter((edge) => graph.layers[3]!.nodes.find((node) => node.id === edge.to)?.label === 'Everything dashboard');
    expect(everything).toHaveLength(24);
    expect(graph.notes).toContain('17 of the 40 fields under contract are drawn as one node (those with drift and those blocking consumers use are drawn first); the table above has them all.');
  });

  it('joins a consumer to the asset itself when the contract names no field', () => {
    const view = viewOf('ghost');
    expect(labels(view)).toEqual([['com.acme.Ghost [absent]'], ['Archive [advisory]']]);
    expect(describeEdges(view)).toEqual(['asset > consumer-0 advisory']);
  });

  it('is drawn as SVG sized to its content, with every label escaped', () => {
    const page = file('contracts/shipments.html');
    const svg = page.slice(page.indexOf('<svg'), page.indexOf('</svg>') + 6);
    expect(svg).toMatch(/^<svg class="lineage" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+(?:\.\d)?)" height="(\d+(?:\.\d)?)" viewBox="0 0 \1 \2"/);
    expect(svg).toContain('<g class="node node-field drift"><title>carrier: string');
    expect(svg).toContain('<g class="node node-consumer advisory"><title>Ops &lt;b&gt;board&lt;/b&gt; (@jane, advisory)</title>');
    expect(svg.match(/<path class="edge edge-blocking"/g)).toHaveLength(2);
    expect(svg.match(/<path class="edge edge-advisory"/g)).toHaveLength(2);
  });
});

describe('labels too long for the picture', () => {
  it('keep a file\'s name and the folders nearest it', () => {
    expect(shorten('db/migrations/2024/quarterly/V2__create_orders.sql', 'file')).toBe('…/quarterly/V2__create_orders.sql');
    const long = shorten('db/V0042__a_very_long_migration_name_for_orders.sql', 'file');
    expect(long).toBe('…ong_migration_name_for_orders.sql');
    expect([...long]).toHaveLength(MAX_LABEL);
  });

  it('keep the start of any other label', () => {
    expect(shorten('Finance dashboards and the quarterly close of the books', 'consumer')).toBe('Finance dashboards and the quarte…');
    expect(shorten('short', 'field')).toBe('short');
  });
});

describe('page names', () => {
  it('are the contract ids, made unique where a file system ignores case', () => {
    expect(pagePaths(['orders', 'Orders', 'orders-2', 'ORDERS'])).toEqual(['contracts/orders.html', 'contracts/Orders-2.html', 'contracts/orders-2-2.html', 'contracts/ORDERS-3.html']);
  });
});

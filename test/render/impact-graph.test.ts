import { describe, expect, it } from '@jest/globals';
import { impactGraph, MAX_DRAWN_FINDINGS, mermaidText } from '../../src/render/impact-graph.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { churn, contractSummary, crm, finance, finding, mixedReview, review } from './fixtures.js';

/** The graph's edges with each end's label, as `from -> to` (`==>` for a blocking consumer), labels decoded. */
function edgesOf(graph: string): string[] {
  const labels = new Map<string, string>();
  for (const match of graph.matchAll(/^ {2}(n\d+)[[({]+"(.*)"[\])}]+$/gm)) labels.set(match[1]!, decoded(match[2]!));
  return [...graph.matchAll(/^ {2}(n\d+) (-->|==>)(?:\|"(.*)"\|)? (n\d+)$/gm)].map(
    ([, from, arrow, label, to]) => `${labels.get(from!)} ${arrow}${label ? ` [${decoded(label)}]` : ''} ${labels.get(to!)}`,
  );
}

const decoded = (text: string) => text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

const blocking = () =>
  review({
    conclusion: 'failure',
    findings: [
      finding(),
      finding({ rule: 'field-made-nullable', field: 'status', severity: 'advisory', consumers: [churn] }),
      finding({ rule: 'field-added', field: 'coupon', severity: 'info', consumers: [] }),
    ],
  });

describe('the impact graph', () => {
  it('draws the changed file, the asset, the contract and the consumers a blocking or advisory finding reaches', () => {
    expect(edgesOf(impactGraph(blocking())!)).toEqual([
      'db/migrations/002_drop_amount.sql --> [field-removed amount, field-made-nullable status] public.orders · postgres',
      'public.orders · postgres --> contract orders',
      'contract orders ==> ⛔ Finance dashboards · @acme/analytics · blocking',
      'contract orders --> Churn model · @jane · advisory',
    ]);
  });

  it('marks blocking consumers and advisory ones with their own styles', () => {
    const graph = impactGraph(blocking())!;
    const idOf = (label: string) => graph.match(new RegExp(`^ {2}(n\\d+)\\(\\["${label}`, 'm'))![1];
    expect(graph).toContain(`  class ${idOf('⛔ Finance dashboards')} blocking`);
    expect(graph).toContain(`  class ${idOf('Churn model')} advisory`);
    expect(graph).toMatch(/classDef blocking stroke:#d1242f/);
  });

  it('is left out when nothing blocks: advisory findings alone, or blocking ones all accepted', () => {
    const advisory = review({ conclusion: 'neutral', findings: [finding({ severity: 'advisory', consumers: [churn] })] });
    expect(impactGraph(advisory)).toBeUndefined();
    const accepted = review({ findings: [finding({ accepted: [{ contact: '@acme/analytics', by: 'ana' }] })] });
    expect(impactGraph(accepted)).toBeUndefined();
    expect(renderMarkdown(advisory)).not.toContain('```mermaid');
  });

  it('draws a change to the contract file straight to the contract', () => {
    const graph = impactGraph(review({ findings: [finding({ rule: 'contract-field-removed', file: 'contracts/orders.yaml', line: 9, consumers: [crm] })] }))!;
    expect(edgesOf(graph)).toEqual([
      'contracts/orders.yaml --> [contract-field-removed amount] contract orders',
      'contract orders ==> ⛔ CRM sync · @acme/crm · blocking',
    ]);
  });

  it('starts at the asset for a finding without a file', () => {
    const graph = impactGraph(review({ findings: [finding({ rule: 'asset-removed', field: undefined, file: undefined, line: undefined })] }))!;
    expect(edgesOf(graph)).toEqual(['public.orders · postgres --> contract orders', 'contract orders ==> ⛔ Finance dashboards · @acme/analytics · blocking']);
  });

  it('keeps names from contracts from ending a label or the code block', () => {
    const sneaky = { ...finance, name: 'Ops "]) --> x\n```\n<b>#1</b> | `tick`' };
    const graph = impactGraph(review({ findings: [finding({ consumers: [sneaky] })] }))!;
    expect(graph.split('\n').filter((line) => line.startsWith('```'))).toEqual(['```mermaid', '```']);
    const line = graph.split('\n').find((candidate) => candidate.includes('Ops'))!;
    expect(line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'))).not.toMatch(/["[\]|<>`()]/);
    expect(edgesOf(graph)).toContain(`contract orders ==> ⛔ ${sneaky.name} · @acme/analytics · blocking`);
  });

  it('escapes every character Mermaid or Markdown could read as syntax, and nothing a plain name holds', () => {
    expect(mermaidText('db/migrations/V5__checkout-cleanup.sql · @acme/crm')).toBe('db/migrations/V5__checkout-cleanup.sql · @acme/crm');
    expect(mermaidText('a"b[c]{d}|e`f#g<h>i;j')).toBe('a#34;b#91;c#93;#123;d#125;#124;e#96;f#35;g#60;h#62;i#59;j');
  });

  it('draws at most a readable number of findings and counts the rest', () => {
    const findings = Array.from({ length: MAX_DRAWN_FINDINGS + 5 }, (_, index) => finding({ field: `column_${index}`, file: `db/${index}.sql` }));
    const graph = impactGraph(review({ findings }))!;
    expect(graph.match(/^ {2}n\d+\["db\//gm)).toHaveLength(MAX_DRAWN_FINDINGS);
    expect(graph.endsWith('5 more findings not drawn.')).toBe(true);
  });

  it('sits at the top of the comment, and is the first thing left out when the comment is too long', () => {
    const whole = renderMarkdown(mixedReview());
    expect(whole.indexOf('### Impact')).toBeGreaterThan(0);
    expect(whole.indexOf('### Impact')).toBeLessThan(whole.indexOf('### Orders'));
    const tight = renderMarkdown(mixedReview(), { maxLength: whole.length - 1 });
    expect(tight).not.toContain('```mermaid');
    expect(tight).toContain('`field-removed`');
  });

  it('draws what blocks first, so advisory findings past the limit never crowd it out', () => {
    const advisory = Array.from({ length: MAX_DRAWN_FINDINGS + 1 }, (_, index) =>
      finding({ severity: 'advisory', field: `column_${index}`, file: `db/${index}.sql`, consumers: [churn] }),
    );
    const graph = impactGraph(review({ findings: [...advisory, finding({ file: 'db/drop.sql' })] }))!;
    expect(edgesOf(graph)).toContain('db/drop.sql --> [field-removed amount] public.orders · postgres');
    expect(graph.endsWith('2 more findings not drawn.')).toBe(true);
  });

  it('draws a consumer whose approval accepted the break without the mark of what blocks', () => {
    const accepted = finding({ field: 'status', consumers: [crm], accepted: [{ contact: '@acme/crm', by: 'carl' }] });
    const graph = impactGraph(review({ findings: [finding(), accepted] }))!;
    expect(edgesOf(graph)).toEqual([
      'db/migrations/002_drop_amount.sql --> [field-removed amount, field-removed status] public.orders · postgres',
      'public.orders · postgres --> contract orders',
      'contract orders ==> ⛔ Finance dashboards · @acme/analytics · blocking',
      'contract orders --> CRM sync · @acme/crm · blocking',
    ]);
    const crmNode = graph.match(/^ {2}(n\d+)\(\["CRM sync/m)![1];
    expect(graph).toContain(`  class ${crmNode} accepted`);
  });

  it('names each consumer once per contract however many findings reach it', () => {
    const graph = impactGraph(
      review({ contracts: [contractSummary('orders')], findings: [finding(), finding({ field: 'status' }), finding({ field: 'note' })] }),
    )!;
    expect(graph.match(/Finance dashboards/g)).toHaveLength(1);
  });
});

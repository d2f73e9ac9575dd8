import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { impactGraph } from '../../src/render/impact-graph.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { describeInChromium, launchChromium } from '../support/chromium.js';
import { churn, finance, finding, review } from './fixtures.js';

/** Mermaid itself (what GitHub draws ```mermaid blocks with), from node_modules: no script from a CDN. */
const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** The Mermaid source of the comment's impact block, as GitHub would take it from the fenced block. */
function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!match) throw new Error('no mermaid block in the comment');
  return match[1]!;
}

describeInChromium('the impact graph drawn by Mermaid in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);
  afterAll(() => browser?.close());

  /** Mermaid's drawing of the source, shown on the page, with every node and edge label; or Mermaid's error. */
  async function draw(source: string): Promise<{ labels: string[]; error?: string }> {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: MERMAID });
    const drawn = await page.evaluate(async (text) => {
      const { mermaid } = globalThis as unknown as { mermaid: { initialize(options: object): void; render(id: string, text: string): Promise<{ svg: string }> } };
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      try {
        return { svg: (await mermaid.render('impact', text)).svg };
      } catch (error) {
        return { error: String(error) };
      }
    }, source);
    if (drawn.error !== undefined) return { labels: [], error: drawn.error };
    await page.setContent(`<!doctype html><html><body>${drawn.svg}</body></html>`);
    const labels = await page.locator('.nodeLabel, .edgeLabel').allTextContents();
    return { labels: labels.map((label) => label.trim()).filter(Boolean) };
  }

  it('draws the comment of a blocking review: every node and edge label as written', async () => {
    const blocking = review({
      conclusion: 'failure',
      findings: [finding(), finding({ rule: 'field-made-nullable', field: 'status', severity: 'advisory', consumers: [churn] })],
    });
    const { labels, error } = await draw(mermaidBlock(renderMarkdown(blocking)));
    expect(error).toBeUndefined();
    expect(labels).toEqual(
      expect.arrayContaining([
        'db/migrations/002_drop_amount.sql',
        'public.orders · postgres',
        'contract orders',
        '⛔ Finance dashboards · @acme/analytics · blocking',
        'Churn model · @jane · advisory',
        'field-removed amount, field-made-nullable status',
      ]),
    );
  }, 30_000);

  it('shows names with Mermaid and Markdown syntax in them as text', async () => {
    const name = 'Ops "]) --> x | `tick` <b>#1</b>;';
    const { labels, error } = await draw(impactGraph(review({ findings: [finding({ consumers: [{ ...finance, name }] })] }))!.split('\n').slice(1, -1).join('\n'));
    expect(error).toBeUndefined();
    expect(labels).toContain(`⛔ ${name} · @acme/analytics · blocking`);
  }, 30_000);
});

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
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: MERMAID });
  }, 60_000);
  afterAll(() => browser?.close());

  async function draw(source: string): Promise<{ labels: string[]; error?: string }> {
    return page.evaluate(async (text) => {
      const { mermaid } = window as unknown as { mermaid: { initialize(options: object): void; render(id: string, text: string): Promise<{ svg: string }> } };
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      try {
        const { svg } = await mermaid.render(`impact${Date.now()}`, text);
        const drawn = new DOMParser().parseFromString(svg, 'image/svg+xml');
        return { labels: [...drawn.querySelectorAll('.nodeLabel, .edgeLabel')].map((label) => label.textContent?.trim() ?? '').filter(Boolean) };
      } catch (error) {
        return { labels: [], error: String(error) };
      }
    }, source);
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

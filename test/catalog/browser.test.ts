import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { describeInChromium, launchChromium } from '../support/chromium.js';
import { dcr } from '../support/dcr.js';
import { exampleFiles } from '../support/example-files.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../git/temp-repo.js';
import { FILES, INJECTION } from './fixtures.js';

const SCREENSHOT = fileURLToPath(new URL('../../test-output/catalog/orders.png', import.meta.url));
const EXAMPLE_CONTRACTS = ['Customers', 'Loyalty accounts', 'Order Placed (product analytics)', 'OrderPlaced events', 'Orders'];

describeInChromium('the catalogue in headless Chromium', () => {
  let repo: TempRepo;
  let hostile: TempRepo;
  let scratch: string;
  let site: string;
  let hostileSite: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    repo = await createTempRepo();
    await repo.commit(await exampleFiles('main'), 'Shop database and its data contracts');
    scratch = await makeTempDir();
    site = join(scratch, 'catalogue');
    hostile = await createTempRepo();
    await hostile.commit(FILES);
    hostileSite = join(scratch, 'hostile');
    for (const [dir, out] of [[repo.dir, site], [hostile.dir, hostileSite]] as const) {
      const built = await dcr('catalog', '--repo', dir, '--out', out);
      if (built.code !== 0) throw new Error(`dcr catalog exited ${built.code}: ${built.stderr}`);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await repo?.remove();
    await hostile?.remove();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const openIndex = (): Promise<unknown> => page.goto(pathToFileURL(join(site, 'index.html')).href);
  const visibleContracts = (): Promise<string[]> => page.locator('#contracts tbody tr:visible th a').allTextContents();

  it('lists the five contracts of the example on the index', async () => {
    await openIndex();
    await expect(page.locator('h1').textContent()).resolves.toBe('Data contracts');
    expect(await visibleContracts()).toEqual(EXAMPLE_CONTRACTS);
    const orders = page.locator('#contracts tbody tr', { hasText: 'public.orders' });
    await expect(orders.locator('td').allInnerTexts()).resolves.toEqual([
      '@acme/checkout',
      'active',
      'postgres public.orders',
      'blocking Finance dashboards\nadvisory Churn model',
      'None',
    ]);
  });

  it('filters the index as one types in the search box', async () => {
    await openIndex();
    const search = page.getByLabel('Filter contracts');
    await search.fill('prisma');
    expect(await visibleContracts()).toEqual(['Loyalty accounts']);
    await expect(page.locator('#filter-status').textContent()).resolves.toBe('1 of 5 contracts');
    await search.fill('checkout blocking');
    expect(await visibleContracts()).toEqual(['Order Placed (product analytics)', 'OrderPlaced events', 'Orders']);
    await search.fill('no such contract');
    expect(await visibleContracts()).toEqual([]);
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(true);
    await search.fill('');
    expect(await visibleContracts()).toEqual(EXAMPLE_CONTRACTS);
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(false);
  });

  it('opens a contract\'s page with its fields, their guarantees, its consumers and its lineage', async () => {
    await openIndex();
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Orders');
    const fields = await page.locator('table.schema tbody tr th[scope="row"]').allTextContents();
    expect(fields).toEqual(['id', 'customer_id', 'status', 'amount', 'currency', 'placed_at', 'note']);
    const amount = page.locator('table.schema tr', { has: page.locator('th', { hasText: /^amount$/ }) });
    await expect(amount.locator('td').first().innerText()).resolves.toContain('numeric(12,2)');
    await expect(amount.locator('td').last().innerText()).resolves.toContain('kept');
    const consumerRows = page.locator('table.consumers-table tbody tr');
    const consumers = await Promise.all((await consumerRows.all()).map((row) => row.locator('th, td').allInnerTexts()));
    expect(consumers).toEqual([
      ['Finance dashboards', '@acme/analytics', '#finance-data', 'blocking', 'id\ncustomer_id\nstatus\namount\ncurrency\nplaced_at'],
      ['Churn model', '@jane', '#ml-churn', 'advisory', 'customer_id\nstatus\nplaced_at'],
    ]);
    const lineage = page.getByRole('img', { name: 'Lineage of public.orders' });
    await expect(lineage.isVisible()).resolves.toBe(true);
    await expect(lineage.locator('.node-consumer text').allTextContents()).resolves.toEqual(['Finance dashboards', 'Churn model']);
    await expect(lineage.locator('.edge-blocking').count()).resolves.toBe(6);
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows markup in a contract\'s text as text, and runs none of it', async () => {
    await page.goto(pathToFileURL(join(hostileSite, 'contracts', 'shipments.html')).href);
    await expect(page.locator('.lede').textContent()).resolves.toBe(`Every parcel we send. ${INJECTION}`);
    await expect(page.evaluate('window.injected')).resolves.toBeUndefined();
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
  });

  it('logs no error or warning to the console, and loads everything it asks for', () => {
    expect(problems).toEqual([]);
  });
});

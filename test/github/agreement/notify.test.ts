import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { Finding, Review } from '../../../src/core/review.js';
import { MERGE_MARKER, mergeNotice, sendToWebhook } from '../../../src/github/agreement/notify.js';

const FINANCE = { name: 'Finance', contact: '@acme/analytics', enforcement: 'blocking' as const };
const WAREHOUSE = { name: 'Warehouse', contact: '@acme/wms', enforcement: 'blocking' as const };

function review(findings: Finding[], override?: Review['override']): Review {
  return {
    conclusion: 'success',
    base: 'b',
    head: 'h',
    contracts: [{ id: 'orders', file: 'contracts/orders.yaml', status: 'active', asset: { type: 'postgres', name: 'public.orders' }, consumers: [FINANCE, WAREHOUSE], evaluated: true }],
    findings,
    errors: [],
    notes: [],
    ...(override ? { override } : {}),
  };
}

const PULL = { number: 7, url: 'https://github.com/acme/shop/pull/7' };
const link = (file: string) => `https://github.com/acme/shop/blob/main/${file}`;
const accepted: Finding = {
  contract: 'orders',
  rule: 'field-renamed',
  severity: 'blocking',
  field: 'amount',
  consumers: [FINANCE],
  message: 'renamed',
  accepted: [{ contact: '@acme/analytics', by: 'maria' }],
};

describe('the merge notice', () => {
  it('is nothing when the pull request landed nothing consumers need to hear about', () => {
    const unaccepted = { ...accepted, accepted: undefined } as Finding;
    expect(mergeNotice(review([unaccepted]), PULL, link)).toBeUndefined();
    expect(mergeNotice(review([], { by: 'intern', at: '2026-11-29T10:00:00Z', allowed: false }), PULL, link)).toBeUndefined();
  });

  it('names the accepted breaks, the contract changes and the override, and mentions the consumers concerned', () => {
    const change: Finding = { contract: 'orders', rule: 'contract-field-added', severity: 'blocking', field: 'note', consumers: [], message: 'added', approvers: ['@acme/checkout'] };
    const notice = mergeNotice(review([accepted, change]), PULL, link)!;
    expect(notice.markdown).toBe(
      [
        MERGE_MARKER,
        '### Data contracts: pull request #7 was merged',
        '',
        'Breaks accepted by their consumers:',
        '- [orders](https://github.com/acme/shop/blob/main/contracts/orders.yaml): `field-renamed` on `amount` (accepted by @acme/analytics through @maria)',
        'Contract changes:',
        '- [orders](https://github.com/acme/shop/blob/main/contracts/orders.yaml): `contract-field-added` on `note`',
        '',
        'cc @acme/analytics @acme/checkout @acme/wms',
      ].join('\n'),
    );
    expect(notice.text.split('\n')[0]).toBe('Data contracts: pull request #7 was merged (https://github.com/acme/shop/pull/7)');
    const overridden = mergeNotice(review([{ ...accepted, accepted: undefined } as Finding], { by: 'root', at: '2026-11-29T10:00:00Z', allowed: true }), PULL, link)!;
    expect(overridden.markdown).toContain('The data-contracts check was overridden by @root on 2026-11-29T10:00:00Z.');
    expect(overridden.markdown).toContain('cc @acme/analytics');
  });
});

describe('the notice webhook', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function webhook(statuses: number[]): Promise<{ url: string; bodies: unknown[] }> {
    const bodies: unknown[] = [];
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(text));
        response.writeHead(statuses[Math.min(bodies.length - 1, statuses.length - 1)]!).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
  }

  const notice = { markdown: 'md', text: 'merged' };
  const log = pino({ level: 'silent' });

  it('sends the text once when the webhook takes it', async () => {
    const { url, bodies } = await webhook([200]);
    expect(await sendToWebhook(url, notice, log, 1)).toBe(true);
    expect(bodies).toEqual([{ text: 'merged' }]);
  });

  it('tries a failing webhook three times, then gives up without throwing', async () => {
    const { url, bodies } = await webhook([500]);
    expect(await sendToWebhook(url, notice, log, 1)).toBe(false);
    expect(bodies).toHaveLength(3);
  });

  it('does not repeat a message the webhook refuses', async () => {
    const { url, bodies } = await webhook([400]);
    expect(await sendToWebhook(url, notice, log, 1)).toBe(false);
    expect(bodies).toHaveLength(1);
  });

  it('gives up on a webhook that does not answer', async () => {
    expect(await sendToWebhook('http://127.0.0.1:9/hook', notice, log, 1)).toBe(false);
  });
});

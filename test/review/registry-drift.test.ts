import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfluentRegistry } from '../../src/registry/client.js';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import type { Finding } from '../../src/core/review.js';
import { testExtractors } from '../support/extractors.js';
import { type FakeRegistry, startFakeRegistry } from '../support/fake-registry.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
afterAll(() => replayer.close());

let registry: FakeRegistry;
beforeEach(async () => {
  registry = await startFakeRegistry();
  registry.register('orders-value', { schemaType: 'AVRO', schema: order([]) });
});
afterEach(() => registry.close());

const CONTRACT = `id: orders
asset:
  type: avro
  name: com.acme.Order
  source: schemas/*.avsc
  registry:
    subject: orders-value
fields:
  - name: id
    type: long
consumers:
  - name: Finance dashboards
    contact: "@acme/analytics"
    enforcement: blocking
`;

/** The order record with `id` and the fields given (each as JSON), `doc` when given. */
function order(fields: string[], doc?: string): string {
  const all = ['{ "name": "id", "type": "long" }', ...fields].join(', ');
  return `{ "type": "record", "name": "Order", "namespace": "com.acme",${doc ? ` "doc": "${doc}",` : ''} "fields": [${all}] }`;
}

const CURRENCY = '{ "name": "currency", "type": "string" }';
const CHANNEL = '{ "name": "channel", "type": "string" }';

async function review(base: FileMap, head: FileMap) {
  const extractors = testExtractors(replayer, new ConfluentRegistry({ url: registry.url, retryDelayMs: 5 }));
  const result = await reviewChange(memoryChange({ 'contracts/orders.yaml': CONTRACT, ...base }, { 'contracts/orders.yaml': CONTRACT, ...head }), extractors);
  expect(result.errors).toEqual([]);
  return result;
}

const registryFindings = (findings: Finding[]) => findings.filter((finding) => finding.rule.startsWith('registry-'));

describe('the registry check against a base the registry already refuses', () => {
  // The base added `currency` without a default: the registry's BACKWARD level refuses it against version 1.
  const base = { 'schemas/order.avsc': order([CURRENCY]) };

  it('is drift when the head is refused for the same reasons: a PR editing a doc string is not blocked', async () => {
    const { findings, conclusion } = await review(base, { 'schemas/order.avsc': order([CURRENCY], 'Orders placed.') });
    expect(registryFindings(findings)).toEqual([
      expect.objectContaining({
        rule: 'registry-incompatible',
        severity: 'drift',
        message: expect.stringMatching(/'currency'.* It refuses the base schema for the same reasons, so the change did not introduce this\.$/),
      }),
    ]);
    expect(conclusion).toBe('success');
  });

  it('blocks when the head is refused for a reason of its own, quoting only that reason', async () => {
    const { findings, conclusion } = await review(base, { 'schemas/order.avsc': order([CHANNEL, CURRENCY]) });
    const [finding] = registryFindings(findings);
    expect(finding).toMatchObject({ rule: 'registry-incompatible', severity: 'blocking' });
    expect(finding?.message).toContain("'channel'");
    expect(finding?.message).not.toContain("'currency'");
    expect(finding?.message).toMatch(/The base schema was already refused, but not for these reasons\.$/);
    expect(conclusion).toBe('failure');
  });

  it('asks about the base only when the head is refused', async () => {
    await review(base, { 'schemas/order.avsc': order([]) });
    expect(registry.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});

describe('the registry check on a schema the change creates', () => {
  it('still runs, so a schema the registry refuses is never passed in silence', async () => {
    const { findings, conclusion } = await review({}, { 'schemas/order.avsc': order([CURRENCY]) });
    expect(registryFindings(findings)).toEqual([expect.objectContaining({ rule: 'registry-incompatible', severity: 'blocking' })]);
    expect(conclusion).toBe('failure');
  });
});

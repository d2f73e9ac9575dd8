import { describe, expect, it } from '@jest/globals';
import { agreed, claimed, compare, findingsOf, migrationsOf, ORDERS_CONTRACT, review, SERVER_URL, ways, type Way } from './support.js';

const WAYS = ways();
const CONTRACT = { 'contracts/orders.yaml': ORDERS_CONTRACT };
const BASE = migrationsOf('base');

/** Each fixture's change to the orders table, and the findings it must make (at its file and line), either way. */
const CASES: [string, string[]][] = [
  ['field-removed', ['field-removed blocking db/migrations/V2__drop_note.sql:2']],
  ['field-renamed', ['field-renamed blocking db/migrations/V2__rename_amount.sql:2']],
  ['field-renamed-by-change', ['field-renamed blocking db/migrations/V2__rename_amount.sql:2']],
  ['type-family-changed', ['field-type-changed blocking db/migrations/V2__amount_in_cents.sql:2']],
  ['type-widened', ['field-type-widened info db/migrations/V2__longer_email.sql:2', 'field-type-widened info db/migrations/V2__longer_email.sql:2']],
  ['type-narrowed', ['field-type-narrowed blocking db/migrations/V2__shorter_email.sql:2']],
  ['unsigned-narrowed', ['field-type-narrowed blocking db/migrations/V2__unsigned_quantity.sql:2']],
  ['same-type-respelt', []],
  ['made-nullable', ['field-made-nullable blocking db/migrations/V2__optional_amount.sql:2']],
  ['enum-value-removed', ['enum-value-removed blocking db/migrations/V2__no_shipped.sql:2']],
  ['enum-value-added', ['enum-value-added blocking db/migrations/V2__refunds.sql:2']],
  ['primary-key-removed', ['primary-key-removed blocking db/migrations/V2__drop_primary_key.sql:2']],
  ['unique-removed', ['unique-removed blocking db/migrations/V2__shared_emails.sql:2']],
  ['default-changed', ['field-default-changed info db/migrations/V2__two_by_default.sql:2']],
  ['asset-removed', ['asset-removed blocking db/migrations/V2__drop_orders.sql:2']],
  ['asset-renamed', ['asset-renamed blocking db/migrations/V2__purchases.sql:2']],
];

describe.each(WAYS)('a change to a contracted MySQL table, read the $name way', ({ reader }) => {
  it.each(CASES)('%s', async (folder, expected) => {
    const result = await review(reader, { ...CONTRACT, ...BASE }, { ...CONTRACT, ...BASE, ...migrationsOf(folder) });
    expect(result.errors).toEqual([]);
    expect(findingsOf(result).sort()).toEqual([...expected].sort());
  });
});

(SERVER_URL ? describe : describe.skip)('the two ways', () => {
  it.each(CASES.map(([folder]) => [folder]))('agree on %s, which the parsed way claims to know exactly', async (folder) => {
    const [parsed, exact] = WAYS as [Way, Way];
    const head = { ...BASE, ...migrationsOf(folder) };
    const [fromParser, fromServer] = await Promise.all([compare(parsed.reader, BASE, head), compare(exact.reader, BASE, head)]);
    expect(claimed(fromParser.base) && claimed(fromParser.head)).toBe(true);
    expect(agreed(fromParser)).toEqual(agreed(fromServer));
  });
});

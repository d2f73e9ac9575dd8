import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import { brief, reviewer, sqliteContract } from './support.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const INIT = 'migrations/0001_init.sql';
const CHANGE = 'migrations/0002_change.sql';
const { review, close } = reviewer();
afterAll(() => close());

/** The shared first migration at the base; at the head, the case's migration after it. */
async function reviewCase(name: string, fields: string, table = 'orders') {
  const contract = sqliteContract('orders', table, fields);
  const base: FileMap = { ...contract, [INIT]: fixture('0001_init.sql') };
  return review(base, { ...base, [CHANGE]: fixture(`${name}.sql`) });
}

describe('each change to a contracted SQLite table, replayed and reviewed', () => {
  it.each([
    ['column-removed', '  - name: note\n', [`field-removed blocking ${CHANGE}:2`]],
    ['column-renamed', '  - name: email\n    required: true\n', [`field-renamed blocking ${CHANGE}:1`]],
    ['type-changed-family', '  - name: total\n    type: number\n', [`field-type-changed blocking ${CHANGE}:3`]],
    ['type-widened', '  - name: total\n    type: number\n', [`field-type-widened info ${CHANGE}:3`]],
    ['type-narrowed', '  - name: discount\n    type: number\n', [`field-type-narrowed blocking ${CHANGE}:3`]],
    ['made-nullable', '  - name: email\n    required: true\n', [`field-made-nullable blocking ${CHANGE}:3`]],
    ['enum-value-removed', '  - name: status\n    enum: [placed, shipped, returned]\n', [`enum-value-removed blocking ${CHANGE}:3`]],
    ['enum-value-added', '  - name: status\n    enum: [placed, shipped, returned]\n', [`enum-value-added blocking ${CHANGE}:3`]],
    ['primary-key-removed', '  - name: id\n    primaryKey: true\n', [`primary-key-removed blocking ${CHANGE}:3`]],
    ['unique-removed', '  - name: email\n    unique: true\n', [`unique-removed blocking ${CHANGE}:2`]],
    ['default-changed', '  - name: status\n', [`field-default-changed info ${CHANGE}:3`]],
    ['table-removed', '  - name: id\n', [`asset-removed blocking ${CHANGE}:1`]],
    ['table-renamed', '  - name: id\n', [`asset-renamed blocking ${CHANGE}:2`]],
  ])('%s', async (name, fields, expected) => {
    const result = await reviewCase(name, fields);
    expect(result.errors).toEqual([]);
    expect(brief(result.findings.filter((finding) => finding.consumers.length > 0))).toEqual(expected);
    expect(result.conclusion).toBe(expected.some((line) => line.includes('blocking')) ? 'failure' : 'success');
  });

  it('makes no finding for a rebuild into spellings of the same affinities (VARCHAR(64) to TEXT, INT to BIGINT, DATETIME to TIMESTAMP)', async () => {
    const fields = '  - name: email\n    type: varchar(64)\n  - name: quantity\n    type: integer\n  - name: total\n    type: number\n  - name: created_at\n    type: timestamp\n';
    const result = await reviewCase('equivalent-spellings', fields);
    expect(result.findings).toEqual([]);
    expect(result.conclusion).toBe('success');
  });

  it('finds only the added column in a Prisma-style table rebuild that keeps every other column', async () => {
    const result = await reviewCase('rebuild-adds-column', '  - name: email\n    required: true\n    unique: true\n  - name: status\n    enum: [placed, shipped, returned]\n');
    expect(result.findings.map(({ rule, field, severity, line }) => `${rule} ${field} ${severity} ${line}`)).toEqual(['field-added currency info 3']);
  });

  it('judges a contract whose name differs from the table only in case: SQLite finds the table all the same', async () => {
    const result = await reviewCase('column-removed', '  - name: note\n', 'MAIN.Orders');
    expect(brief(result.findings)).toEqual([`field-removed blocking ${CHANGE}:2`]);
  });

  it('gives the drift of a base that already breaks the contract at the contract, and the change at its statement', async () => {
    const result = await reviewCase('column-removed', '  - name: total\n    type: integer\n');
    expect(brief(result.findings)).toEqual(['field-type-mismatch drift contracts/orders.yaml:7', `field-removed info ${CHANGE}:2`]);
  });
});

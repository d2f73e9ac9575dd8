import { afterAll, describe, expect, it } from '@jest/globals';
import { PostgresExtractor } from '../../src/assets/postgres/extractor.js';
import { type FileMap, memoryChange } from '../../src/review/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import { RULES } from '../../src/rules/catalogue.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = { postgres: new PostgresExtractor(replayer) };
afterAll(() => replayer.close());

function commit(contract: string, migrations: readonly string[]): FileMap {
  const files: FileMap = {
    'contracts/orders.yaml': `id: orders\nasset:\n  type: postgres\n  name: public.orders\n  source: db/migrations/*.sql\n${contract}`,
  };
  migrations.forEach((sql, index) => {
    files[`db/migrations/V${index + 1}__step.sql`] = sql;
  });
  return files;
}

/** Each rule's documented example, replayed in the embedded Postgres: the catalogue is proven, not just written. */
describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it(`fires on its example with severity ${rule.example.expect}`, async () => {
    const change = memoryChange(commit(rule.example.contract, rule.example.before), commit(rule.example.contract, rule.example.after));
    const review = await reviewChange(change, extractors);
    expect(review.errors).toEqual([]);
    const finding = review.findings.find((candidate) => candidate.rule === id);
    expect(finding).toMatchObject({ rule: id, severity: rule.example.expect, contract: 'orders' });
    expect(finding?.file).toBeDefined();
  });
});

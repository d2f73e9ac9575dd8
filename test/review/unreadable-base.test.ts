import { afterAll, describe, expect, it } from '@jest/globals';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import type { Finding } from '../../src/core/review.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const CONSUMERS = 'consumers:\n  - name: Warehouse picking\n    contact: "@acme/fulfilment"\n    enforcement: blocking\n';

function contract(id: string, mode: string): string {
  return `id: ${id}\nasset:\n  type: avro\n  name: com.acme.OrderPlaced\n  source: schemas/*.avsc\n  compatibility: ${mode}\nfields:\n  - name: order_id\n    type: long\n${CONSUMERS}`;
}

function order(...extra: string[]): string {
  const fields = ['{ "name": "order_id", "type": "long" }', ...extra].map((field) => `    ${field}`).join(',\n');
  return `{\n  "type": "record", "name": "OrderPlaced", "namespace": "com.acme",\n  "fields": [\n${fields}\n  ]\n}\n`;
}

const COUPON = '{ "name": "coupon", "type": "string" }';
const rulesOf = (findings: Finding[]) => findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.field ?? ''}`.trim());

async function review(base: FileMap, head: FileMap) {
  const result = await reviewChange(memoryChange(base, head), extractors);
  expect(result.errors).toEqual([]);
  return result;
}

describe('a base whose schema files cannot all be read', () => {
  it('is read without the file that stops it, so the compatibility check still catches a field the change deletes', async () => {
    const settings = { '.github/data-contracts.yml': 'schemas:\n  maxBytes: 1000\n' };
    const common = { ...settings, 'contracts/order-placed.yaml': contract('order-placed', 'FORWARD') };
    const huge = `{ "type": "record", "name": "Archive", "doc": "${'x'.repeat(2000)}", "fields": [] }`;
    const { findings, conclusion } = await review(
      { ...common, 'schemas/archive.avsc': huge, 'schemas/order-placed.avsc': order(COUPON) },
      { ...common, 'schemas/order-placed.avsc': order() },
    );
    expect(rulesOf(findings)).toEqual(['schema-invalid drift', 'field-removed info coupon', 'avro-field-missing-default blocking coupon']);
    expect(findings[0]).toMatchObject({ file: 'schemas/archive.avsc', consumers: [] });
    expect(findings[0]?.message).toMatch(/^Part of the definition of record com\.acme\.OrderPlaced could not be built at the base commit \(went over a limit: .*\); the base is read without it\.$/);
    expect(conclusion).toBe('failure');
  });

  it('fails the compatibility check it cannot make, rather than skip it, when the asset itself cannot be read', async () => {
    const common = { 'contracts/order-placed.yaml': contract('order-placed', 'FULL') };
    const { findings, conclusion } = await review(
      { ...common, 'schemas/order-placed.avsc': order(COUPON.replace('"string"', '"strnig"')) },
      { ...common, 'schemas/order-placed.avsc': order() },
    );
    expect(rulesOf(findings)).toEqual(['schema-invalid drift', 'compatibility-unchecked error']);
    expect(findings[1]).toMatchObject({ file: 'contracts/order-placed.yaml', line: 6, consumers: [] });
    expect(findings[1]?.message).toBe(
      'FULL could not be checked: the base version of the schema cannot be read (schemas/order-placed.avsc:5: unknown type name com.acme.strnig), so nothing says whether the consumers of either version can read the other\'s data.',
    );
    expect(conclusion).toBe('failure');
  });

  it('makes no check fail when the change creates the schema: there is no earlier version to keep', async () => {
    const common = { 'contracts/order-placed.yaml': contract('order-placed', 'FULL') };
    const { findings, conclusion } = await review(common, { ...common, 'schemas/order-placed.avsc': order() });
    expect(rulesOf(findings)).toEqual(['asset-missing drift']);
    expect(conclusion).toBe('success');
  });
});

describe('a schema file that stops several contracts', () => {
  it('is reported once for each of them, so each contract says why it was not judged', async () => {
    const contracts = { 'contracts/a.yaml': contract('a', 'NONE'), 'contracts/b.yaml': contract('b', 'BACKWARD') };
    const { findings } = await review(
      { ...contracts, 'schemas/order-placed.avsc': order() },
      { ...contracts, 'schemas/order-placed.avsc': order().replace('"long"', '"lnog"') },
    );
    expect(findings.map(({ contract: id, rule, severity, file, line }) => ({ id, rule, severity, file, line }))).toEqual([
      { id: 'a', rule: 'schema-invalid', severity: 'error', file: 'schemas/order-placed.avsc', line: 4 },
      { id: 'b', rule: 'schema-invalid', severity: 'error', file: 'schemas/order-placed.avsc', line: 4 },
    ]);
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import type { AssetComparison, TypeSystem } from '../../src/assets/model.js';
import type { PostgresExtractor, PostgresAssetRequest } from '../../src/assets/postgres/extractor.js';
import { postgresReader } from '../../src/assets/postgres/reader.js';
import { postgresTypes } from '../../src/assets/postgres/types.js';
import { evaluateContracts } from '../../src/review/evaluate.js';
import { type FileMap, memoryChange } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';
import { CONTRACT_FILE, comparison, contract, field, lineOf, table } from './fixtures.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const FINANCE = 'consumers:\n  - name: Finance dashboards\n    contact: "@acme/analytics"\n    enforcement: blocking\n';

function tableContract(id: string): string {
  return `id: ${id}\nasset:\n  type: postgres\n  name: public.${id}\n  source: db/${id}/*.sql\nfields:\n  - name: id\n${FINANCE}`;
}

/** A Postgres reader that breaks on every request that includes the asset `public.bad`. */
function breakingOn(bad: string): PostgresExtractor {
  const fine: AssetComparison = comparison(table(field('id', 'int8')), table());
  return {
    compare: async (assets: PostgresAssetRequest[]) => {
      if (assets.some((asset) => asset.name === bad)) throw new RangeError('Maximum call stack size exceeded');
      return new Map(assets.map((asset) => [asset.key, fine]));
    },
  } as unknown as PostgresExtractor;
}

describe('an input that breaks the reader on one asset', () => {
  it('is an error on that contract, and every other contract is still reviewed', async () => {
    const files: FileMap = { 'contracts/bad.yaml': tableContract('bad'), 'contracts/good.yaml': tableContract('good') };
    const change = memoryChange(files, { ...files, 'db/bad/V1.sql': 'SELECT 1;', 'db/good/V1.sql': 'SELECT 1;' });
    const readers = extractors.map((reader) => (reader.assetTypes.includes('postgres') ? postgresReader(breakingOn('public.bad')) : reader));
    const review = await reviewChange(change, readers);
    expect(review.findings.map(({ contract: id, rule, severity }) => `${id} ${rule} ${severity}`)).toEqual([
      'bad migration-failed error',
      'good field-removed blocking',
    ]);
    expect(review.findings[0]).toMatchObject({ file: 'contracts/bad.yaml', line: 4, consumers: [] });
    expect(review.findings[0]?.message).toBe(
      'The definition of table public.bad could not be built at the head commit (failed: the review stopped on an input it cannot handle (RangeError: Maximum call stack size exceeded)); the change cannot be judged.',
    );
    expect(review.conclusion).toBe('failure');
  });

  it('is an error on that contract for a JSON Schema nested too deep to walk, and the Avro contract beside it is judged', async () => {
    const deep = `${'{"properties":{"a":'.repeat(20_000)}{"type":"string"}${'}}'.repeat(20_000)}`;
    const jsonContract = `id: deep\nasset:\n  type: jsonschema\n  name: schemas/deep.json\n  source: schemas/*.json\n${FINANCE}`;
    const avroContract = `id: order\nasset:\n  type: avro\n  name: com.acme.Order\n  source: avro/*.avsc\nfields:\n  - name: id\n${FINANCE}`;
    const avro = (fields: string) => `{ "type": "record", "name": "Order", "namespace": "com.acme", "fields": [${fields}] }`;
    const common = { 'contracts/deep.yaml': jsonContract, 'contracts/order.yaml': avroContract };
    const review = await reviewChange(
      memoryChange(
        { ...common, 'schemas/deep.json': '{"type":"object"}', 'avro/order.avsc': avro('{ "name": "id", "type": "long" }') },
        { ...common, 'schemas/deep.json': deep, 'avro/order.avsc': avro('') },
      ),
      extractors,
    );
    expect(review.findings).toContainEqual(expect.objectContaining({ contract: 'deep', severity: 'error', consumers: [] }));
    expect(review.findings).toContainEqual(expect.objectContaining({ contract: 'order', rule: 'field-removed', severity: 'blocking' }));
  });
});

describe('a repository that cannot be read', () => {
  it('stops the whole review with its own error, to be re-run, instead of blaming a contract', async () => {
    const avroContract = `id: order\nasset:\n  type: avro\n  name: com.acme.Order\n  source: avro/*.avsc\n${FINANCE}`;
    const files: FileMap = { 'contracts/order.yaml': avroContract };
    const change = memoryChange(files, { ...files, 'avro/order.avsc': '{}' });
    const unavailable = new Error('GitHub answered 500 to GET /repos/acme/shop/git/blobs/1234');
    const head = { ...change.head, readFile: async () => Promise.reject(unavailable) };
    await expect(reviewChange({ ...change, head }, extractors)).rejects.toBe(unavailable);
  });
});

describe('a contract the judging stops on', () => {
  it('is an error on that contract alone', () => {
    const breaking: TypeSystem = { ...postgresTypes, normalize: () => { throw new TypeError('no such type'); } };
    const ordersContract = contract([{ name: 'id', type: 'bigint' }]);
    const added = comparison(table(field('id', 'int8')), table(field('id', 'int8'), field('note', 'text')));
    const findings = evaluateContracts([
      { contract: ordersContract, file: CONTRACT_FILE, lineOf, comparison: added, types: breaking },
      { contract: { ...ordersContract, id: 'other' }, file: CONTRACT_FILE, lineOf, comparison: added, types: postgresTypes },
    ]);
    expect(findings).toEqual([
      {
        contract: 'orders',
        rule: 'migration-failed',
        severity: 'error',
        file: CONTRACT_FILE,
        line: 4,
        consumers: [],
        message: 'The review stopped while judging table public.orders (TypeError: no such type); the change cannot be judged.',
      },
      expect.objectContaining({ contract: 'other', rule: 'field-added', severity: 'info' }),
    ]);
  });
});

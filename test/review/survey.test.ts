import { afterAll, describe, expect, it } from '@jest/globals';
import { memorySnapshot } from '../../src/core/memory-snapshot.js';
import { listAssets, readAsset, surveyCommit } from '../../src/review/survey.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const MIGRATION = 'CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, note text);\n';

function ordersContract(fields: string): string {
  return `id: orders\nasset:\n  type: postgres\n  name: public.orders\n  source: db/*.sql\nfields:\n${fields}consumers:\n  - name: Finance\n    contact: "@acme/finance"\n    enforcement: blocking\n`;
}

describe('a survey of one commit', () => {
  it('gives each contract its asset at that commit, and no finding when the asset keeps every guarantee', async () => {
    const contract = ordersContract('  - name: id\n    type: bigint\n    required: true\n  - name: status\n    type: text\n    required: true\n');
    const survey = await surveyCommit(memorySnapshot('c1', { 'db/1.sql': MIGRATION, 'contracts/orders.yaml': contract }), extractors);
    expect(survey.errors).toEqual([]);
    const [orders] = survey.contracts;
    expect(orders?.loaded.contract.id).toBe('orders');
    expect(orders?.asset.status === 'present' && orders.asset.schema.fields.map((field) => field.name)).toEqual(['id', 'status', 'note']);
    expect(orders?.findings).toEqual([]);
  });

  it('says which file and line last shaped each field, as a review of a change that wrote them would', async () => {
    const files = {
      'db/1.sql': MIGRATION,
      'db/2.sql': '-- amounts\nALTER TABLE orders ADD COLUMN amount numeric(12,2);\n',
      'db/0.sql': 'CREATE TABLE customers (id bigint);\n',
      'contracts/orders.yaml': ordersContract('  - name: id\n'),
    };
    const survey = await surveyCommit(memorySnapshot('c1', files), extractors);
    const asset = survey.contracts[0]!.asset;
    expect(asset.status === 'present' && asset.schema.fields.map((field) => `${field.name} ${field.origin?.file}:${field.origin?.line}`)).toEqual([
      'id db/1.sql:1',
      'status db/1.sql:1',
      'note db/1.sql:1',
      'amount db/2.sql:2',
    ]);
  });

  it('reports what the commit itself breaks as drift, never as blocking', async () => {
    const contract = ordersContract('  - name: note\n    type: text\n    required: true\n');
    const survey = await surveyCommit(memorySnapshot('c1', { 'db/1.sql': MIGRATION, 'contracts/orders.yaml': contract }), extractors);
    const findings = survey.contracts[0]!.findings;
    expect(findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.field}`)).toEqual(['field-not-required drift note']);
    // One commit judged on its own has no base commit to speak of.
    expect(findings[0]!.message).toBe('At this commit, column "note" of public.orders allows NULL, though the contract marks it required.');
  });

  it('keeps broken contract files as errors and surveys the rest', async () => {
    const survey = await surveyCommit(
      memorySnapshot('c1', { 'db/1.sql': MIGRATION, 'contracts/orders.yaml': ordersContract('  - name: id\n'), 'contracts/broken.yaml': 'id: [' }),
      extractors,
    );
    expect(survey.contracts.map((surveyed) => surveyed.loaded.contract.id)).toEqual(['orders']);
    expect(survey.errors.map((error) => error.file)).toEqual(['contracts/broken.yaml']);
  });
});

describe('reading an asset no contract names yet', () => {
  it('builds it from the sources at the commit', async () => {
    const asset = await readAsset(memorySnapshot('c1', { 'db/1.sql': MIGRATION }), { type: 'postgres', name: 'public.orders', source: 'db/*.sql' }, extractors);
    expect(asset.status === 'present' && asset.schema.fields.map((field) => `${field.name} ${field.type} ${field.nullable}`)).toEqual([
      'id int8 false',
      'status text false',
      'note text true',
    ]);
  });

  it('says absent for a name the sources do not define', async () => {
    const asset = await readAsset(memorySnapshot('c1', { 'db/1.sql': MIGRATION }), { type: 'postgres', name: 'public.nothing', source: 'db/*.sql' }, extractors);
    expect(asset.status).toBe('absent');
  });
});

describe('listing the assets of a type', () => {
  it('is undefined for TypeScript, where any type could be an asset', async () => {
    expect(await listAssets(memorySnapshot('c1', {}), 'typescript', ['src/**/*.ts'], extractors)).toBeUndefined();
  });
});

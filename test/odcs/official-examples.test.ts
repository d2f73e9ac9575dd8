import { expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { fromOdcs } from '../../src/odcs/from-odcs.js';
import { formatPath, type OdcsNote } from '../../src/odcs/notes.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { describeWithOdcs, odcsSchemaErrors, officialExample } from './official-schema.js';

/** `path: message` for each note, as the CLI shows them after the position. */
function said(notes: readonly OdcsNote[]): string[] {
  return notes.map((note) => `${formatPath(note.path)}: ${note.message}`);
}

const NO_CONSUMERS =
  'customProperties: needs the custom property "dcr.consumers": the teams and systems that read the asset, each with name, contact (a GitHub user or team) and enforcement (blocking or advisory)';
const NO_ASSET_TYPE =
  'schema[0].customProperties: needs the custom property "dcr.asset.type": how the repository defines the asset, one of postgres, mysql, sqlite, avro, protobuf, jsonschema, prisma, dbt, typescript';
const NO_SOURCE =
  'schema[0].customProperties: needs the custom property "dcr.asset.source": the glob, or list of globs, of the files in the repository that define the asset';
const BOUNDS = 'cannot be carried over: bounds on values (length, range, pattern, format, ...) are promises dcr does not check';

/** What a repository adds to a document dcr did not write before importing it. */
function adopted(document: Record<string, unknown>, type: string, source: string): Record<string, unknown> {
  const [object, ...others] = document.schema as Record<string, unknown>[];
  return {
    ...document,
    customProperties: [{ property: 'dcr.consumers', value: [{ name: 'Finance', contact: '@acme/finance', enforcement: 'blocking' }] }],
    schema: [{ ...object, customProperties: [{ property: 'dcr.asset.type', value: type }, { property: 'dcr.asset.source', value: source }] }, ...others],
  };
}

describeWithOdcs('importing the official ODCS examples', () => {
  it('refuses full-example: two schema objects, service levels, and no consumers', () => {
    const result = fromOdcs(parse(officialExample('full-example.odcs.yaml')));
    expect('problems' in result && said(result.problems)).toEqual([
      'slaProperties: cannot be carried over: service levels (latency, retention, frequency, ...) are promises dcr does not check',
      NO_CONSUMERS,
      'schema: describes 2 schema objects ("tbl", "receivers"), where a contract is about one asset: split the document into one per schema object',
    ]);
  });

  it('refuses the AdventureWorks contract: 68 schema objects, and no consumers', () => {
    const result = fromOdcs(parse(officialExample('postgresql-adventureworks-contract.odcs.yaml')));
    expect('problems' in result && said(result.problems)).toEqual([
      NO_CONSUMERS,
      'schema: describes 68 schema objects ("department", "employee", "employeedepartmenthistory", "employeepayhistory", "jobcandidate", and 63 more), where a contract is about one asset: split the document into one per schema object',
    ]);
  });

  it('refuses all-data-types for its bounds on values, and asks for consumers, the asset type and its files', () => {
    const result = fromOdcs(parse(officialExample('all-data-types.odcs.yaml')));
    const bounded = [0, 1, 2, 3, 4, 5, 6, 8, 9].map((index) => `schema[0].properties[${index}].logicalTypeOptions: ${BOUNDS}`);
    expect('problems' in result && said(result.problems)).toEqual([NO_CONSUMERS, NO_ASSET_TYPE, NO_SOURCE, ...bounded]);
  });

  it.each(['table-column.odcs.yaml', 'kafka-schema.odcs.yaml'])('asks %s for consumers, the asset type and its files, and nothing else', (file) => {
    const result = fromOdcs(parse(officialExample(file)));
    expect('problems' in result && said(result.problems)).toEqual([NO_CONSUMERS, NO_ASSET_TYPE, NO_SOURCE]);
  });

  it('imports the Kafka example once a repository says what reads it and where it is defined, and exports it back valid', () => {
    const result = fromOdcs(adopted(parse(officialExample('kafka-schema.odcs.yaml')), 'avro', 'schemas/orders.avsc'));
    expect(result).toEqual({
      contract: {
        id: 'orders',
        name: 'Orders Event Stream',
        version: '0.0.1',
        status: 'draft',
        description: 'Orders Kafka topic',
        asset: { type: 'avro', name: 'orders', source: 'schemas/orders.avsc' },
        fields: [
          { name: 'cust_id', type: 'string', required: true, primaryKey: false, unique: false },
          { name: 'prod_id', type: 'string', required: true, primaryKey: false, unique: false },
          { name: 'qty', type: 'int', required: true, primaryKey: false, unique: false },
        ],
        consumers: [{ name: 'Finance', contact: '@acme/finance', enforcement: 'blocking' }],
      },
      warnings: expect.any(Array),
    });
    expect(said(result.warnings)).toEqual([
      'servers: dropped: a contract reads its asset from the files that define it in the repository (dcr.asset.source), not from a server',
      'status: "development" is read as draft, which never blocks',
      'schema[0].name: dropped: the asset is named by its physicalName "orders"',
      'schema[0].physicalType: dropped: the asset\'s type, avro, says what it is: a record',
      ...[0, 1, 2].map((index) => `schema[0].properties[${index}].businessName: dropped: a contract has no business names`),
    ]);
    if ('contract' in result) expect(odcsSchemaErrors(toOdcs(result.contract))).toEqual([]);
  });

  it('imports the table example once adopted, its links and business names dropped', () => {
    const result = fromOdcs(adopted(parse(officialExample('table-column.odcs.yaml')), 'postgres', 'db/*.sql'));
    expect('contract' in result && result.contract.fields).toEqual([
      { name: 'rcvr_cntry_code', type: 'varchar(2)', required: false, primaryKey: false, unique: false },
    ]);
    expect(said(result.warnings)).toEqual([
      'dataProduct: dropped: a contract has no data product',
      'schema[0].properties[0].businessName: dropped: a contract has no business names',
      'schema[0].properties[0].authoritativeDefinitions: dropped: a contract has no links to other definitions',
    ]);
    if ('contract' in result) expect(odcsSchemaErrors(toOdcs(result.contract))).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { fromOdcs } from '../../src/odcs/from-odcs.js';
import { formatPath } from '../../src/odcs/notes.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { contractOf, exampleContracts, FIXTURES } from './fixtures.js';

/** A document as people edit YAML: any key, any value. */
type Editable = any;

const orders = exampleContracts().find(({ file }) => file === 'orders.yaml')!.contract;

/** The problems of a document `dcr export` wrote for `contract`, once `edit` has changed it; each as `path: message`. */
function refusals(edit: (document: Editable) => void, contract = orders): string[] {
  const document: Editable = JSON.parse(JSON.stringify(toOdcs(contract)));
  edit(document);
  const result = fromOdcs(document);
  return 'problems' in result ? result.problems.map((note) => `${formatPath(note.path)}: ${note.message}`) : [];
}

const schemaObject = (document: Editable): Editable => document.schema[0];
const property = (document: Editable, index: number): Editable => document.schema[0].properties[index];
const RULES_CARRIED =
  'a contract carries only library rules nullValues, duplicateValues and invalidValues (with validValues) that must be 0, as required, unique and enum';

describe('import refuses, at its place in the document,', () => {
  it('a document that is no mapping', () => {
    expect(refusals((document) => Object.keys(document).forEach((key) => delete document[key]))).toEqual([
      'apiVersion: is required but missing',
      'kind: is required but missing',
      'id: is required but missing',
      'version: is required but missing',
      'status: is required but missing',
    ]);
    expect(fromOdcs(['a list'])).toEqual({ problems: [{ path: [], message: 'must be a mapping, but is a list' }], warnings: [] });
  });

  it('a value of the wrong type', () => {
    expect(refusals((document) => (property(document, 0).required = 'yes'))).toEqual([
      'schema[0].properties[0].required: must be true or false, but is "yes"',
    ]);
  });

  it('a team that is neither a team nor a list of members', () => {
    expect(refusals((document) => (document.team = '@acme/checkout'))).toEqual([
      'team: must be a team (a mapping, with its name) or, as before ODCS v3.1.0, a list of members',
    ]);
  });

  it('another kind of document, or a version of ODCS it does not read', () => {
    expect(refusals((document) => (document.kind = 'DataProduct'))).toEqual(['kind: "DataProduct" is no data contract: ODCS says DataContract']);
    expect(refusals((document) => (document.apiVersion = 'v2.2.2'))).toEqual(['apiVersion: "v2.2.2" is not a version dcr reads: v3.0.0, v3.0.1, v3.0.2, v3.1.0']);
  });

  it('a key ODCS v3.1.0 does not have, which may be a promise of a later version', () => {
    expect(refusals((document) => (property(document, 2).enum = [{ value: 'pending' }]))).toEqual([
      'schema[0].properties[2].enum: cannot be carried over: it is no key of ODCS v3.1.0 here',
    ]);
  });

  it('no schema object, or several', () => {
    expect(refusals((document) => (document.schema = []))).toEqual(['schema: describes no schema object, where a contract is about one asset']);
    expect(refusals((document) => delete document.schema)).toEqual(['schema: describes no schema object, where a contract is about one asset']);
    expect(refusals((document) => document.schema.push({ name: 'refunds' }))).toEqual([
      'schema: describes 2 schema objects ("public.orders", "refunds"), where a contract is about one asset: split the document into one per schema object',
    ]);
  });

  it('service levels', () => {
    expect(refusals((document) => (document.slaProperties = [{ property: 'latency', value: 4, unit: 'd' }]))).toEqual([
      'slaProperties: cannot be carried over: service levels (latency, retention, frequency, ...) are promises dcr does not check',
    ]);
  });

  it('relationships, between objects or from a property', () => {
    const refused = 'cannot be carried over: relationships between properties (foreign keys) are promises dcr does not check';
    expect(refusals((document) => (schemaObject(document).relationships = [{ from: 'orders.customer_id', to: 'customers.id' }]))).toEqual([`schema[0].relationships: ${refused}`]);
    expect(refusals((document) => (property(document, 1).relationships = [{ to: 'customers.id' }]))).toEqual([`schema[0].properties[1].relationships: ${refused}`]);
  });

  it('quality rules on the whole object', () => {
    expect(refusals((document) => (schemaObject(document).quality = [{ metric: 'rowCount', mustBeGreaterThan: 1000 }]))).toEqual([
      'schema[0].quality: cannot be carried over: quality rules on a whole object (row counts, duplicates across properties, ...) are checks dcr does not run',
    ]);
  });

  it('bounds on values', () => {
    expect(refusals((document) => (property(document, 4).logicalTypeOptions = { maxLength: 3 }))).toEqual([
      'schema[0].properties[4].logicalTypeOptions: cannot be carried over: bounds on values (length, range, pattern, format, ...) are promises dcr does not check',
    ]);
  });

  it.each([
    ['a SQL rule', { type: 'sql', query: 'SELECT COUNT(*) FROM orders', mustBe: 0 }, 'a sql rule is a check dcr does not run'],
    ['a rule for another engine', { type: 'custom', engine: 'soda', implementation: 'x' }, 'a custom rule is a check dcr does not run'],
    ['a rule in words', { type: 'text', description: 'Checked by hand' }, 'a text rule is a check dcr does not run'],
    ['a rule of no kind', { description: 'What?' }, 'a rule with neither type nor metric'],
    ['a library rule without its metric', { type: 'library', rule: 'nullCheck', mustBe: 0 }, 'a library rule without a metric'],
    ['another metric', { metric: 'missingValues', arguments: { missingValues: ['', 'N/A'] }, mustBe: 0 }, 'the metric missingValues is a check dcr does not run'],
    ['a rule that allows some', { metric: 'nullValues', mustBeLessThan: 5 }, 'it allows some (mustBeLessThan), where only "mustBe: 0" allows none'],
    ['a rule that must be something else', { metric: 'nullValues', mustBe: 3 }, 'it allows some (mustBe), where only "mustBe: 0" allows none'],
    ['a rule with no operator', { metric: 'nullValues' }, 'it allows some (no operator), where only "mustBe: 0" allows none'],
    ['a rule in another unit', { metric: 'nullValues', mustBe: 0, unit: 'kg' }, 'the unit kg is neither rows nor percent'],
    ['valid values by pattern', { metric: 'invalidValues', arguments: { pattern: '^[A-Z]{3}$' }, mustBe: 0 }, 'invalidValues carries over with its one argument validValues only (a pattern is a check dcr does not run)'],
    ['duplicates among several properties', { metric: 'duplicateValues', arguments: { properties: ['id', 'currency'] }, mustBe: 0 }, 'duplicateValues with arguments (properties) is a check dcr does not run'],
  ])('%s', (_, rule, why) => {
    expect(refusals((document) => (property(document, 1).quality = [rule]))).toEqual([`schema[0].properties[1].quality[0]: cannot be carried over: ${why}; ${RULES_CARRIED}`]);
  });

  it('a second list of valid values, and the deprecated name of a metric beside it', () => {
    expect(refusals((document) => property(document, 2).quality.push({ metric: 'invalidValues', arguments: { validValues: ['paid'] }, mustBe: 0 }))).toEqual([
      'schema[0].properties[2].quality[1]: cannot be carried over: a second list of valid values, where a field has one enum',
    ]);
    expect(refusals((document) => (property(document, 1).quality = [{ metric: 'nullValues', rule: 'notNull', mustBe: 0 }]))).toEqual([
      'schema[0].properties[1].quality[0].rule: cannot be carried over: the deprecated "rule" may name another check than "metric" does: leave only "metric"',
    ]);
  });

  it('valid values that are no enum', () => {
    expect(refusals((document) => (property(document, 2).quality[0].arguments.validValues = []))).toEqual([
      'schema[0].properties[2].quality[0].arguments.validValues: must list at least 1 item',
    ]);
    expect(refusals((document) => (property(document, 2).quality[0].arguments.validValues = ['paid', { code: 1 }]))).toEqual([
      'schema[0].properties[2].quality[0].arguments.validValues[1]: must be a string or a number',
    ]);
  });

  it('a logical type ODCS does not have, with no physical type to give the type', () => {
    expect(
      refusals((document) => {
        delete property(document, 3).physicalType;
        property(document, 3).logicalType = 'decimal';
      }),
    ).toEqual([
      'schema[0].properties[3].logicalType: "decimal" is no logical type of ODCS v3.1.0 (string, date, timestamp, time, number, integer, object, array, boolean), and there is no physicalType to give the type',
    ]);
  });

  it('a property name with a dot, which would read as a nested path', () => {
    expect(refusals((document) => (property(document, 0).name = 'order.id'))).toEqual([
      'schema[0].properties[0].name: "order.id" holds a dot, which a contract reads as a nested field\'s path',
    ]);
  });

  it('two properties of one name', () => {
    expect(refusals((document) => schemaObject(document).properties.push({ name: 'id', physicalType: 'text' }))).toEqual([
      'schema[0].properties[6].name: "id" is already the name of the field at schema[0].properties[0]',
    ]);
  });

  it('a document without its consumers, the asset\'s type or its files', () => {
    expect(refusals((document) => (document.customProperties = []))).toEqual([
      'customProperties: needs the custom property "dcr.consumers": the teams and systems that read the asset, each with name, contact (a GitHub user or team) and enforcement (blocking or advisory)',
    ]);
    expect(refusals((document) => schemaObject(document).customProperties.shift())).toEqual([
      'schema[0].customProperties: needs the custom property "dcr.asset.type": how the repository defines the asset, one of postgres, mysql, sqlite, avro, protobuf, jsonschema, prisma, dbt, typescript',
    ]);
    expect(refusals((document) => schemaObject(document).customProperties.pop())).toEqual([
      'schema[0].customProperties: needs the custom property "dcr.asset.source": the glob, or list of globs, of the files in the repository that define the asset',
    ]);
  });

  it('a dcr. custom property it does not know there, or given twice', () => {
    expect(refusals((document) => document.customProperties.push({ property: 'dcr.consumer', value: [] }))).toEqual([
      'customProperties[1].property: "dcr.consumer" is no custom property of dcr here; this object may hold dcr.consumers, dcr.unversioned, dcr.$schema',
    ]);
    expect(refusals((document) => schemaObject(document).customProperties.push({ property: 'dcr.consumers', value: [] }))).toEqual([
      'schema[0].customProperties[2].property: "dcr.consumers" is no custom property of dcr here; this object may hold dcr.asset.type, dcr.asset.source, dcr.asset.compatibility, dcr.asset.level, dcr.asset.policy, dcr.asset.registry, dcr.asset.emit, dcr.fieldOrder',
    ]);
    expect(refusals((document) => schemaObject(document).customProperties.push({ property: 'dcr.asset.type', value: 'mysql' }))).toEqual([
      'schema[0].customProperties[2].property: "dcr.asset.type" is given twice',
    ]);
  });

  it('consumers, an asset or an id a contract would not take', () => {
    expect(refusals((document) => (document.customProperties[0].value[1].contact = 'jane@example.com'))).toEqual([
      'customProperties[0].value[1].contact: must be a GitHub user or team, such as "@jane" or "@acme/analytics"',
    ]);
    expect(refusals((document) => (document.customProperties[0].value[0].team = 'finance'))).toEqual(['customProperties[0].value[0].team: is no key a contract has here']);
    expect(refusals((document) => (document.customProperties[0].value = []))).toEqual(['customProperties[0].value: a contract needs at least one consumer']);
    expect(refusals((document) => (schemaObject(document).customProperties[0].value = 'oracle'))).toEqual([
      'schema[0].customProperties[0].value: must be one of "postgres", "mysql", "sqlite", "avro", "protobuf", "jsonschema", "prisma", "dbt", "typescript", but is "oracle"',
    ]);
    expect(refusals((document) => schemaObject(document).customProperties.push({ property: 'dcr.asset.compatibility', value: 'FULL' }))).toEqual([
      'schema[0].customProperties[2].value: applies only to asset types avro, protobuf, jsonschema, not to postgres',
    ]);
    expect(refusals((document) => (document.id = 'orders v2'))).toEqual(['id: must be letters, digits, ".", "_" or "-"']);
  });

  it('a consumer using a field the document does not have', () => {
    expect(refusals((document) => (document.customProperties[0].value[1].uses = ['customer_id', 'discount']))).toEqual([
      'customProperties[0].value[1].uses[1]: "discount" is not a field of this contract',
    ]);
  });

  it('a status a contract has no counterpart for', () => {
    expect(refusals((document) => (document.status = 'frozen'))).toEqual([
      'status: "frozen" has no counterpart among a contract\'s statuses (draft, active, deprecated); ODCS\'s draft, active, deprecated, proposed, development, retired have',
    ]);
  });

  it('a dcr.unversioned that is not true', () => {
    const unversioned = contractOf(FIXTURES.postgres!);
    expect(refusals((document) => (document.customProperties[1].value = 'yes'), unversioned)).toEqual([
      'customProperties[1].value: must be true, saying the contract names no version (leave it out otherwise)',
    ]);
  });

  it('a field order that does not list every field once', () => {
    const avro = contractOf(FIXTURES.avro!);
    expect(refusals((document) => schemaObject(document).customProperties[4].value.pop(), avro)).toEqual([
      'schema[0].customProperties[4].value: must list the name of every field once, in the contract\'s order',
    ]);
  });

  it('a property marked as holding only contracted ones that promises something itself, or a marker that is not false', () => {
    const avro = contractOf(FIXTURES.avro!);
    expect(refusals((document) => (property(document, 0).required = true), avro)).toEqual([
      'schema[0].properties[0].required: cannot be carried over: dcr.contracted is false, so the property is no field of the contract',
    ]);
    expect(refusals((document) => (property(document, 0).customProperties[0].value = 'no'), avro)).toEqual([
      'schema[0].properties[0].customProperties[0].value: must be false, saying the property only holds contracted properties below it (leave it out otherwise)',
    ]);
  });

  it('a promise about the items of an array alone', () => {
    const items = 'cannot be carried over: a contract promises things of an array as a whole (its physicalType, such as text[], says what it holds), never of its items alone';
    const jsonschema = contractOf(FIXTURES.jsonschema!);
    expect(refusals((document) => (property(document, 0).items.physicalType = 'string'), jsonschema)).toEqual([`schema[0].properties[0].items.physicalType: ${items}`]);
    expect(refusals((document) => (property(document, 0).items.required = true), jsonschema)).toEqual([`schema[0].properties[0].items.required: ${items}`]);
    expect(refusals((document) => (property(document, 0).items.logicalType = 'string'), jsonschema)).toEqual([`schema[0].properties[0].items.logicalType: ${items}`]);
  });
});

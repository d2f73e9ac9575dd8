import { describe, expect, it } from '@jest/globals';
import { fromOdcs } from '../../src/odcs/from-odcs.js';
import { formatPath } from '../../src/odcs/notes.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { exampleContracts } from './fixtures.js';

/** A document as people edit YAML: any key, any value. */
type Editable = any;

const orders = exampleContracts().find(({ file }) => file === 'orders.yaml')!.contract;

/** The contract and the warnings a document `dcr export` wrote for orders gives, once `edit` has changed it. */
function imported(edit: (document: Editable) => void) {
  const document: Editable = JSON.parse(JSON.stringify(toOdcs(orders)));
  edit(document);
  const result = fromOdcs(document);
  if (!('contract' in result)) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return { contract: result.contract, warnings: result.warnings.map((note) => `${formatPath(note.path)}: ${note.message}`) };
}

const property = (document: Editable, index: number): Editable => document.schema[0].properties[index];

describe('import drops with a warning what only informs people or says where data is kept', () => {
  it.each([
    ['tenant', 'ClimateQuantumInc', 'a contract has no tenant'],
    ['tags', ['finance'], 'a contract has no tags'],
    ['servers', [{ server: 'prod', type: 'postgres', host: 'db', port: 5432, database: 'shop', schema: 'public' }], 'a contract reads its asset from the files that define it in the repository (dcr.asset.source), not from a server'],
    ['dataProduct', 'Checkout', 'a contract has no data product'],
    ['domain', 'sales', 'a contract has no domain'],
    ['support', [{ channel: '#help' }], 'a contract has no support channels of its own (each consumer has a channel)'],
    ['price', { priceAmount: 1, priceCurrency: 'EUR', priceUnit: 'megabyte' }, 'a contract has no price'],
    ['roles', [{ role: 'reader' }], 'a contract grants no access roles'],
    ['authoritativeDefinitions', [{ type: 'canonical', url: 'https://example.com' }], 'a contract has no links to other definitions'],
    ['contractCreatedTs', '2024-01-01T00:00:00Z', 'a contract has no creation time (its history in git has)'],
    ['slaDefaultElement', 'orders.placed_at', 'a contract has no service levels for it to point to'],
  ])('%s on the document', (key, value, why) => {
    const { contract, warnings } = imported((document) => (document[key] = value));
    expect(contract).toEqual(orders);
    expect(warnings).toEqual([`${key}: dropped: ${why}`]);
  });

  it.each([
    ['id', 'orders_obj', 'a contract has no ids for its parts'],
    ['businessName', 'Orders', 'a contract has no business names'],
    ['tags', ['sales'], 'a contract has no tags'],
    ['dataGranularityDescription', 'One row per order', 'a contract does not describe the granularity of the data'],
  ])('%s on the schema object', (key, value, why) => {
    expect(imported((document) => (document.schema[0][key] = value)).warnings).toEqual([`schema[0].${key}: dropped: ${why}`]);
  });

  it.each([
    ['businessName', 'Order id', 'a contract has no business names'],
    ['classification', 'restricted', 'a contract has no classification'],
    ['primaryKeyPosition', 1, 'a contract marks its key fields without their order'],
    ['partitioned', true, 'a contract does not describe partitioning'],
    ['partitionKeyPosition', 2, 'a contract does not describe partitioning'],
    ['criticalDataElement', true, 'a contract does not mark critical data elements'],
    ['encryptedName', 'id_encrypted', 'a contract does not name encrypted copies of a field'],
    ['transformLogic', 'SELECT id', 'a contract does not describe how a field is computed'],
    ['examples', [1, 2], 'a contract has no example values'],
  ])('%s on a property', (key, value, why) => {
    expect(imported((document) => (property(document, 0)[key] = value)).warnings).toEqual([`schema[0].properties[0].${key}: dropped: ${why}`]);
  });

  it('says nothing of values that say nothing: defaults, empty lists and mappings', () => {
    const { contract, warnings } = imported((document) => {
      Object.assign(property(document, 0), { partitioned: false, partitionKeyPosition: -1, primaryKeyPosition: -1, criticalDataElement: false, tags: [], examples: [] });
      Object.assign(document, { tags: [], servers: [], authoritativeDefinitions: [], slaProperties: [] });
      document.schema[0].relationships = [];
    });
    expect(contract).toEqual(orders);
    expect(warnings).toEqual([]);
  });

  it('custom properties of other tools', () => {
    expect(imported((document) => document.customProperties.push({ property: 'refRulesetName', value: 'x' })).warnings).toEqual([
      'customProperties[1]: dropped: a contract has no custom properties (this one is "refRulesetName")',
    ]);
  });

  it('a team that is no GitHub user or team, or its members', () => {
    const named = imported((document) => (document.team = { name: 'my-team', members: [{ username: 'daustin' }] }));
    expect(named.contract.owner).toBeUndefined();
    expect(named.warnings).toEqual([
      'team.members: dropped: a contract names its owner by one GitHub user or team, the team\'s name',
      'team.name: dropped: "my-team" is not a GitHub user or team such as "@acme/analytics": the contract has no owner',
    ]);
    const listed = imported((document) => (document.team = [{ username: 'daustin', role: 'owner' }]));
    expect(listed.contract.owner).toBeUndefined();
    expect(listed.warnings).toEqual(['team: dropped: a list of people, where a contract names its owner by one GitHub user or team: the contract has no owner']);
  });

  it('what a rule that becomes required, unique or an enum says besides', () => {
    const { contract, warnings } = imported((document) => {
      property(document, 5).required = false;
      property(document, 5).quality = [
        { metric: 'nullValues', mustBe: 0, unit: 'percent', severity: 'error', dimension: 'completeness' },
        { type: 'library', metric: 'duplicateValues', mustBe: 0, schedule: '0 20 * * *' },
      ];
    });
    expect(contract.fields[5]).toMatchObject({ name: 'placed_at', required: true, unique: true });
    const why = 'dropped: the rule becomes the field\'s required, unique or enum, which keep only what it promises';
    expect(warnings).toEqual([
      `schema[0].properties[5].quality[0].severity: ${why}`,
      `schema[0].properties[5].quality[0].dimension: ${why}`,
      `schema[0].properties[5].quality[1].schedule: ${why}`,
    ]);
  });

  it('a logical type ODCS does not have, where the physical type gives the type', () => {
    const { contract, warnings } = imported((document) => (property(document, 0).logicalType = 'long'));
    expect(contract.fields[0]!.type).toBe('bigint');
    expect(warnings).toEqual(['schema[0].properties[0].logicalType: dropped: "long" is no logical type of ODCS v3.1.0, and the physicalType gives the type']);
  });
});

describe('import reads documents dcr did not write', () => {
  it('names the asset and its fields by their physical names', () => {
    const { contract, warnings } = imported((document) => {
      document.schema[0].name = 'orders';
      Object.assign(property(document, 0), { name: 'order_id', physicalName: 'id' });
    });
    expect(contract).toEqual(orders);
    expect(warnings).toEqual([
      'schema[0].name: dropped: the asset is named by its physicalName "public.orders"',
      'schema[0].properties[0].name: dropped: the field is named by its physicalName "id"',
    ]);
  });

  it('reads the statuses of ODCS that are not yet or no longer in force', () => {
    expect(imported((document) => (document.status = 'proposed'))).toMatchObject({ contract: { status: 'draft' }, warnings: ['status: "proposed" is read as draft, which never blocks'] });
    expect(imported((document) => (document.status = 'retired'))).toMatchObject({ contract: { status: 'deprecated' }, warnings: ['status: "retired" is read as deprecated'] });
    expect(imported((document) => (document.status = 'Active')).contract.status).toBe('active');
  });

  it('joins what describes the data into one description', () => {
    const { contract, warnings } = imported((document) => {
      document.description = { purpose: 'Orders.', usage: 'Finance reports.', limitations: 'No refunds.' };
      document.schema[0].description = 'One row per order.';
    });
    expect(contract.description).toBe('Orders.\n\nUsage: Finance reports.\n\nLimitations: No refunds.\n\nOne row per order.');
    expect(warnings).toEqual([
      'description.usage: joined into the contract\'s description',
      'description.limitations: joined into the contract\'s description',
      'schema[0].description: joined into the contract\'s description',
    ]);
  });

  it('reads required and unique from null and duplicate rules, a type from the logical type alone, and the object\'s kind from the asset type', () => {
    const { contract, warnings } = imported((document) => {
      document.schema[0].physicalType = 'view';
      Object.assign(property(document, 1), { required: false, physicalType: undefined, logicalType: 'integer', quality: [{ metric: 'nullValues', mustBe: 0 }, { metric: 'duplicateValues', mustBe: 0, unit: 'rows' }] });
      delete property(document, 1).physicalType;
    });
    expect(contract.fields[1]).toEqual({ name: 'customer_id', type: 'integer', required: true, primaryKey: false, unique: true });
    expect(warnings).toEqual(['schema[0].physicalType: dropped: the asset\'s type, postgres, says what it is: a table']);
  });

  it('names the fields of an array\'s objects after the array', () => {
    const { contract } = imported((document) => {
      document.schema[0].properties.push({
        name: 'lines',
        logicalType: 'array',
        physicalType: 'jsonb',
        items: { logicalType: 'object', properties: [{ name: 'sku', physicalType: 'text', required: true }] },
      });
    });
    expect(contract.fields.slice(-2)).toEqual([
      { name: 'lines', type: 'jsonb', required: false, primaryKey: false, unique: false },
      { name: 'lines.sku', type: 'text', required: true, primaryKey: false, unique: false },
    ]);
  });
});

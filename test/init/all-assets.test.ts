import { describe, expect, it } from '@jest/globals';
import type { AssetListing, AssetSchema } from '../../src/assets/model.js';
import type { AssetType } from '../../src/contracts/schema.js';
import type { FileMap } from '../../src/core/memory-snapshot.js';
import type { AssetReaders } from '../../src/init/plan.js';
import { plan } from './support.js';

function table(name: string, ...columns: string[]): AssetSchema {
  return { name, kind: 'table', fields: columns.map((column) => ({ name: column, type: 'text', nullable: false, primaryKey: false, unique: false })) };
}

/** Readers that list what each glob is given here, and record what they were asked. */
function listingReaders(listings: Record<string, AssetListing | undefined>): AssetReaders & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    readAsset: () => Promise.reject(new Error('--all lists assets, it never reads one by name')),
    listAssets: async (_snapshot, type: AssetType, source) => {
      asked.push(`${type} ${source.join(' ')}`);
      return listings[`${type} ${source.join(' ')}`];
    },
  };
}

const CONTRACT = (id: string, name: string, source: string) =>
  `id: ${id}\nasset:\n  type: postgres\n  name: ${name}\n  source: ${source}\nconsumers:\n  - name: BI\n    contact: "@acme/bi"\n    enforcement: advisory\n`;

const FILES: FileMap = {
  'db/migrations/V1.sql': 'create table ...',
  'billing/migrations/V1.sql': 'create table ...',
  'schemas/order.avsc': '{}',
};

describe('dcr init --all', () => {
  it('proposes one contract per asset of each set of files found, with ids unique across them', async () => {
    const readers = listingReaders({
      'postgres db/migrations/**/*.sql': { assets: [table('public.orders', 'id'), table('public.customers', 'id')], errors: [] },
      'postgres billing/migrations/**/*.sql': { assets: [table('billing.orders', 'id')], errors: [] },
      'avro schemas/**/*.avsc': { assets: [{ ...table('com.acme.OrderPlaced', 'id'), kind: 'record' }], errors: [] },
    });
    const result = await plan(readers, FILES, { all: {} });
    expect(result.problems).toEqual([]);
    expect(result.proposals.map((proposal) => `${proposal.path} ${proposal.asset.name} ${proposal.asset.source}`)).toEqual([
      'contracts/orders.yaml billing.orders billing/migrations/**/*.sql',
      'contracts/public-orders.yaml public.orders db/migrations/**/*.sql',
      'contracts/customers.yaml public.customers db/migrations/**/*.sql',
      'contracts/order-placed.yaml com.acme.OrderPlaced schemas/**/*.avsc',
    ]);
    expect(result.notes).toEqual(['SQL migrations were read as Postgres; for MySQL or SQLite run dcr init --all --type mysql (or sqlite)']);
  });

  it('leaves alone an asset a contract names from the same files, and takes no id a contract has', async () => {
    const readers = listingReaders({
      'postgres db/migrations/**/*.sql': { assets: [table('public.orders', 'id'), table('public.customers', 'id')], errors: [] },
      'postgres billing/migrations/**/*.sql': { assets: [table('public.orders', 'id')], errors: [] },
    });
    const files = { ...FILES, 'contracts/orders.yaml': CONTRACT('orders', 'orders', 'db/migrations/*.sql') };
    const result = await plan(readers, files, { all: { types: ['postgres'] } });
    expect(result.proposals.map((proposal) => `${proposal.id} ${proposal.asset.source}`)).toEqual([
      'public-orders billing/migrations/**/*.sql',
      'customers db/migrations/**/*.sql',
    ]);
    expect(result.notes).toEqual(['postgres public.orders already has a contract: contracts/orders.yaml']);
  });

  it('lists only what --type and --source say', async () => {
    const readers = listingReaders({ 'mysql billing/**/*.sql': { assets: [table('invoices', 'id')], errors: [] } });
    const result = await plan(readers, FILES, { all: { types: ['mysql'], source: ['billing/**/*.sql'] } });
    expect(readers.asked).toEqual(['mysql billing/**/*.sql']);
    expect(result.proposals.map((proposal) => proposal.asset)).toEqual([{ type: 'mysql', name: 'invoices', source: 'billing/**/*.sql' }]);
  });

  it('tells the types of the files --source matches by their extension, and asks for --type when they are several', async () => {
    const readers = listingReaders({ 'avro schemas/*': { assets: [table('com.acme.Order', 'id')], errors: [] } });
    expect((await plan(readers, FILES, { all: { source: ['schemas/*'] } })).proposals.map((proposal) => proposal.id)).toEqual(['order']);
    const mixed = await plan(readers, { ...FILES, 'schemas/customer.schema.json': '{}' }, { all: { source: ['schemas/*'] } });
    expect(mixed.problems).toEqual(['the files --source matches hold several asset types (jsonschema, avro): add --type']);
  });

  it('says so when a type\'s reader cannot list its assets, and writes the rest', async () => {
    const readers = listingReaders({ 'postgres db/migrations/**/*.sql': { assets: [table('public.orders', 'id')], errors: [] } });
    const result = await plan(readers, FILES, { all: {} });
    expect(result.problems).toEqual([
      'the postgres reader cannot list the assets its files define: name each with --asset postgres:NAME --source GLOB',
      'the avro reader cannot list the assets its files define: name each with --asset avro:NAME --source GLOB',
    ]);
    expect(result.proposals.map((proposal) => proposal.id)).toEqual(['orders']);
  });

  it('warns of files that could not be read, which may hide assets', async () => {
    const readers = listingReaders({
      'postgres db/migrations/**/*.sql': { assets: [table('public.orders', 'id')], errors: [{ kind: 'failed', file: 'db/migrations/V2.sql', line: 3, message: 'syntax error at or near "tabel"' }] },
    });
    const result = await plan(readers, FILES, { all: { types: ['postgres'], source: ['db/migrations/**/*.sql'] } });
    expect(result.warnings).toEqual(['db/migrations/V2.sql:3: syntax error at or near "tabel" (what it defines may be missing)']);
    expect(result.proposals).toHaveLength(1);
  });

  it('fails clearly when there is nothing to list', async () => {
    const readers = listingReaders({ 'postgres db/migrations/**/*.sql': { assets: [], errors: [] } });
    expect((await plan(readers, { 'README.md': '' }, { all: {} })).problems).toEqual([
      'found no postgres, avro, protobuf, jsonschema, prisma, dbt files where they usually are at 0123456: pass --source GLOB (and --type)',
    ]);
    expect((await plan(readers, FILES, { all: { types: ['postgres'], source: ['db/migrations/**/*.sql'] } })).problems).toEqual([
      'found no asset in the files matching db/migrations/**/*.sql at 0123456',
    ]);
    expect((await plan(readers, FILES, { all: { source: ['nowhere/*.sql'] } })).problems).toEqual(['--source nowhere/*.sql matches no file at 0123456']);
    expect((await plan(readers, FILES, { all: { source: ['db/!(x).sql'] } })).problems).toEqual([
      '--source: uses a pattern that cannot be matched in linear time (an extglob negation such as "!(x)"): list what to match instead',
    ]);
    expect((await plan(readers, FILES, { all: { types: ['typescript'] } })).problems).toEqual([
      'typescript assets have no usual place: pass --source with the files that define them',
    ]);
  });

  it('writes contracts where the settings say contracts are', async () => {
    const readers = listingReaders({ 'postgres db/migrations/**/*.sql': { assets: [table('public.orders', 'id')], errors: [] } });
    const files = { ...FILES, '.github/data-contracts.yml': 'contracts: data/contracts/*.contract.yaml\n' };
    const result = await plan(readers, files, { all: { types: ['postgres'], source: ['db/migrations/**/*.sql'] } });
    expect(result.proposals.map((proposal) => proposal.path)).toEqual(['data/contracts/orders.contract.yaml']);
    expect(result.proposals[0]?.text).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/node_modules\//);
  });
});

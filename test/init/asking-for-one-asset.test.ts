import { describe, expect, it } from '@jest/globals';
import type { AssetState } from '../../src/assets/model.js';
import type { FileMap } from '../../src/core/memory-snapshot.js';
import type { AssetReaders } from '../../src/init/plan.js';
import { plan } from './support.js';

const ORDERS: Extract<AssetState, { status: 'present' }> = {
  status: 'present',
  schema: { name: 'public.orders', kind: 'table', fields: [{ name: 'id', type: 'int8', nullable: false, primaryKey: true, unique: true }] },
};

/** Readers that build, for each glob, the state given here. */
function readingReaders(states: Record<string, AssetState>): AssetReaders {
  return {
    readAsset: async (_snapshot, asset) => states[[asset.source].flat().join(' ')] ?? { status: 'absent' },
    listAssets: () => Promise.reject(new Error('--asset reads one asset, it never lists')),
  };
}

const FILES: FileMap = { 'db/migrations/V1.sql': '', 'billing/migrations/V1.sql': '' };

describe('dcr init --asset', () => {
  it('finds the one set of files in the usual places that defines the asset', async () => {
    const readers = readingReaders({ 'db/migrations/**/*.sql': ORDERS });
    const result = await plan(readers, FILES, { asset: { type: 'postgres', name: 'orders' } });
    expect(result.proposals.map((proposal) => proposal.asset)).toEqual([{ type: 'postgres', name: 'public.orders', source: 'db/migrations/**/*.sql' }]);
  });

  it('asks for --source when more than one set defines it', async () => {
    const readers = readingReaders({ 'db/migrations/**/*.sql': ORDERS, 'billing/migrations/**/*.sql': ORDERS });
    const result = await plan(readers, FILES, { asset: { type: 'postgres', name: 'orders' } });
    expect(result.proposals).toEqual([]);
    expect(result.problems).toEqual([
      'postgres asset orders is defined in more than one set of files (billing/migrations/**/*.sql; db/migrations/**/*.sql): pass --source to choose one',
    ]);
  });

  it('says why there is no asset: not defined, or not built, at its file and line', async () => {
    const readers = readingReaders({
      'billing/migrations/**/*.sql': { status: 'error', error: { kind: 'failed', file: 'billing/migrations/V1.sql', line: 2, message: 'relation "x" does not exist' } },
    });
    const result = await plan(readers, FILES, { asset: { type: 'postgres', name: 'orders' } });
    expect(result.problems).toEqual([
      'postgres asset orders could not be built from billing/migrations/**/*.sql: billing/migrations/V1.sql:2: relation "x" does not exist',
      'no postgres asset named orders in the files matching db/migrations/**/*.sql at 0123456',
    ]);
  });

  it('refuses a --source that matches nothing or is no glob, and TypeScript without --source', async () => {
    const readers = readingReaders({});
    const ask = (source: string[] | undefined, type: 'postgres' | 'typescript' = 'postgres') =>
      plan(readers, FILES, { asset: { type, name: 'orders', ...(source ? { source } : {}) } }).then((result) => result.problems);
    expect(await ask(['nowhere/*.sql'])).toEqual(['--source nowhere/*.sql matches no file at 0123456']);
    expect(await ask(['/db/*.sql'])).toEqual(['asset.source: must be relative to the repository root, not an absolute path']);
    expect(await ask(undefined, 'typescript')).toEqual(['typescript assets have no usual place: pass --source with the files that define orders']);
    expect(await plan(readers, { 'README.md': '' }, { asset: { type: 'avro', name: 'x' } }).then((result) => result.problems)).toEqual([
      'found no avro files where they usually are at 0123456: pass --source GLOB',
    ]);
  });

  it('takes the id the user chooses, unless a contract has it or ids cannot be written so', async () => {
    const readers = readingReaders({ 'db/migrations/**/*.sql': ORDERS });
    const files = {
      ...FILES,
      'contracts/sales.yaml': 'id: sales\nasset:\n  type: postgres\n  name: public.orders\n  source: db/migrations/*.sql\nconsumers:\n  - name: BI\n    contact: "@acme/bi"\n    enforcement: advisory\n',
    };
    const chosen = await plan(readers, files, { asset: { type: 'postgres', name: 'orders', id: 'orders-for-finance' } });
    expect(chosen.proposals.map((proposal) => proposal.path)).toEqual(['contracts/orders-for-finance.yaml']);
    expect(chosen.notes).toEqual(['contracts/sales.yaml already names public.orders: this is another contract for it']);
    expect((await plan(readers, files, { asset: { type: 'postgres', name: 'orders', id: 'sales' } })).problems).toEqual([
      'a contract already has the id "sales": choose another --id',
    ]);
    expect((await plan(readers, files, { asset: { type: 'postgres', name: 'orders', id: 'my orders' } })).problems).toEqual([
      '--id "my orders" must be letters, digits, ".", "_" or "-"',
    ]);
  });

  it('warns of what the asset was built without, and says how it was read approximately', async () => {
    const readers = readingReaders({
      'db/migrations/**/*.sql': {
        ...ORDERS,
        skipped: [{ kind: 'failed', file: 'db/migrations/V1.sql', line: 4, message: 'syntax error' }],
        approximations: [{ file: 'db/migrations/V1.sql', line: 7, message: 'ALTER TABLE ... could not be folded' }],
      },
    });
    const result = await plan(readers, FILES, { asset: { type: 'postgres', name: 'orders' } });
    expect(result.warnings).toEqual(['db/migrations/V1.sql:4: syntax error (left out of public.orders, which may lack what it does)']);
    expect(result.notes).toEqual(['db/migrations/V1.sql:7: ALTER TABLE ... could not be folded']);
    expect(result.proposals).toHaveLength(1);
  });

  it('proposes nothing it could not load back, and says why', async () => {
    const twice = { ...ORDERS.schema.fields[0]!, primaryKey: false };
    const readers = readingReaders({ 'db/migrations/**/*.sql': { status: 'present', schema: { ...ORDERS.schema, fields: [...ORDERS.schema.fields, twice] } } });
    const result = await plan(readers, FILES, { asset: { type: 'postgres', name: 'orders' } });
    expect(result.proposals).toEqual([]);
    expect(result.problems).toEqual([
      'the contract proposed for postgres public.orders would not load (line 19: fields[1].name: "id" is already the name of fields[0]); nothing was written for it',
    ]);
  });
});

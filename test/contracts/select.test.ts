import { describe, expect, it } from '@jest/globals';
import { loadContracts } from '../../src/contracts/load.js';
import { contractsForChange } from '../../src/contracts/select.js';
import { sourceMatcher } from '../../src/core/glob-match.js';
import { minimalContract } from './fixtures.js';

describe('sourceMatcher', () => {
  it('matches `**` at any depth, including none', () => {
    const isSource = sourceMatcher('db/migrations/**/*.sql');
    expect(isSource('db/migrations/V1__init.sql')).toBe(true);
    expect(isSource('db/migrations/2024/V2__orders.sql')).toBe(true);
    expect(isSource('db/migrations/V1__init.sql.bak')).toBe(false);
    expect(isSource('other/db/migrations/V1__init.sql')).toBe(false);
  });

  it('matches any glob of a list', () => {
    const isSource = sourceMatcher(['db/*.sql', 'schema/**']);
    expect(isSource('db/a.sql')).toBe(true);
    expect(isSource('schema/events/order.avsc')).toBe(true);
    expect(isSource('db/nested/a.sql')).toBe(false);
  });

  it('matches dot files and folders', () => {
    expect(sourceMatcher('db/**/*.sql')('db/.hidden/V1.sql')).toBe(true);
  });

  it('can be handed to Array.some, which passes an index as well', () => {
    expect(['README.md', 'src/a.ts'].some(sourceMatcher('db/**'))).toBe(false);
  });
});

describe('contractsForChange', () => {
  const { contracts } = loadContracts([
    { path: 'contracts/orders.yaml', text: minimalContract('orders', 'db/orders/**/*.sql') },
    { path: 'contracts/events.yaml', text: minimalContract('events', '[schema/*.avsc, "db/shared/**"]') },
  ]);

  function selectedIds(changedFiles: string[]): string[] {
    return contractsForChange(contracts, changedFiles).map((loaded) => loaded.contract.id);
  }

  it('selects the contracts whose sources a changed file matches', () => {
    expect(contracts).toHaveLength(2);
    expect(selectedIds(['README.md', 'db/orders/2024/V7__status.sql'])).toEqual(['orders']);
    expect(selectedIds(['schema/order.avsc'])).toEqual(['events']);
    expect(selectedIds(['db/shared/functions.sql', 'db/orders/V1.sql'])).toEqual(['orders', 'events']);
  });

  it('selects nothing when no changed file is a source', () => {
    expect(selectedIds(['src/app.ts', 'schema/nested/order.avsc'])).toEqual([]);
    expect(selectedIds([])).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { loadContracts } from '../../src/contracts/load.js';
import { MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS, MAX_GLOBS, globListSchema } from '../../src/contracts/globs.js';
import { minimalContract } from './fixtures.js';

function errorsOf(source: string) {
  return loadContracts([{ path: 'contracts/orders.yaml', text: minimalContract('orders', source) }]).errors;
}

describe('the bounds of a glob', () => {
  it('refuses a glob longer than a repository path would need', () => {
    expect(errorsOf(JSON.stringify(`db/${'x'.repeat(MAX_GLOB_LENGTH)}`))).toEqual([
      { file: 'contracts/orders.yaml', line: 5, column: 11, message: `asset.source: is ${MAX_GLOB_LENGTH + 3} characters long; a glob may have at most ${MAX_GLOB_LENGTH}` },
    ]);
  });

  it('refuses a glob with more wildcards than any layout needs, counting a run of stars once', () => {
    const many = `**/${'*a'.repeat(MAX_GLOB_WILDCARDS)}*c`;
    expect(errorsOf(JSON.stringify(many))).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 5,
        column: 11,
        message: `asset.source: has ${MAX_GLOB_WILDCARDS + 2} wildcards (* or ?); a glob may have at most ${MAX_GLOB_WILDCARDS}`,
      },
    ]);
    expect(errorsOf(JSON.stringify(`**/${'?'.repeat(MAX_GLOB_WILDCARDS - 1)}.sql`))).toEqual([]);
    expect(errorsOf(JSON.stringify(`db/${'\\*'.repeat(MAX_GLOB_WILDCARDS + 1)}.sql`))).toEqual([]);
  });

  it('refuses an extglob negation, which cannot be matched in linear time', () => {
    expect(errorsOf('[db/*.sql, "db/!(seed).sql"]')).toEqual([
      {
        file: 'contracts/orders.yaml',
        line: 5,
        column: 22,
        message: 'asset.source[1]: uses a pattern that cannot be matched in linear time (an extglob negation such as "!(x)"): list what to match instead',
      },
    ]);
  });

  it('refuses a list of more globs than any layout needs, without checking each', () => {
    const globs = Array.from({ length: 300_000 }, (_, index) => `db/${index}/**/*.sql`);
    const started = performance.now();
    const result = globListSchema.safeParse(globs);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([`lists 300000 globs; at most ${MAX_GLOBS} are allowed`]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(errorsOf(JSON.stringify(globs.slice(0, MAX_GLOBS + 1)))).toEqual([
      { file: 'contracts/orders.yaml', line: 5, column: 11, message: `asset.source: lists ${MAX_GLOBS + 1} globs; at most ${MAX_GLOBS} are allowed` },
    ]);
  });
});

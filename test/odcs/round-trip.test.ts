import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { type Contract, contractSchema } from '../../src/contracts/schema.js';
import { fromOdcs } from '../../src/odcs/from-odcs.js';
import { arbitraryContract } from './arbitrary-contract.js';
import { exampleContracts, exportedDocument, fixtureContracts } from './fixtures.js';

/** The contract an exported document gives back, read from the YAML file `dcr export` writes. */
function throughOdcs(contract: Contract) {
  return fromOdcs(parse(stringify(exportedDocument(contract), { lineWidth: 0 })));
}

describe('export then import', () => {
  it.each(exampleContracts().map(({ file, contract }) => [file, contract] as const))('gives %s of the example repository back whole', (_, contract) => {
    const result = throughOdcs(contract);
    expect(result).toEqual({ contract, warnings: [] });
    // Read again as a contract file is, defaults and all.
    if ('contract' in result) expect(contractSchema.parse(result.contract)).toEqual(contractSchema.parse(contract));
  });

  it.each(fixtureContracts().map(({ type, contract }) => [type, contract] as const))('gives a %s contract back whole', (_, contract) => {
    expect(throughOdcs(contract)).toEqual({ contract, warnings: [] });
  });

  it('gives any contract back whole', () => {
    fc.assert(
      fc.property(arbitraryContract, (contract) => {
        expect(throughOdcs(contract)).toEqual({ contract, warnings: [] });
      }),
      { numRuns: 300 },
    );
  });
});

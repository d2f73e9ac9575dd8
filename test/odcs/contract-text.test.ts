import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contractText } from '../../src/odcs/contract-text.js';
import { arbitraryContract } from './arbitrary-contract.js';
import { contractOf, exampleContracts, FIXTURES } from './fixtures.js';

describe('contractText', () => {
  it('writes a contract file that loads as the same contract', () => {
    fc.assert(
      fc.property(arbitraryContract, (contract) => {
        expect(contractOf(contractText(contract))).toEqual(contract);
      }),
      { numRuns: 200 },
    );
  });

  it('writes as people do: the format\'s order, no false flags, short lists on one line, the comment first', () => {
    for (const file of ['orders.yaml', 'customers.yaml', 'order-placed.yaml']) {
      const { text, contract } = exampleContracts().find((example) => example.file === file)!;
      const [modeline] = text.split('\n');
      expect(contractText(contract, modeline!.slice(2))).toBe(text);
    }
  });

  it('leaves out the fields when there are none, and writes the $schema key where the contract has one', () => {
    const contract = { ...contractOf(FIXTURES.postgres!), fields: [] };
    const text = contractText(contract);
    expect(text.startsWith('$schema: ../schemas/contract.schema.json\nid: invoices\n')).toBe(true);
    expect(text).not.toContain('fields');
    expect(contractOf(text)).toEqual(contract);
  });
});

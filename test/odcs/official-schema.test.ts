import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import { arbitraryContract } from './arbitrary-contract.js';
import { exampleContracts, exportedDocument, fixtureContracts } from './fixtures.js';
import { describeWithOdcs, odcsSchemaErrors } from './official-schema.js';

describeWithOdcs('every exported document is valid against the official ODCS v3.1.0 JSON Schema', () => {
  it.each(exampleContracts().map(({ file, contract }) => [file, contract] as const))('the export of %s of the example repository', (_, contract) => {
    expect(odcsSchemaErrors(exportedDocument(contract))).toEqual([]);
  });

  it.each(fixtureContracts().map(({ type, contract }) => [type, contract] as const))('the export of a %s contract', (_, contract) => {
    expect(odcsSchemaErrors(exportedDocument(contract))).toEqual([]);
  });

  it('the export of any contract', () => {
    fc.assert(
      fc.property(arbitraryContract, (contract) => {
        expect(odcsSchemaErrors(exportedDocument(contract))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('and the schema refuses what the standard does not allow', () => {
    const { contract } = exampleContracts()[0]!;
    const document = exportedDocument(contract);
    const wrongPlaces = { ...document, consumers: contract.consumers };
    const wrongType = { ...document, schema: [{ ...document.schema[0], properties: [{ name: 'id', logicalType: 'bigint' }] }] };
    const noVersion: Partial<typeof document> = { ...document };
    delete noVersion.version;
    expect(odcsSchemaErrors(wrongPlaces)).not.toEqual([]);
    expect(odcsSchemaErrors(wrongType)).not.toEqual([]);
    expect(odcsSchemaErrors(noVersion)).not.toEqual([]);
  });
});

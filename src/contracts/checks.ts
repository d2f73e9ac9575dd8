import type { ReviewError } from '../core/review.js';
import type { Contract } from './schema.js';
import type { YamlFile } from './yaml-positions.js';

/** What the schema cannot say about one contract: its fields named once each, and consumers using only those. */
export function contractProblems(contract: Contract, yaml: YamlFile): ReviewError[] {
  return [...duplicateFieldErrors(contract, yaml), ...unknownUseErrors(contract, yaml)];
}

function duplicateFieldErrors(contract: Contract, yaml: YamlFile): ReviewError[] {
  const firstIndex = new Map<string, number>();
  const errors: ReviewError[] = [];
  contract.fields.forEach((field, index) => {
    const first = firstIndex.get(field.name);
    if (first === undefined) {
      firstIndex.set(field.name, index);
    } else {
      errors.push(yaml.errorAt(['fields', index, 'name'], `"${field.name}" is already the name of fields[${first}]`));
    }
  });
  return errors;
}

/** A `uses` entry names a field or, for nested fields, their parent (`customer` for `customer.zip`): it uses all below. */
function namesSomeField(name: string, fieldNames: readonly string[]): boolean {
  return fieldNames.some((field) => field === name || field.startsWith(`${name}.`));
}

function unknownUseErrors(contract: Contract, yaml: YamlFile): ReviewError[] {
  const fieldNames = contract.fields.map((field) => field.name);
  return contract.consumers.flatMap((consumer, consumerIndex) =>
    (consumer.uses ?? []).flatMap((name, useIndex) => {
      if (namesSomeField(name, fieldNames)) return [];
      return [yaml.errorAt(['consumers', consumerIndex, 'uses', useIndex], `"${name}" is not a field of this contract`)];
    }),
  );
}

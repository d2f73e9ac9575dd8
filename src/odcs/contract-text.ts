import { Document, isSeq } from 'yaml';
import { assetSchema, consumerSchema, type Contract, contractSchema, type ContractField, fieldSchema } from '../contracts/schema.js';

/**
 * A contract file's text, as people write them: keys in the order of the format, `false` flags left out, the
 * short lists (`enum`, `uses`) on one line. `comment` goes on the first line, such as the modeline naming the editor's
 * schema.
 */
export function contractText(contract: Contract, comment?: string): string {
  const document = new Document(inFormatOrder(contract));
  for (const index of contract.fields.keys()) flowList(document, ['fields', index, 'enum']);
  for (const index of contract.consumers.keys()) flowList(document, ['consumers', index, 'uses']);
  const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  return comment === undefined ? text : `# ${comment}\n${text}`;
}

function inFormatOrder(contract: Contract): Record<string, unknown> {
  const ordered = pick(contract, Object.keys(contractSchema.shape));
  ordered.asset = pick(contract.asset, Object.keys(assetSchema.shape));
  if (contract.fields.length === 0) delete ordered.fields;
  else ordered.fields = contract.fields.map(fieldInOrder);
  ordered.consumers = contract.consumers.map((consumer) => pick(consumer, Object.keys(consumerSchema.shape)));
  return ordered;
}

function fieldInOrder(field: ContractField): Record<string, unknown> {
  const ordered = pick(field, Object.keys(fieldSchema.shape));
  for (const flag of ['required', 'primaryKey', 'unique'] as const) if (!field[flag]) delete ordered[flag];
  return ordered;
}

function pick(value: object, keys: readonly string[]): Record<string, unknown> {
  const entries = Object.entries(value);
  return Object.fromEntries(keys.flatMap((key) => entries.filter(([name, item]) => name === key && item !== undefined)));
}

function flowList(document: Document, path: (string | number)[]): void {
  const node = document.getIn(path, true);
  if (isSeq(node)) node.flow = true;
}

import { Document, isMap, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Contract } from '../contracts/schema.js';
import type { OwnerChoice } from './codeowners.js';
import type { ProposedField } from './fields.js';

/** What one proposed contract says, before it is written out. */
export interface ContractDraft {
  id: string;
  asset: Contract['asset'];
  fields: ProposedField[];
  owner?: OwnerChoice;
  /** The `$schema` reference, relative to the contract file or a URL. */
  schemaReference: string;
  /** The commit the asset was read at. */
  rev: string;
}

/** A team handle for a consumer not named yet: a team outside the repository's organisation is never notified. */
export const UNNAMED_CONSUMER_CONTACT = '@your-org/consuming-team';

function ownerNote(owner: OwnerChoice): string {
  const others = owner.others.length > 0 ? `; other sources are owned by ${owner.others.join(', ')}` : '';
  return ` from ${owner.file} line ${owner.line} (${owner.pattern})${others}`;
}

function placeholderConsumer(draft: ContractDraft): Contract['consumers'][number] {
  return { name: 'Consumer to name', contact: draft.owner?.owner ?? UNNAMED_CONSUMER_CONTACT, enforcement: 'advisory' };
}

function pairOf(map: YAMLMap, key: string): Pair<Scalar, unknown> {
  return map.items.find((pair) => (pair.key as Scalar).value === key) as Pair<Scalar, unknown>;
}

/** Value lists on one line, as people write them: `enum: [pending, paid]`. */
function flowEnums(fields: unknown): void {
  if (!isSeq(fields)) return;
  for (const field of fields.items) {
    const values = isMap(field) ? field.get('enum', true) : undefined;
    if (isSeq(values)) values.flow = true;
  }
}

/** What the user fills in about the placeholder consumer, beside each value. */
function explainConsumer(consumers: unknown, owned: boolean): void {
  const consumer = isSeq(consumers) ? consumers.items[0] : undefined;
  if (!isMap(consumer)) return;
  consumer.commentBefore = ' Each team or system that reads the asset: name it, mention its GitHub user or team, and say how a break is treated.';
  (pairOf(consumer, 'contact').value as Scalar).comment = owned ? ' the consumer\'s GitHub user or team (until then, the owner is told)' : ' the consumer\'s GitHub user or team';
  (pairOf(consumer, 'enforcement').value as Scalar).comment = ' advisory: a break is flagged; blocking: it fails the pull request';
  consumer.comment = ' uses: [field, ...]   optional: the fields it relies on (default: all of them)';
}

/** Comments the user reads in the file: the schema for editors, where the owner comes from, and what to fill in. */
function annotate(document: Document, draft: ContractDraft): void {
  const root = document.contents as YAMLMap;
  document.commentBefore = [
    ` yaml-language-server: $schema=${draft.schemaReference}`,
    ` Proposed by dcr init from ${draft.asset.name} at ${draft.rev.slice(0, 12)}: every field as the asset has it.`,
    ' Keep the fields consumers rely on, name the consumers, and open a pull request.',
  ].join('\n');
  if (draft.owner) {
    (pairOf(root, 'owner').value as Scalar).comment = ownerNote(draft.owner);
  } else {
    pairOf(root, 'asset').key.commentBefore = ' owner: "@your-org/producing-team"   no CODEOWNERS rule names the sources\' owner: write the producing team';
  }
  for (const key of ['fields', 'consumers']) pairOf(root, key).key.spaceBefore = true;
  flowEnums(pairOf(root, 'fields').value);
  explainConsumer(pairOf(root, 'consumers').value, draft.owner !== undefined);
}

/** The contract file's text: valid YAML the contract schema accepts, with comments for the person who reviews it. */
export function contractYaml(draft: ContractDraft): string {
  const document = new Document({
    id: draft.id,
    status: 'active',
    ...(draft.owner ? { owner: draft.owner.owner } : {}),
    asset: draft.asset,
    fields: draft.fields,
    consumers: [placeholderConsumer(draft)],
  });
  annotate(document, draft);
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

import type { z } from 'zod';
import { yamlIssueMessage } from '../contracts/issue-messages.js';
import { type Contract, contractSchema } from '../contracts/schema.js';
import { type DocumentPath, formatPath, type Notes } from './notes.js';

/** A contract as read from a document, not yet validated, with where its values come from in the document. */
export interface ImportedDraft {
  value: Record<string, unknown>;
  /** Keyed by the path in the contract (`asset.type`, `fields.2`, `fields.2.enum`); a longer key wins. */
  origins: Map<string, DocumentPath>;
}

/**
 * The contract, validated as a contract file is, with every problem at the value of the document it comes from; or
 * undefined when there is one.
 */
export function validateDraft(draft: ImportedDraft, notes: Notes): Contract | undefined {
  const result = contractSchema.safeParse(draft.value, { error: yamlIssueMessage });
  if (!result.success) {
    for (const issue of result.error.issues) issueNotes(issue, draft, notes);
    return undefined;
  }
  const before = notes.problems.length;
  checkFieldNames(result.data, draft, notes);
  checkUses(result.data, draft, notes);
  return notes.problems.length === before ? result.data : undefined;
}

function issueNotes(issue: z.core.$ZodIssue, draft: ImportedDraft, notes: Notes): void {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) notes.refuse(originOf([...path, key], draft), 'is no key a contract has here');
  } else {
    notes.refuse(originOf(path, draft), issue.message);
  }
}

/** Where a value of the contract comes from: the origin of its longest known prefix, followed by the rest of its path. */
function originOf(path: readonly (string | number)[], draft: ImportedDraft): DocumentPath {
  for (let length = path.length; length > 0; length -= 1) {
    const origin = draft.origins.get(path.slice(0, length).join('.'));
    if (origin) return [...origin, ...path.slice(length)];
  }
  return [];
}

function checkFieldNames(contract: Contract, draft: ImportedDraft, notes: Notes): void {
  const first = new Map<string, number>();
  contract.fields.forEach((field, index) => {
    const earlier = first.get(field.name);
    if (earlier === undefined) first.set(field.name, index);
    else notes.refuse(originOf(['fields', index, 'name'], draft), `"${field.name}" is already the name of the field at ${formatPath(originOf(['fields', earlier], draft))}`);
  });
}

/** A `uses` entry names a field or, for nested fields, their parent (`customer` for `customer.zip`), as in a contract file. */
function checkUses(contract: Contract, draft: ImportedDraft, notes: Notes): void {
  const names = contract.fields.map((field) => field.name);
  contract.consumers.forEach((consumer, consumerIndex) =>
    (consumer.uses ?? []).forEach((use, useIndex) => {
      if (names.some((name) => name === use || name.startsWith(`${use}.`))) return;
      notes.refuse(originOf(['consumers', consumerIndex, 'uses', useIndex], draft), `"${use}" is not a field of this contract`);
    }),
  );
}

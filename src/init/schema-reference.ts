import { posix } from 'node:path';

/** A contract's reference to its JSON Schema, as yaml-language-server reads it. */
export interface SchemaReference {
  /** The contract file that has it, from the repository root. */
  file: string;
  reference: string;
}

const SCHEMA_COMMENT = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;
const isUrl = (reference: string): boolean => /^[a-z][a-z0-9+.-]+:/i.test(reference);

/** The `$schema` comment a contract file already has, if any. */
export function schemaReferenceOf(file: string, text: string): SchemaReference | undefined {
  const reference = SCHEMA_COMMENT.exec(text)?.[1];
  return reference === undefined ? undefined : { file, reference };
}

/**
 * The `$schema` a new contract at `contractFile` points at. The repository's own habit comes first: the reference an
 * existing contract in the same folder writes (or any one's URL), so every contract resolves the same schema the same
 * way. Otherwise `schemaPath`, a path from the repository root, written relative to the contract as editors read it.
 */
export function schemaReferenceFor(contractFile: string, schemaPath: string, existing: readonly SchemaReference[]): string {
  const folder = posix.dirname(contractFile);
  const habit = existing.find(({ file, reference }) => isUrl(reference) || posix.dirname(file) === folder);
  if (habit) return habit.reference;
  return isUrl(schemaPath) ? schemaPath : posix.relative(folder, schemaPath);
}

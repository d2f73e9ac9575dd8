import type { AssetSchema, Rename, SourceLocation } from '../model.js';

/**
 * Where each field the head lost would have been: the line of its nearest enclosing field that the head still
 * has, else the head's record or message itself, so a removal points into the schema file, not at the contract.
 */
export function removedFieldLocations(base: AssetSchema, head: AssetSchema, renames: readonly Rename[]): Record<string, SourceLocation> {
  const headFields = new Map(head.fields.map((field) => [field.name, field]));
  const renamed = new Set(renames.map((rename) => rename.from));
  const locations: Record<string, SourceLocation> = {};
  for (const field of base.fields) {
    if (headFields.has(field.name) || renamed.has(field.name)) continue;
    const enclosing = enclosingPaths(field.name).map((path) => headFields.get(path)?.origin).find((origin) => origin !== undefined);
    const location = enclosing ?? head.origin;
    if (location) locations[field.name] = location;
  }
  return locations;
}

/** `a.b.c` → [`a.b`, `a`]: nearest first. */
function enclosingPaths(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(1).map((_, index) => parts.slice(0, parts.length - 1 - index).join('.'));
}

import type { ExtractionError } from '../model.js';
import { invalidSchema } from './drafts.js';
import { referenceOf } from './identifiers.js';
import { locationOf, nodeKey, schemaTree } from './keywords.js';
import { isJsonObject, type SchemaDocument } from './model.js';
import { rootNode, type SchemaIndex } from './resources.js';

export type Closure = { ok: true; documents: SchemaDocument[] } | { ok: false; error: ExtractionError; unresolved: boolean };

const REFERENCE_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];

/**
 * The root's file and every file its references reach, each checked against its draft's meta-schema (as is each
 * schema a reference reaches inside it) and each of its references resolved: the first broken schema or unresolved
 * reference stops the reading, at its line.
 */
export function closureOf(root: SchemaDocument, index: SchemaIndex): Closure {
  const documents = [root];
  const checked = new Set<string>();
  for (const document of documents) {
    const invalid = invalidSchema(document.json, document.draft);
    if (invalid) return { ok: false, error: invalid, unresolved: false };
    for (const node of schemaTree(rootNode(document))) {
      const reference = referenceOf(node);
      if (reference === undefined) continue;
      const target = index.resolve(node);
      if (!target) {
        const keyword = REFERENCE_KEYWORDS.find((candidate) => isJsonObject(node.value) && candidate in node.value);
        const { file, line } = locationOf(node, keyword);
        const message = `${keyword ?? '$ref'} ${JSON.stringify(reference)} names no schema in the files the contract's source matches`;
        return { ok: false, error: { kind: 'failed', file, line, message }, unresolved: true };
      }
      // A draft's meta-schema only looks where that draft puts schemas: a draft-07 file's `$defs` is checked here.
      const inside = target.pointer.length > 0 && !checked.has(nodeKey(target));
      const invalidTarget = inside ? invalidSchema(target.document.json, target.document.draft, target.pointer) : undefined;
      if (invalidTarget) return { ok: false, error: invalidTarget, unresolved: false };
      checked.add(nodeKey(target));
      if (!documents.includes(target.document)) documents.push(target.document);
    }
  }
  return { ok: true, documents };
}

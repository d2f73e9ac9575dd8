import type { JsonPath } from '../json-document.js';
import { referenceOf } from './identifiers.js';
import { follow, schemaTree } from './keywords.js';
import type { JsonSchemaAsset } from './asset.js';
import { isJsonObject, type JsonObject, type SchemaDocument } from './model.js';
import { rootNode } from './resources.js';

/** Keywords that give an embedded file its own identity, which it must lose to become part of the root's. */
const IDENTITY_KEYWORDS = ['$schema', '$id', '$anchor', '$dynamicAnchor'];

/**
 * The asset as one standalone schema, as a registry takes it: every other file its references reach is embedded
 * under the root's `$defs` (`definitions` in draft-07), and every reference into another file is rewritten as a
 * JSON pointer into the root. Embedded files lose their `$id`, `$schema` and anchors, so nothing they hold resolves
 * anywhere but in the root.
 */
export function registryJson(asset: JsonSchemaAsset): string {
  const [root, ...embedded] = asset.documents;
  if (!root || !isJsonObject(root.json.value)) return JSON.stringify(root?.json.value);
  const container = root.draft === '07' ? 'definitions' : '$defs';
  const existing = isJsonObject(root.json.value[container]) ? Object.keys(root.json.value[container]) : [];
  const keys = embeddingKeys(embedded, new Set(existing));
  const pointerTo = (document: SchemaDocument, path: JsonPath) => {
    const key = keys.get(document);
    return `#${pointer(key === undefined ? path : [container, key, ...path])}`;
  };
  const copies = new Map(asset.documents.map((document) => [document, structuredClone(document.json.value)]));
  for (const document of asset.documents) {
    const copy = copies.get(document);
    for (const node of schemaTree(rootNode(document))) {
      const schema = follow(copy, node.pointer).value;
      if (!isJsonObject(schema)) continue;
      const target = referenceOf(node) === undefined ? undefined : asset.index.resolve(node);
      if (target && (document !== root || target.document !== root)) {
        delete schema.$dynamicRef;
        delete schema.$recursiveRef;
        schema.$ref = pointerTo(target.document, target.pointer);
      }
      if (document !== root) for (const keyword of IDENTITY_KEYWORDS) delete schema[keyword];
    }
  }
  const bundled = copies.get(root) as JsonObject;
  if (embedded.length > 0) {
    const definitions = { ...(isJsonObject(bundled[container]) ? bundled[container] : {}) };
    for (const document of embedded) definitions[keys.get(document) ?? document.file] = copies.get(document);
    bundled[container] = definitions;
  }
  return JSON.stringify(bundled);
}

/** A readable key per embedded file (its name without `.json`), unique among the root's own definitions. */
function embeddingKeys(documents: readonly SchemaDocument[], taken: Set<string>): Map<SchemaDocument, string> {
  const keys = new Map<SchemaDocument, string>();
  for (const document of documents) {
    const stem = (document.file.split('/').pop() ?? document.file).replace(/\.json$/i, '');
    let key = stem;
    for (let suffix = 2; taken.has(key); suffix += 1) key = `${stem}-${suffix}`;
    taken.add(key);
    keys.set(document, key);
  }
  return keys;
}

/** A JSON pointer (RFC 6901) as a URI fragment: `~` and `/` escaped, then what a fragment cannot hold encoded. */
function pointer(path: JsonPath): string {
  const escaped = path.map((step) => String(step).replace(/~/g, '~0').replace(/\//g, '~1'));
  return escaped.map((step) => `/${encodeURIComponent(step).replace(/%24/g, '$')}`).join('');
}

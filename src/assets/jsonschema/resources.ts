import { anchorsOf, referenceOf, resolveUri, resourceId, withoutFragment } from './identifiers.js';
import { childNode, pointerSteps, schemaTree } from './keywords.js';
import type { SchemaDocument, SchemaNode } from './model.js';

/** The root schema of a file. */
export function rootNode(document: SchemaDocument): SchemaNode {
  return { document, pointer: [], value: document.json.value, baseUri: document.baseUri };
}

/**
 * Every schema resource (a file, or a subschema with its own `$id`) and anchor of a version's files, by URI, so a
 * `$ref` resolves as the specification resolves it: against the base URI of the schema that holds it.
 */
export class SchemaIndex {
  private readonly resources = new Map<string, SchemaNode>();
  private readonly anchors = new Map<string, SchemaNode>();

  constructor(documents: readonly SchemaDocument[]) {
    for (const document of documents) {
      for (const node of schemaTree(rootNode(document))) {
        const resource = withoutFragment(node.baseUri);
        if (node.pointer.length === 0 || resourceId(node.value) !== undefined) this.addResource(resource, node);
        for (const anchor of anchorsOf(node.value)) this.anchors.set(`${resource}#${anchor}`, node);
      }
      // A file with an `$id` is still reachable by its path, as a reference written next to it expects.
      this.addResource(document.fileUri, rootNode(document));
    }
  }

  /**
   * The schema a node's `$ref` names, or undefined when no file has it. A reference that names nothing against
   * the schema's `$id` is tried against its file's path too: schemas often carry a published `$id` while their
   * references name the files beside them.
   */
  resolve(node: SchemaNode): SchemaNode | undefined {
    const reference = referenceOf(node);
    if (reference === undefined) return undefined;
    return this.lookUp(reference, node.baseUri) ?? this.lookUp(reference, node.document.fileUri);
  }

  private addResource(uri: string, node: SchemaNode): void {
    if (!this.resources.has(uri)) this.resources.set(uri, node);
  }

  private lookUp(reference: string, base: string): SchemaNode | undefined {
    const uri = resolveUri(reference, base);
    if (uri === undefined) return undefined;
    const resourceUri = withoutFragment(uri);
    const resource = this.resources.get(resourceUri);
    if (!resource) return undefined;
    const fragment = decodeFragment(uri.slice(resourceUri.length + 1));
    if (fragment === undefined) return undefined;
    if (fragment === '') return resource;
    if (!fragment.startsWith('/')) return this.anchors.get(`${resourceUri}#${fragment}`);
    const target = childNode(resource, pointerSteps(fragment));
    return target.value === undefined ? undefined : target;
  }
}

function decodeFragment(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}


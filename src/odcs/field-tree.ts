import type { ContractField } from '../contracts/schema.js';

/**
 * A contract's dotted field names as the tree ODCS nests properties in: `customer.address.zip` is `zip` inside
 * `address` inside `customer`. A node without a field only holds the fields below it.
 */
export interface FieldNode {
  segment: string;
  field?: ContractField;
  children: FieldNode[];
}

export function fieldTree(fields: readonly ContractField[]): FieldNode[] {
  const roots: FieldNode[] = [];
  for (const field of fields) {
    let siblings = roots;
    let node: FieldNode | undefined;
    for (const segment of field.name.split('.')) {
      node = siblings.find((candidate) => candidate.segment === segment);
      if (!node) {
        node = { segment, children: [] };
        siblings.push(node);
      }
      siblings = node.children;
    }
    node!.field = field;
  }
  return roots;
}

/** The field names in the order the tree gives them: each node's own before those below it. */
export function treeOrder(nodes: readonly FieldNode[]): string[] {
  return nodes.flatMap((node) => [...(node.field ? [node.field.name] : []), ...treeOrder(node.children)]);
}

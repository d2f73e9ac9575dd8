import { referenceOf } from './identifiers.js';
import { childNode, nodeKey } from './keywords.js';
import { isJsonObject, type SchemaNode } from './model.js';
import { acceptsAnything, ownKeywords } from './own-keywords.js';
import type { SchemaIndex } from './resources.js';
import { emptyView, mergeViews, type SchemaView } from './view.js';

/** Builds the views of one version's schemas, each node once. */
export class Views {
  private readonly built = new Map<string, SchemaView>();
  /** Nodes whose view is being built: a `$ref` or `allOf` leading back to one adds nothing more. */
  private readonly building = new Set<string>();

  constructor(private readonly index: SchemaIndex) {}

  /** The view of every node at once (a property merged from several `allOf` branches). */
  of(nodes: readonly SchemaNode[]): SchemaView {
    const [first, ...rest] = nodes.map((node) => this.ofNode(node));
    if (!first) throw new Error('a view needs at least one schema');
    return rest.reduce(mergeViews, first);
  }

  /**
   * The view as a list of alternatives, one per `oneOf`/`anyOf` branch (and per combination, when it has several),
   * each merged with what the view itself asks; a view with no choice is its own only alternative.
   */
  alternatives(view: SchemaView, expanded: ReadonlySet<string> = new Set()): SchemaView[] {
    const choice = view.choices.find((candidate) => !expanded.has(nodeKey(candidate.node)));
    if (!choice) return [view];
    const withoutChoice = { ...view, choices: view.choices.filter((candidate) => candidate !== choice) };
    const inner = new Set([...expanded, nodeKey(choice.node)]);
    return choice.branches.flatMap((branch) => {
      const branchView = this.ofNode(branch);
      const definitions = [...view.definitions, ...branchView.definitions];
      const merged = { ...mergeViews(withoutChoice, branchView), branch, definitions };
      return this.alternatives(merged, inner);
    });
  }

  private ofNode(node: SchemaNode): SchemaView {
    const key = nodeKey(node);
    const known = this.built.get(key);
    if (known) return known;
    if (this.building.has(key)) return emptyView(node);
    this.building.add(key);
    const view = this.build(node);
    this.building.delete(key);
    this.built.set(key, view);
    return view;
  }

  private build(node: SchemaNode): SchemaView {
    const { value } = node;
    if (value === false) return { ...emptyView(node), never: true };
    if (!isJsonObject(value)) return emptyView(node);
    let view = ownKeywords(node, value);
    const target = referenceOf(node) === undefined ? undefined : this.index.resolve(node);
    if (target) {
      const referred = this.ofNode(target);
      // Before 2019-09, a `$ref` makes its schema's other keywords be ignored.
      if (node.document.draft === '07') return { ...referred, home: node };
      view = { ...mergeViews(view, referred), definitions: referred.definitions };
    }
    // `allOf` is merged as if its branches were written in one schema, which is how it is meant (a base schema and
    // its extension), though a branch closed with `additionalProperties: false` would refuse the others' properties.
    if (Array.isArray(value.allOf)) {
      const parts = value.allOf.map((_, index) => this.ofNode(childNode(node, ['allOf', index])));
      view = parts.reduce(mergeViews, view);
    }
    return view;
  }
}

/** No value is refused: nothing constrains it. */
export function isUnconstrained(view: SchemaView): boolean {
  const anyNode = (nodes: readonly SchemaNode[]) => nodes.every((node) => acceptsAnything(node.value));
  return (
    !view.never &&
    [view.types, view.values, view.format, view.uniqueItems].every((keyword) => keyword === undefined) &&
    [view.minLength, view.maxLength, view.minimum, view.maximum, view.minItems, view.maxItems].every((limit) => limit === undefined) &&
    view.patterns.length + view.multipleOf.length + view.required.size + view.choices.length + view.not.length === 0 &&
    view.prefixItems.length === 0 &&
    [...view.properties.values(), ...view.patternProperties.values()].every(anyNode) &&
    anyNode(view.additional) &&
    anyNode(view.items)
  );
}

import { referenceOf } from './identifiers.js';
import { childNode, nodeKey } from './keywords.js';
import { LIMITS, SchemaTooComplex } from './limits.js';
import { mergeViews } from './merge-views.js';
import { isJsonObject, type SchemaNode } from './model.js';
import { acceptsAnything, ownKeywords } from './own-keywords.js';
import type { SchemaIndex } from './resources.js';
import { type Choice, emptyView, type SchemaView } from './view.js';

/**
 * Builds the views of one version's schemas, each node (and each list of nodes, and each view's alternatives) once:
 * a comparison that meets a shared `$ref` again meets the same view, which it has compared already.
 */
export class Views {
  private readonly built = new Map<string, SchemaView>();
  private readonly merged = new Map<string, SchemaView>();
  private readonly expanded = new WeakMap<SchemaView, SchemaView[]>();
  /** Nodes whose view is being built: a `$ref` or `allOf` leading back to one adds nothing more. */
  private readonly building = new Set<string>();

  constructor(private readonly index: SchemaIndex) {}

  /** The view of every node at once (a property merged from several `allOf` branches). */
  of(nodes: readonly SchemaNode[]): SchemaView {
    const [only] = nodes;
    if (nodes.length === 1 && only) return this.ofNode(only);
    const key = JSON.stringify(nodes.map(nodeKey));
    let view = this.merged.get(key);
    if (!view) {
      const [first, ...rest] = nodes.map((node) => this.ofNode(node));
      if (!first) throw new Error('a view needs at least one schema');
      view = rest.reduce(mergeViews, first);
      this.merged.set(key, view);
    }
    return view;
  }

  /**
   * The view as a list of alternatives, one per `oneOf`/`anyOf` branch (and per combination, when it has several),
   * each merged with what the view itself asks; a view with no choice is its own only alternative.
   */
  alternatives(view: SchemaView): SchemaView[] {
    let alternatives = this.expanded.get(view);
    if (!alternatives) {
      alternatives = this.expand(view);
      this.expanded.set(view, alternatives);
    }
    return alternatives;
  }

  /** Choice by choice, depth first, without recursion: a branch may bring choices of its own. */
  private expand(view: SchemaView): SchemaView[] {
    const alternatives: SchemaView[] = [];
    const pending = [{ view, expanded: new Set<string>() }];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { expanded } = next;
      const choice = next.view.choices.find((candidate) => !expanded.has(choiceKey(candidate)));
      if (!choice) {
        alternatives.push(next.view);
        if (alternatives.length > LIMITS.alternatives) {
          throw SchemaTooComplex.at(view.home, `its oneOf/anyOf branches combine into more than ${LIMITS.alternatives} alternatives`);
        }
        continue;
      }
      const withoutChoice = { ...next.view, choices: next.view.choices.filter((candidate) => candidate !== choice) };
      const inner = new Set([...expanded, choiceKey(choice)]);
      for (const branch of [...choice.branches].reverse()) {
        const branchView = this.ofNode(branch);
        const definitions = [...next.view.definitions, ...branchView.definitions];
        pending.push({ view: { ...mergeViews(withoutChoice, branchView), branch, definitions }, expanded: inner });
      }
    }
    return alternatives;
  }

  private ofNode(node: SchemaNode): SchemaView {
    const key = nodeKey(node);
    const known = this.built.get(key);
    if (known) return known;
    if (this.building.has(key)) return emptyView(node);
    if (this.building.size >= LIMITS.referenceChain) {
      throw SchemaTooComplex.at(node, `its $ref and allOf chain is longer than ${LIMITS.referenceChain}`);
    }
    this.building.add(key);
    try {
      const view = this.build(node);
      this.built.set(key, view);
      return view;
    } finally {
      this.building.delete(key);
    }
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

/** A choice by where it is written: one schema may hold both an `anyOf` and a `oneOf`. */
function choiceKey(choice: Choice): string {
  return `${nodeKey(choice.node)} ${choice.keyword}`;
}

/** No value is refused: nothing constrains it. */
export function isUnconstrained(view: SchemaView): boolean {
  const anyNode = (nodes: readonly SchemaNode[]) => nodes.every((node) => acceptsAnything(node.value));
  const limits = [view.minLength, view.maxLength, view.minimum, view.maximum, view.minItems, view.maxItems, view.minProperties, view.maxProperties];
  const lists = [view.patterns, view.multipleOf, view.choices, view.not, view.prefixItems, view.contains];
  return (
    !view.never &&
    [view.types, view.values, view.format, view.uniqueItems, ...limits].every((keyword) => keyword === undefined) &&
    lists.every((list) => list.length === 0) &&
    view.required.size + view.dependentRequired.size === 0 &&
    view.conditionals.every((conditional) => anyNode([conditional.then, conditional.else].flatMap((branch) => (branch ? [branch] : [])))) &&
    [...view.properties.values(), ...view.patternProperties.values(), ...view.dependentSchemas.values()].every(anyNode) &&
    [view.additional, view.items, view.propertyNames].every(anyNode)
  );
}

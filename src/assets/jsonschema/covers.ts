import type { SchemaNode } from './model.js';
import { compilePattern } from './patterns.js';
import type { SchemaView } from './view.js';
import { isUnconstrained, type Views } from './views.js';

/**
 * What a schema accepts under a name it does not declare: anything (an open content model), nothing (closed), or
 * what a `patternProperties` or `additionalProperties` schema says (partially open).
 */
export type Cover = 'open' | 'closed' | SchemaView;

/** A `patternProperties` schema whose pattern RE2 cannot run, so whether it applies to a name is unknown. */
interface UndecidedCover {
  cover: Cover;
  reason: string;
}

export function coverOfExtras(views: Views, nodes: readonly SchemaNode[]): Cover {
  if (nodes.length === 0) return 'open';
  const view = views.of(nodes);
  if (view.never) return 'closed';
  return isUnconstrained(view) ? 'open' : view;
}

/**
 * Every pattern matching the name applies, and `additionalProperties` only where none does. A pattern RE2 cannot
 * run is left undecided: a check must pass both with `cover` and with each undecided pattern's schema.
 */
export function coverOfName(views: Views, view: SchemaView, name: string): { cover: Cover; undecided: UndecidedCover[] } {
  const matching: SchemaNode[] = [];
  const undecided: UndecidedCover[] = [];
  for (const [pattern, nodes] of view.patternProperties) {
    const compiled = compilePattern(pattern);
    if (!compiled.ok) undecided.push({ cover: coverOfExtras(views, nodes), reason: compiled.reason });
    else if (compiled.test(name)) matching.push(...nodes);
  }
  return { cover: coverOfExtras(views, matching.length > 0 ? matching : view.additional), undecided };
}

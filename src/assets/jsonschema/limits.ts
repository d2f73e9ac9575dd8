import type { SourceLocation } from '../model.js';
import { locationOf } from './keywords.js';
import type { SchemaNode } from './model.js';

/**
 * How far reading and comparing go before they stop with an error at a line. Schemas come from pull requests: one
 * written to exhaust the stack (a `$ref` chain thousands long) or the clock (shared `$ref`s nested as a deep DAG,
 * whose paths double at each level) must end in a finding, never in a crash or a review that does not finish.
 * Each limit is far beyond what a schema written by hand reaches.
 */
export const LIMITS = {
  /** `$ref`s and `allOf`s followed to build one schema's view. */
  referenceChain: 64,
  /** Alternatives of one view: the product of its `oneOf`/`anyOf` branch counts. */
  alternatives: 1024,
  /** Pairs of schemas nested in one another along one comparison (a `oneOf` branch tried is a level too). */
  comparisonDepth: 128,
  /** Levels of properties (or of arrays) along one field's path. */
  fieldDepth: 256,
  /** Fields listed for one asset (a property reached by several paths is a field per path). */
  fields: 10_000,
  /** Distinct pairs of schemas compared for one verdict. */
  pairs: 200_000,
  /** Paths at which one problem of a shared definition is told; beyond them it is the same problem again. */
  pathsPerSharedProblem: 10,
} as const;

/** Reading or comparing went past a limit: at `location`, `message` says which. */
export class SchemaTooComplex extends Error {
  constructor(
    message: string,
    readonly location: SourceLocation,
  ) {
    super(message);
  }

  static at(node: SchemaNode, message: string): SchemaTooComplex {
    return new SchemaTooComplex(message, locationOf(node));
  }
}

import type ts from 'typescript';
import type { Approximations } from './approximations.js';

/** Objects nested deeper than this are not read below: real payloads nest four or five levels. */
export const MAX_DEPTH = 12;
/** How many types one read may expand (a type used twice is read twice): past it, the read stops. */
export const MAX_SHAPE_NODES = 20_000;

/** What one read (one asset at one commit) shares while it walks the program. */
export interface ReadScope {
  checker: ts.TypeChecker;
  approximations: Approximations;
  /** Files whose declarations shaped what was read: a syntax error there makes the read unreliable. */
  consulted: Set<string>;
  /** Types and zod calls the read may still expand. */
  budget: { left: number };
  /** Set once objects nested past MAX_DEPTH were cut: it is said once, at the first place. */
  cutDeep?: boolean;
}

/** A read that went past its bounds: it stops with a `limit` error at `node`. */
export class ReadLimit extends Error {
  constructor(
    readonly node: ts.Node,
    message: string,
  ) {
    super(message);
  }
}

/** Counts one expansion against the read's bounds. */
export function spend(scope: ReadScope, node: ts.Node): void {
  scope.budget.left -= 1;
  if (scope.budget.left < 0) throw new ReadLimit(node, `the types read from here expand to more than ${MAX_SHAPE_NODES} values, past what this reader reads`);
}

/** How messages name a property: `"customer.address"`. */
export const propertyLabel = (path: string): string => `"${path}"`;

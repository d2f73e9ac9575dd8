import type { Approximation, ExtractionError, SourceLocation } from '../model.js';

/** What a scalar value can be: the reader's spellings (spelling.ts) of TypeScript's primitive and opaque types. */
export type ScalarType = 'string' | 'number' | 'integer' | 'bigint' | 'boolean' | 'timestamp' | 'object' | 'unknown' | 'null' | 'undefined' | 'symbol' | 'never';

/** Where a literal union's members are written: a change of its values happened there, not at the property. */
export interface ValuesOrigin {
  at: SourceLocation;
  lines: Record<string, SourceLocation>;
}

/**
 * The shape of a value as the code declares it, read from the checker's types or from a zod schema's calls: what
 * the reader hands over from the analysis to the comparison (plain data, so that it crosses the worker's boundary).
 */
export type Shape =
  /** `values`: a literal union (or enum) lists exactly these. */
  | { kind: 'scalar'; type: ScalarType; values?: string[]; valuesOrigin?: ValuesOrigin }
  | { kind: 'array'; items: Shape }
  | ObjectShape
  | { kind: 'union'; members: Shape[] };

export interface ObjectShape {
  kind: 'object';
  properties: PropertyShape[];
  /** The line that closes the object's declaration: a property removed at its end is reported there. */
  end?: SourceLocation;
}

export interface PropertyShape {
  name: string;
  shape: Shape;
  /** `?`, `| undefined`, zod's `.optional()`. */
  optional: boolean;
  /** `| null`, zod's `.nullable()`. */
  nullable: boolean;
  /** A class property's initializer or zod's `.default(...)`, as written. */
  default?: string;
  origin?: SourceLocation;
}

export type DeclarationKind = 'interface' | 'type' | 'class' | 'zod';

/** One call that emits the event, and what it sends. */
export interface EmitSite {
  /** The call's file and line. */
  origin: SourceLocation;
  /** Stable across edits elsewhere in the file: the enclosing declarations' names and the call's rank among their sites. */
  key: string;
  /** An object, or a union of objects; undefined where the payload's type could not be read (an approximation says why). */
  payload?: Shape;
}

/** What one read of one commit found: the declared shape, the emit sites, nothing, or why it could not be read. */
export type ReadOutcome =
  /** `shape`: an object, or a union of objects. */
  | { status: 'declared'; kind: DeclarationKind; origin: SourceLocation; shape: Shape; approximations: Approximation[] }
  | { status: 'emitted'; sites: EmitSite[]; approximations: Approximation[]; skipped: ExtractionError[] }
  | { status: 'absent' }
  | { status: 'error'; error: ExtractionError };

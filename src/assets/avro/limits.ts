import type { SourceLocation } from '../model.js';

/** Records within records along one path; real schemas stay far below, and every walk of the model recurses by it. */
export const MAX_RECORD_DEPTH = 64;
/**
 * Fields listed, a nested record's fields once under each field that uses it: named types shared as a deep tree
 * (each record using the next one twice) would otherwise list 2^depth fields.
 */
export const MAX_LISTED_FIELDS = 20_000;

/** A schema past one of the bounds above: an error at its line, never a stack overflow or an endless expansion. */
export class SchemaPastBounds extends Error {
  override readonly name = 'SchemaPastBounds';

  constructor(
    readonly location: SourceLocation,
    message: string,
  ) {
    super(message);
  }
}

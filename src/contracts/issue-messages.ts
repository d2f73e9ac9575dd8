import type { z } from 'zod';
import { plural } from '../core/words.js';

/**
 * Zod's default messages speak of JavaScript ("expected object, received array"); these speak of what the user
 * wrote in YAML, and read as the rest of a sentence after the value's path: `asset.type: must be ...`.
 * Messages given in the schemas themselves take precedence over these.
 */
export const yamlIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required but missing'
        : `must be ${describeExpected(issue.expected)}, but is ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.input === undefined
        ? `is required but missing: it must be ${describeChoices(issue.values)}`
        : `must be ${describeChoices(issue.values)}, but is ${describeValue(issue.input)}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    default:
      return undefined;
  }
};

function describeChoices(values: readonly unknown[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length === 1 ? `${quoted[0]}` : `one of ${quoted.join(', ')}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value);
  return `the ${typeof value} ${String(value)}`;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'int':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}

function tooSmall(origin: string, minimum: number, inclusive: boolean): string | undefined {
  if (origin === 'array') return `must list at least ${plural(minimum, 'item')}`;
  if (origin === 'string') return minimum === 1 ? 'must not be empty' : `must be at least ${plural(minimum, 'character')} long`;
  if (origin === 'number' || origin === 'int') return inclusive ? `must be at least ${minimum}` : `must be greater than ${minimum}`;
  return undefined;
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string | undefined {
  if (origin === 'array') return `must list at most ${plural(maximum, 'item')}`;
  if (origin === 'string') return `must be at most ${plural(maximum, 'character')} long`;
  if (origin === 'number' || origin === 'int') return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
  return undefined;
}

import type { ExtractionError } from '../model.js';
import { positionAt } from './positions.js';

/**
 * Brackets deeper than this are refused before the engine sees them. Real schemas nest three or four deep
 * (`@@index([title(ops: raw("gin_trgm_ops"))])`); the engine's parser recurses per bracket and overflows its stack
 * somewhere past a thousand, which would cost a worker and say nothing of where.
 */
export const MAX_NESTING = 100;

/**
 * What stops a file before the engine reads it: a NUL byte, text that was not UTF-8 (the adapters decode files as
 * UTF-8, so undecodable bytes show as U+FFFD), brackets nested past MAX_NESTING. Strings and comments are skipped
 * when counting brackets, as the engine skips them.
 */
export function screenFile(path: string, text: string): ExtractionError | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { kind: 'failed', file: path, ...positionAt(text, nul), message: 'the file contains a NUL byte, which a Prisma schema cannot hold' };
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) {
    return { kind: 'failed', file: path, ...positionAt(text, replaced), message: 'the file is not valid UTF-8 (or contains U+FFFD), as Prisma requires' };
  }
  const deep = tooDeep(text);
  if (deep >= 0) {
    return { kind: 'limit', file: path, ...positionAt(text, deep), message: `brackets nest more than ${MAX_NESTING} deep here, past what this reader accepts` };
  }
  return undefined;
}

/** The index of the first bracket past MAX_NESTING, or -1. */
function tooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\n') {
      inString = false;
    } else if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end - 1;
    } else if (char === '(' || char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_NESTING) return index;
    } else if (char === ')' || char === ']' || char === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

import type { ExtractionError } from '../model.js';
import { type Declaration, outlineFile } from './outline.js';

/** protobufjs ends syntax errors with `(line N)`, or `(file, line N)` when it was told the file's name. */
const LINE_SUFFIX = /\s*\((?:[^()]*, )?line (\d+)\)$/;

/**
 * Errors protobufjs throws while adding a declaration, before it knows where the declaration sits, so they carry no
 * line: the declaration they name is found in the file's outline instead. `in Type X` names the enclosing message by
 * its short name (it is not attached to its package yet), or by its full name with a leading dot.
 */
const DECLARATION_ERRORS: { pattern: RegExp; matches: (declaration: Declaration, subject: string) => boolean; last: boolean }[] = [
  { pattern: /^duplicate name '([^']+)' in \w+ (\S+)$/, matches: (d, name) => d.name === name, last: true },
  { pattern: /^duplicate id (-?\d+) in \w+ (\S+)$/, matches: (d, id) => d.number === Number(id), last: true },
  { pattern: /^id (-?\d+) is reserved in \w+ (\S+)$/, matches: (d, id) => d.number === Number(id), last: false },
  { pattern: /^name '([^']+)' is reserved in \w+ (\S+)$/, matches: (d, name) => d.name === name, last: false },
];

/** A file protobufjs could not parse, at the line the error names or the declaration it complains about. */
export function parseFailure(file: string, text: string, error: unknown): ExtractionError {
  const message = error instanceof Error ? error.message : String(error);
  const suffix = message.match(LINE_SUFFIX);
  if (suffix) return failure(file, message.replace(LINE_SUFFIX, ''), Number(suffix[1]));
  return failure(file, message, declarationLine(text, message));
}

export function failure(file: string, message: string, line?: number): ExtractionError {
  return { kind: 'failed', file, ...(line === undefined ? {} : { line }), message };
}

function declarationLine(text: string, message: string): number | undefined {
  for (const { pattern, matches, last } of DECLARATION_ERRORS) {
    const match = message.match(pattern);
    if (!match) continue;
    const [, subject = '', container = ''] = match;
    const candidates = declarationsIn(text, container).filter((declaration) => matches(declaration, subject));
    return (last ? candidates.at(-1) : candidates[0])?.line;
  }
  return undefined;
}

function declarationsIn(text: string, container: string): Declaration[] {
  const name = container.replace(/^\./, '');
  let declarations: Declaration[];
  try {
    declarations = outlineFile(text).declarations;
  } catch {
    return [];
  }
  return declarations.filter((declaration) => declaration.scope === name || declaration.scope.endsWith(`.${name}`));
}

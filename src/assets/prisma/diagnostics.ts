import { stripVTControlCharacters } from 'node:util';
import type { ExtractionError } from '../model.js';
import type { EngineDiagnostic, SchemaFiles } from './engine-protocol.js';
import { positionAt } from './positions.js';

/**
 * The engine's refusal of a schema as one error: its first diagnostic (in file order, then by position), at its file
 * and line, saying how many more there are. Messages lose terminal colours and control characters: they quote the
 * schema, which is untrusted, and end up in comments and terminals.
 */
export function refusalOf(diagnostics: EngineDiagnostic[], files: SchemaFiles): ExtractionError {
  const order = new Map(files.map(([path], index) => [path, index]));
  const placed = diagnostics.map((diagnostic) => ({ diagnostic, ...placeOf(diagnostic, files) }));
  placed.sort(
    (a, b) =>
      (order.get(a.diagnostic.file) ?? order.size) - (order.get(b.diagnostic.file) ?? order.size) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
  const [first] = placed;
  if (!first) return { kind: 'failed', file: files[0]?.[0] ?? '', message: 'Prisma\'s schema engine refused the schema without saying why' };
  const more = placed.length - 1;
  const others = more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'problem' : 'problems'} in the schema)`;
  return {
    kind: 'failed',
    file: first.diagnostic.file,
    ...(first.line === undefined ? {} : { line: first.line }),
    ...(first.column === undefined ? {} : { column: first.column }),
    message: `${cleanMessage(first.diagnostic.message)}${others}`,
  };
}

function placeOf(diagnostic: EngineDiagnostic, files: SchemaFiles): { line?: number; column?: number } {
  const text = files.find(([path]) => path === diagnostic.file)?.[1];
  if (text !== undefined && diagnostic.start !== undefined) return positionAt(text, diagnostic.start);
  return diagnostic.line === undefined ? {} : { line: diagnostic.line };
}

export function cleanMessage(message: string): string {
  return stripVTControlCharacters(message).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

import type { EngineDiagnostic } from './engine-protocol.js';

/**
 * The diagnostics of an error message the engine threw, as it prints them for people:
 *
 *     error: Type "Strin" is neither a built-in type, nor refers to another model, composite type, or enum.
 *       -->  prisma/schema.prisma:11
 *
 * Only used when `lint` found nothing and the engine still refused the schema, so each diagnostic has a line but no
 * span. A message in no known shape is one diagnostic in the first file.
 */
export function diagnosticsOfMessage(message: string, firstFile: string): EngineDiagnostic[] {
  const found = message
    .split(/^error: /m)
    .slice(1)
    .map((block): EngineDiagnostic => {
      const location = /^\s*-->\s+(.+):(\d+)\s*$/m.exec(block);
      const text = block.split(/\n\s*-->/)[0]!.trim();
      return location ? { file: location[1]!, line: Number(location[2]), message: text } : { file: firstFile, message: text };
    });
  return found.length > 0 ? found : [{ file: firstFile, message: message.trim() }];
}

/** The message of a validation error the engine threw (`{"error_code":"P1012","message":...}`), or undefined. */
export function validationMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as { error_code?: unknown; message?: unknown };
    return typeof parsed.error_code === 'string' && typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

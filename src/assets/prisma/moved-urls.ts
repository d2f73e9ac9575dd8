import type { SchemaFiles } from './engine-protocol.js';

/**
 * The datasource properties Prisma 7 moved out of the schema into `prisma.config.ts`. Schemas written for Prisma 6 and
 * earlier, nearly all of them, still carry them; the engine refuses them, but they name a connection, never a
 * column, so they are left out of the read.
 */
const MOVED_PROPERTY = /^The datasource property `(?:url|directUrl|shadowDatabaseUrl)` is no longer supported in schema files\b/;

export interface LintDiagnostic {
  file_name: string;
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

export function isMovedConnectionUrl(diagnostic: LintDiagnostic): boolean {
  return MOVED_PROPERTY.test(diagnostic.text);
}

/** The files with each diagnostic's span blanked: lines and every other position stay where they were. */
export function withoutSpans(files: SchemaFiles, diagnostics: LintDiagnostic[]): SchemaFiles {
  return files.map(([path, text]) => {
    const spans = diagnostics.filter((diagnostic) => diagnostic.file_name === path);
    let blanked = text;
    for (const { start, end } of spans) {
      blanked = blanked.slice(0, start) + blanked.slice(start, end).replace(/[^\r\n]/g, ' ') + blanked.slice(end);
    }
    return [path, blanked];
  });
}

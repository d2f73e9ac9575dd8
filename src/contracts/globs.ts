import picomatch from 'picomatch';
import { z } from 'zod';
import { compileGlob, GLOB_OPTIONS } from '../core/glob-match.js';

/** Longer globs are mistakes, not patterns: repository paths rarely pass a few hundred characters. */
export const MAX_GLOB_LENGTH = 500;
/** `*` and `?` each let a match go many ways; a glob needing more than this is a mistake, not a pattern. */
export const MAX_GLOB_WILDCARDS = 20;
/** The globs one list may hold (an asset's sources, the settings' contract files): enough for any layout. */
export const MAX_GLOBS = 100;

/** A run of stars, or a question mark, not escaped. */
const WILDCARD = /(?<!\\)(?:\*+|\?)/g;

/**
 * Why a glob can never match a repository path or costs too much to match, or undefined when it is usable. Globs
 * are matched against paths relative to the repository root, so an absolute path or a `..` segment is a mistake.
 */
function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length} characters long; a glob may have at most ${MAX_GLOB_LENGTH}`;
  const wildcards = glob.match(WILDCARD)?.length ?? 0;
  if (wildcards > MAX_GLOB_WILDCARDS) {
    return `has ${wildcards} wildcards (* or ?); a glob may have at most ${MAX_GLOB_WILDCARDS}`;
  }
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
    return 'must be relative to the repository root, not an absolute path';
  }
  if (glob.split(/[\\/]/).includes('..')) {
    return 'must stay inside the repository: ".." is not allowed';
  }
  try {
    // Without `debug`, picomatch turns a broken pattern into one that silently matches nothing.
    picomatch.makeRe(glob, { ...GLOB_OPTIONS, debug: true });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split(': ').at(-1) ?? error.message) : String(error);
    return `is not a valid glob: ${reason.toLowerCase()}`;
  }
  try {
    compileGlob(glob);
    return undefined;
  } catch {
    return 'uses a pattern that cannot be matched in linear time (an extglob negation such as "!(x)"): list what to match instead';
  }
}

/** A glob of repository files, such as `db/migrations/**\/*.sql`; checked here so a typo never matches nothing in silence. */
export const globSchema = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .superRefine((glob, context) => {
    const problem = globProblem(glob);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** One glob or a bounded list of them, as `asset.source` and the settings' `contracts` take them. */
export const globListSchema = z.union([globSchema, z.array(globSchema).min(1).max(MAX_GLOBS)], {
  // The union's one message would hide which bound a list broke.
  error: (issue) =>
    Array.isArray(issue.input) && issue.input.length > MAX_GLOBS
      ? `lists ${issue.input.length} globs; at most ${MAX_GLOBS} are allowed`
      : 'must be a glob or a list of globs',
});

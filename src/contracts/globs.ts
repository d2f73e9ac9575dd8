import picomatch from 'picomatch';
import { z } from 'zod';

/** Dot files and folders are ordinary sources in a repository (`.github/`, `db/.migrations/`). */
export const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true };

/**
 * Why a glob can never match a repository path, or undefined when it is usable. Globs are matched against paths
 * relative to the repository root, so an absolute path or a `..` segment is a mistake, not a pattern.
 */
function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
    return 'must be relative to the repository root, not an absolute path';
  }
  if (glob.split(/[\\/]/).includes('..')) {
    return 'must stay inside the repository: ".." is not allowed';
  }
  try {
    // Without `debug`, picomatch turns a broken pattern into one that silently matches nothing.
    picomatch.makeRe(glob, { ...GLOB_OPTIONS, debug: true });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split(': ').at(-1) ?? error.message) : String(error);
    return `is not a valid glob: ${reason.toLowerCase()}`;
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

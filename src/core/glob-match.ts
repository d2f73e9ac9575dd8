import { LRUCache } from 'lru-cache';
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/** Dot files and folders are ordinary sources in a repository (`.github/`, `db/.migrations/`). */
export const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true };

/**
 * The lookaheads picomatch writes that only ever fail on paths a repository cannot hold: an empty path or segment, a
 * trailing slash, a `.` or `..` segment. Without them its regular expression is one RE2 runs in linear time, where
 * JavaScript's backtracking takes minutes on a glob such as `**\/*a*a*a*c` against a long path.
 */
const LOOKAHEADS_NO_REPOSITORY_PATH_NEEDS = [
  '(?=.)',
  '(?!\\.{1,2}(?:\\/|$))',
  '(?!(?:^|\\/)\\.{1,2}(?:\\/|$))',
  '(?!\\.{0,1}(?:\\/|$))',
];

export type PathTest = (path: string) => boolean;

/** Compiling costs about as much as a thousand matches, and a server sees the same few globs all day. */
const compiled = new LRUCache<string, PathTest>({ max: 2000 });

/**
 * A linear-time test of repository paths against one glob, with picomatch's meaning: picomatch parses the glob
 * and RE2 runs the expression it makes. Throws for a glob RE2 cannot run (an extglob negation, `!(…)`); `globSchema`
 * refuses those, so every glob of a loaded contract or settings file compiles. A `**` also crosses file names with
 * a line break in them, which picomatch's `.` would not.
 */
export function compileGlob(glob: string): PathTest {
  const known = compiled.get(glob);
  if (known) return known;
  const parsed = picomatch.parse(glob, GLOB_OPTIONS);
  const source = LOOKAHEADS_NO_REPOSITORY_PATH_NEEDS.reduce((output, lookahead) => output.split(lookahead).join(''), parsed.output);
  const expression = RE2JS.compile(`^(?:${source})$`, RE2JS.DOTALL);
  // picomatch takes a path equal to the glob as a match before any pattern (`a[1].sql` names the file `a[1].sql`).
  const test: PathTest = (path) => path !== '' && (path === glob || expression.testExact(path) !== parsed.negated);
  compiled.set(glob, test);
  return test;
}

/** Whether a repository path is one of an asset's sources: one glob or a list of globs, matched in linear time. */
export function sourceMatcher(source: string | readonly string[]): PathTest {
  const tests = [source].flat().map(compileGlob);
  return (path) => tests.some((test) => test(path));
}

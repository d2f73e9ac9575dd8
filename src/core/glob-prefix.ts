/** Characters that may make a path segment a pattern rather than a name (an escape included, to stay on the safe side). */
const PATTERN_CHARACTERS = /[*?[\]{}()\\]/;

/**
 * The path every match of a glob lies in: its whole segments before the first one with a wildcard, so a directory,
 * or the file itself when the glob has no wildcard; `''` when a match may be anywhere (a negated glob matches almost
 * everything). For APIs that filter by a path, not a pattern: they then list a superset of the glob's matches.
 */
export function globPrefix(glob: string): string {
  if (glob.startsWith('!')) return '';
  const segments = glob.replace(/^(?:\.\/)+/, '').split('/');
  const end = segments.findIndex((segment) => PATTERN_CHARACTERS.test(segment));
  return segments
    .slice(0, end < 0 ? undefined : end)
    .filter((segment) => segment !== '')
    .join('/');
}

/** The fewest prefixes covering the globs: a prefix inside another is left out, and `''` covers everything. */
export function coveringPrefixes(globs: readonly string[]): string[] {
  const prefixes = [...new Set(globs.map(globPrefix))].sort();
  return prefixes.filter((prefix) => !prefixes.some((other) => other !== prefix && (other === '' || prefix.startsWith(`${other}/`))));
}

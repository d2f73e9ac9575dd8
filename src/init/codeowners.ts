import { posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { consumerSchema } from '../contracts/schema.js';

/** Where GitHub looks for the file, in its order: the first one found is the only one read. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

interface Rule {
  line: number;
  pattern: string;
  /** The owners a contract can name: GitHub users and teams (CODEOWNERS also takes e-mail addresses). */
  handles: string[];
  matcher: Ignore;
}

export interface Codeowners {
  file: string;
  rules: Rule[];
}

/** Where a proposed owner comes from, for the comment that says so. */
export interface OwnerChoice {
  owner: string;
  file: string;
  line: number;
  pattern: string;
  /** Owners of other source files, when they differ: the user decides. */
  others: string[];
}

/** Words of a line; a backslash keeps a space or `#` in a pattern. */
const TOKEN = /(?:\\.|[^\s\\])+/g;

const isHandle = (owner: string): boolean => consumerSchema.shape.contact.safeParse(owner).success;

/** The rules of a CODEOWNERS file, in order. GitHub ignores negated patterns, so they are no rule here either. */
export function parseCodeowners(file: string, text: string): Codeowners {
  const rules: Rule[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const words = content.match(TOKEN) ?? [];
    const comment = words.findIndex((word) => word.startsWith('#'));
    const [pattern, ...owners] = comment < 0 ? words : words.slice(0, comment);
    if (pattern === undefined || pattern.startsWith('!')) return;
    // Paths in a repository are case-sensitive, as GitHub matches them.
    rules.push({ line: index + 1, pattern, handles: owners.filter(isHandle), matcher: ignore({ ignorecase: false }).add(pattern) });
  });
  return { file, rules };
}

/**
 * Whether a rule covers a path, as gitignore patterns do, with the one exception GitHub documents: `docs/*` owns the
 * files directly in `docs/`, not those in its subfolders, where gitignore would take the whole folder.
 */
function covers(rule: Rule, path: string): boolean {
  if (!rule.matcher.ignores(path)) return false;
  if (!rule.pattern.endsWith('/*')) return true;
  const folder = posix.dirname(path);
  return folder === '.' || !rule.matcher.ignores(`${folder}/`);
}

/** The rule that decides a path's owners: the last one that matches it. */
function ruleFor(codeowners: Codeowners, path: string): Rule | undefined {
  return codeowners.rules.findLast((rule) => covers(rule, path));
}

/**
 * The owner to propose for files: the first GitHub owner of the rule deciding each of them, the one most of them
 * have (the first file's on a tie); undefined when no rule with a GitHub owner matches any of them.
 */
export function ownerOf(codeowners: Codeowners, paths: readonly string[]): OwnerChoice | undefined {
  const byOwner = new Map<string, { rule: Rule; files: number }>();
  for (const path of paths) {
    const rule = ruleFor(codeowners, path);
    const owner = rule?.handles[0];
    if (!rule || owner === undefined) continue;
    const counted = byOwner.get(owner) ?? { rule, files: 0 };
    counted.files += 1;
    byOwner.set(owner, counted);
  }
  const ranked = [...byOwner.entries()].sort(([, a], [, b]) => b.files - a.files);
  const [first, ...rest] = ranked;
  if (!first) return undefined;
  const [owner, { rule }] = first;
  return { owner, file: codeowners.file, line: rule.line, pattern: rule.pattern, others: rest.map(([other]) => other) };
}

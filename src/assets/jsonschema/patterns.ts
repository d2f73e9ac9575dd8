import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { LRUCache } from 'lru-cache';
import { RE2JS } from 're2js';

/**
 * A schema's regular expression (`pattern`, a `patternProperties` key), compiled for RE2, whose matching time is
 * linear in the input: schemas come from pull requests, and a backtracking engine can be made to run for hours by
 * one pattern with nested quantifiers. A pattern RE2 cannot compile (a backreference, a lookaround, a syntax error)
 * is never run: `reason` says why, for a finding to quote.
 */
export type CompiledPattern = { ok: true; test: (text: string) => boolean } | { ok: false; reason: string };

/** Compiled once per pattern, and a long-running server keeps only the most recent. */
const compiled = new LRUCache<string, CompiledPattern>({ max: 2000 });

export function compilePattern(pattern: string): CompiledPattern {
  let known = compiled.get(pattern);
  if (!known) {
    known = compile(pattern);
    compiled.set(pattern, known);
  }
  return known;
}

function compile(pattern: string): CompiledPattern {
  try {
    // ECMA-262 spellings RE2 writes otherwise (`\u{…}`, `(?<name>…)`) are translated first.
    const regex = RE2JS.compile(RE2JS.translateRegExp(pattern));
    return { ok: true, test: (text) => regex.test(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return { ok: false, reason: `RE2 cannot run /${pattern}/ (${detail}; backreferences and lookarounds are not supported)` };
  }
}

/**
 * Ajv's regular expressions, through RE2: a pattern RE2 cannot compile makes the schema fail to compile. Ajv shares
 * one compiled expression among the schemas that use the pattern, by what `toString` says.
 */
export const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiledPattern = compilePattern(pattern);
    if (!compiledPattern.ok) throw new Error(compiledPattern.reason);
    return { test: compiledPattern.test, toString: () => `/${pattern}/` };
  },
  { code: 're2js' },
);

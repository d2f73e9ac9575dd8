import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, GLOB_OPTIONS } from '../../src/core/glob-match.js';
import { sourceMatcher } from '../../src/core/glob-match.js';

/** Path segments as a repository holds them: never empty, never `.` or `..`. */
const segment = fc.stringMatching(/^[ab.\-_]{1,4}$/).filter((name) => name !== '.' && name !== '..');
const repositoryPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
const globPiece = fc.oneof(
  fc.constantFrom('*', '**', '?', '[ab]', '[!a]', '[a-c]', '{a,b}', '{a,b.c}', '{1..3}', '@(a|b)', '+(a)', '*(b)', '?(a)', '\\*', '.'),
  segment,
);
const glob = fc
  .tuple(fc.boolean(), fc.array(fc.array(globPiece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }))
  .map(([negated, segments]) => `${negated ? '!' : ''}${segments.map((pieces) => pieces.join('')).join('/')}`);

describe('compileGlob', () => {
  it('means what picomatch means for every repository path', () => {
    fc.assert(
      fc.property(glob, fc.array(repositoryPath, { minLength: 1, maxLength: 8 }), (pattern, paths) => {
        const reference = picomatch(pattern, GLOB_OPTIONS);
        const test = compileGlob(pattern);
        for (const path of paths) expect([pattern, path, test(path)]).toEqual([pattern, path, reference(path)]);
      }),
      { numRuns: 1000, seed: 20240905 },
    );
  });

  it('matches a glob that makes picomatch backtrack for minutes in linear time', () => {
    const hostile = `**/${'*a'.repeat(20)}*c`;
    const longPath = `x/${'a'.repeat(20_000)}`;
    const started = performance.now();
    expect(compileGlob(hostile)(longPath)).toBe(false);
    expect(compileGlob(hostile)(`${longPath}c`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('takes a path spelt as the glob itself, as picomatch does', () => {
    expect(compileGlob('db/a[1].sql')('db/a[1].sql')).toBe(true);
    expect(compileGlob('db/a[1].sql')('db/a1.sql')).toBe(true);
    expect(compileGlob('db/*.sql')('')).toBe(false);
  });

  it('negates a glob written with a leading "!"', () => {
    expect(compileGlob('!db/*.sql')('db/a.sql')).toBe(false);
    expect(compileGlob('!db/*.sql')('docs/a.md')).toBe(true);
  });

  it('refuses an extglob negation, which no linear-time matcher runs', () => {
    expect(() => compileGlob('db/!(x).sql')).toThrow();
  });
});

describe('sourceMatcher', () => {
  it('matches any of a list of globs, each in linear time', () => {
    const isSource = sourceMatcher(['db/*.sql', `**/${'*a'.repeat(20)}*c`]);
    expect(isSource('db/V1.sql')).toBe(true);
    expect(isSource(`x/${'a'.repeat(20_000)}`)).toBe(false);
  });
});

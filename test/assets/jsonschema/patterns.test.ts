import { describe, expect, it } from '@jest/globals';
import { ajvFor } from '../../../src/assets/jsonschema/drafts.js';
import { compilePattern } from '../../../src/assets/jsonschema/patterns.js';

describe('compilePattern', () => {
  it('searches anywhere in the text, as JSON Schema patterns do, in ECMA-262 spelling', () => {
    const sku = compilePattern('[A-Z]{3}-\\d+');
    expect(sku.ok && [sku.test('ref ABC-12 x'), sku.test('abc-12')]).toEqual([true, false]);
    const named = compilePattern('^(?<letter>\\u00e9)+$');
    expect(named.ok && named.test('éé')).toBe(true);
  });

  it('runs nested quantifiers in linear time', () => {
    const evil = compilePattern('^(a+)+$');
    const started = performance.now();
    expect(evil.ok && evil.test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', '^(?!id$)'],
    ['a lookbehind', '(?<=a)b'],
    ['no regular expression at all', '['],
  ])('says why it does not run %s', (_case, pattern) => {
    expect(compilePattern(pattern)).toEqual({ ok: false, reason: expect.stringContaining(`RE2 cannot run /${pattern}/`) });
  });
});

describe('Ajv with RE2', () => {
  it('keeps each pattern apart within one validator', () => {
    const ajv = ajvFor('2020-12');
    const lower = ajv.compile({ pattern: '^[a-z]+$' });
    const digits = ajv.compile({ pattern: '^[0-9]+$' });
    expect([lower('abc'), lower('123'), digits('123'), digits('abc')]).toEqual([true, false, true, false]);
  });

  it('refuses to compile a pattern RE2 cannot run, rather than run it with backtracking', () => {
    expect(() => ajvFor('07').compile({ pattern: '(a)\\1' })).toThrow(/RE2 cannot run/);
  });
});

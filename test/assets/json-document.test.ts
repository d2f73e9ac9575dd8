import { describe, expect, it } from '@jest/globals';
import { JsonDocument } from '../../src/assets/json-document.js';

describe('JsonDocument', () => {
  const text = '{\n  "type": "record",\n  "fields": [\n    { "name": "id", "type": "long" },\n    {\n      "name": "email"\n    }\n  ]\n}\n';

  it('gives the line of a member by its key, and of an array item', () => {
    const parsed = JsonDocument.parse('order.avsc', text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.document.value).toMatchObject({ type: 'record' });
    expect(parsed.document.lineOf(['type'])).toBe(2);
    expect(parsed.document.lineOf(['fields', 0, 'type'])).toBe(4);
    expect(parsed.document.lineOf(['fields', 1])).toBe(5);
    expect(parsed.document.lineOf(['fields', 1, 'name'])).toBe(6);
    expect(parsed.document.lineOf(['fields', 2])).toBeUndefined();
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3],
    ['a comment', '{\n  // no\n  "a": 1\n}', 2],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3],
    ['an empty file', '', 1],
  ])('refuses %s at its line', (_case, broken, line) => {
    const parsed = JsonDocument.parse('bad.json', broken);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ kind: 'failed', file: 'bad.json', line, message: expect.stringMatching(/^not valid JSON/) });
  });

  it('refuses JSON nested thousands deep at the line where it passes 512 levels, without exhausting the stack', () => {
    for (const open of ['[', '{"a":']) {
      const text = `${`${open}\n`.repeat(100_000)}1${(open === '[' ? ']' : '}').repeat(100_000)}`;
      const parsed = JsonDocument.parse('deep.json', text);
      expect(parsed).toMatchObject({ ok: false, error: { kind: 'failed', file: 'deep.json', line: 513, message: 'not read: JSON nested deeper than 512 levels' } });
    }
  });

  it('reads 512 levels, and does not count brackets in strings or comments', () => {
    expect(JsonDocument.parse('deep.json', `${'['.repeat(512)}${']'.repeat(512)}`).ok).toBe(true);
    const brackets = '['.repeat(1000);
    const inString = JsonDocument.parse('string.json', JSON.stringify({ text: `"\\${brackets}` }));
    expect(inString.ok && inString.document.value).toEqual({ text: `"\\${brackets}` });
    const inComment = JsonDocument.parse('comment.json', `// "${brackets}\n/* ${brackets} */ {}`);
    expect(inComment).toMatchObject({ ok: false, error: { line: 1, message: expect.stringMatching(/^not valid JSON/) } });
    const deepAfterComment = JsonDocument.parse('comment.json', `/* " */ ${'['.repeat(600)}${']'.repeat(600)}`);
    expect(deepAfterComment).toMatchObject({ ok: false, error: { message: expect.stringContaining('512 levels') } });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { generatedFiles } from '../../src/tools/generated-files.js';

function committedText(path: string): string | undefined {
  try {
    return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

describe('the generated files', () => {
  it.each(generatedFiles())('$path is up to date (if not, run `npm run generate`)', ({ path, text }) => {
    expect(committedText(path)).toBe(text);
  });
});

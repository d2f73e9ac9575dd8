import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

/** The README's first block in a language: what it promises `npm run demo` prints. */
async function readmeSample(language: 'text' | 'markdown' | 'mermaid'): Promise<string> {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const sample = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme);
  if (!sample) throw new Error(`README.md has no ${language} sample`);
  return sample[1]!;
}

describe('npm run demo', () => {
  it('prints the report, the comment and the impact graph the README shows, word for word, and fails as dcr check would', async () => {
    // The demo runs compiled (`npm test` builds first), as `npm run demo` runs it.
    const { stdout } = await run(process.execPath, ['lib/tools/demo.js'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(stdout).toContain(await readmeSample('text'));
    expect(stdout).toContain(await readmeSample('markdown'));
    expect(stdout).toContain(await readmeSample('mermaid'));
    expect(stdout).toContain('<!-- data-contract-review -->');
    expect(stdout).toContain('Exit status of dcr check: 1.');
  });
});

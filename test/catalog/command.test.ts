import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { catalogCommand } from '../../src/cli/catalog.js';
import { UsageError } from '../../src/cli/command.js';
import { MANIFEST } from '../../src/catalog/manifest.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../git/temp-repo.js';
import { FILES } from './fixtures.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function catalog(...argv: string[]): Promise<Result> {
  const result = { code: 0, stdout: '', stderr: '' };
  result.code = await catalogCommand.run(argv, { stdout: (text) => (result.stdout += text), stderr: (text) => (result.stderr += text) });
  return result;
}

/** Every file under a directory, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort();
}

let repo: TempRepo;
let first: string;
let scratch: string;
beforeAll(async () => {
  repo = await createTempRepo();
  first = await repo.commit(FILES);
  await repo.commit({ 'contracts/ghost.yaml': null }, 'retire the ghost');
  scratch = await makeTempDir();
});
afterAll(async () => {
  await repo.remove();
  await rm(scratch, { recursive: true, force: true });
});

describe('dcr catalog', () => {
  it('writes the site into a new directory and says where to open it', async () => {
    const out = join(scratch, 'new', 'site');
    const result = await catalog('--repo', repo.dir, '--out', out);
    expect(result).toEqual({
      code: 0,
      stdout: `Wrote 3 pages to ${out}: 2 contracts, 2 drift findings, 1 broken contract or settings file (listed on the index), at HEAD (${(await repo.git('rev-parse', 'HEAD')).slice(0, 7)}).\nOpen file://${out}/index.html\n`,
      stderr: '',
    });
    expect(await filesUnder(out)).toEqual([MANIFEST, 'contracts/shipments.html', 'contracts/wide-metrics.html', 'index.html', 'style.css']);
  });

  it('describes the commit --rev names', async () => {
    const out = join(scratch, 'at-first');
    expect((await catalog('--repo', repo.dir, '--out', out, '--rev', first)).code).toBe(0);
    expect(await filesUnder(out)).toContain('contracts/ghost.html');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain(first);
  });

  it('writes over a catalogue it wrote before, removing the pages of contracts that are gone and nothing else', async () => {
    const out = join(scratch, 'rewritten');
    expect((await catalog('--repo', repo.dir, '--out', out, '--rev', first)).code).toBe(0);
    await writeFile(join(out, 'CNAME'), 'contracts.example.com\n');
    expect((await catalog('--repo', repo.dir, '--out', out)).code).toBe(0);
    expect(await filesUnder(out)).toEqual([MANIFEST, 'CNAME', 'contracts/shipments.html', 'contracts/wide-metrics.html', 'index.html', 'style.css']);
  });

  it('refuses a directory that holds other files, and leaves it as it was', async () => {
    const out = join(scratch, 'taken');
    await mkdir(out);
    await writeFile(join(out, 'notes.md'), 'mine\n');
    const result = await catalog('--repo', repo.dir, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`dcr catalog: the catalogue could not be written: ${out} is not empty and holds no catalogue written by dcr catalog (no ${MANIFEST}); choose a new or empty directory\n`);
    expect(await filesUnder(out)).toEqual(['notes.md']);
  });

  it('refuses a manifest that names files outside the catalogue', async () => {
    const out = join(scratch, 'forged');
    await mkdir(out);
    await writeFile(join(out, MANIFEST), JSON.stringify({ writtenBy: 'dcr catalog', files: ['../../etc/passwd'] }));
    const result = await catalog('--repo', repo.dir, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('names "../../etc/passwd", which is not a file of a catalogue');
    expect(await filesUnder(out)).toEqual([MANIFEST]);
  });

  it('refuses a file given as the directory', async () => {
    const out = join(scratch, 'a-file');
    await writeFile(out, 'mine\n');
    const result = await catalog('--repo', repo.dir, '--out', out);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `dcr catalog: the catalogue could not be written: ${out} is a file, not a directory\n` });
  });

  it('exits 2 for a revision the repository does not have, or a directory that is no repository', async () => {
    const unknown = await catalog('--repo', repo.dir, '--out', join(scratch, 'unknown'), '--rev', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown revision "no-such-branch"');
    const notRepo = await catalog('--repo', scratch, '--out', join(scratch, 'not-repo'));
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain('is not a git repository');
  });

  it('needs --out', async () => {
    await expect(catalog('--repo', repo.dir)).rejects.toThrow(new UsageError('--out is required'));
    await expect(catalog('--out', 'x', 'extra')).rejects.toThrow(new UsageError('unexpected argument "extra"'));
  });
});

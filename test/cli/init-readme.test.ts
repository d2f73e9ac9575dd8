import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { dcr } from '../support/dcr.js';
import { exampleFiles } from '../support/example-files.js';

/** The CODEOWNERS the README's `dcr init` examples were written with (its lines 2 to 4 give the owners shown). */
const CODEOWNERS = '* @acme/platform\n/db/ @acme/checkout\n/schemas/ @acme/checkout\n/prisma/ @acme/loyalty\n';
const ORDERS = ['--asset', 'postgres:public.orders', '--source', 'db/migrations/**/*.sql'];

/** Each output the README shows after `$ npx dcr init ARGS`, up to the end of its text block, in order. */
async function readmeOutputs(args: string): Promise<string[][]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const prompt = `$ npx dcr init ${args}\n`;
  const outputs: string[][] = [];
  for (let start = readme.indexOf(prompt); start >= 0; start = readme.indexOf(prompt, start + 1)) {
    outputs.push(readme.slice(start + prompt.length, readme.indexOf('```', start)).trimEnd().split('\n'));
  }
  return outputs;
}

/** What a terminal shows: the notes on standard error come before the report. */
const shown = (result: { stdout: string; stderr: string }) => `${result.stderr}${result.stdout}`.trimEnd().split('\n');

describe("the README's dcr init examples", () => {
  let repo: TempRepo;

  beforeAll(async () => {
    const files = await exampleFiles('main');
    const withoutContracts = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('contracts/')));
    repo = await createTempRepo();
    await repo.commit({ ...withoutContracts, '.github/CODEOWNERS': CODEOWNERS }, 'The shop, without contracts');
  });
  afterAll(() => repo?.remove());

  it('are what dcr init prints, line for line: one asset, the same again, then every asset', async () => {
    const [written, refused] = await readmeOutputs(`${ORDERS.slice(0, 3).join(' ')} '${ORDERS[3]}'`);
    const first = await dcr('init', '--repo', repo.dir, ...ORDERS);
    expect(first.code).toBe(0);
    expect(shown(first)).toEqual(written);
    const again = await dcr('init', '--repo', repo.dir, ...ORDERS);
    expect(again.code).toBe(2);
    expect(shown(again)).toEqual(refused);

    await rm(join(repo.dir, 'contracts'), { recursive: true });
    const all = await dcr('init', '--repo', repo.dir, '--all');
    expect(all.code).toBe(0);
    expect(shown(all)).toEqual((await readmeOutputs('--all'))[0]);
  });
});

import { execFile } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { makeTempDir } from '../git/temp-repo.js';
import { branch, DROP_AMOUNT, pullEvent, runEntry, type Workplace, workplace } from './support.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PACKAGER = join(ROOT, 'lib/action/package.js');
const run = promisify(execFile);

let dir: string;
let tree: string;
let place: Workplace;

beforeAll(async () => {
  dir = await makeTempDir();
  tree = join(dir, 'release');
  await run(process.execPath, [PACKAGER, tree], { cwd: ROOT });
  place = await workplace();
}, 120_000);
afterAll(async () => {
  await place?.close();
  await rm(dir, { recursive: true, force: true });
});

const present = (path: string) => access(join(tree, path)).then(() => true, () => false);

describe('the release tree of `npm run package:action`', () => {
  it('holds what action.yml names, the production packages and none of the development ones', async () => {
    const action = parse(await readFile(join(tree, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, { default?: string }> };
    expect(action.runs.using).toBe('node20');
    expect(await present(action.runs.main)).toBe(true);
    expect(action.inputs.token?.default).toBe('${{ github.token }}');
    expect(JSON.parse(await readFile(join(tree, 'package.json'), 'utf8')).type).toBe('module');
    for (const production of ['@electric-sql/pglite', 'libpg-query', 'sql.js', '@prisma/prisma-schema-wasm', 'typescript', '@octokit/rest', 'pino']) {
      expect({ production, present: await present(`node_modules/${production}/package.json`) }).toEqual({ production, present: true });
    }
    for (const development of ['jest', 'ts-jest', 'nock', '@octokit/webhooks-examples', 'fast-check', 'lib/tools']) {
      const path = development.startsWith('lib/') ? development : `node_modules/${development}`;
      expect({ development, present: await present(path) }).toEqual({ development, present: false });
    }
  });

  it('runs a review from the tree alone: its workers and WebAssembly come from the tree', async () => {
    const head = await branch(place, 'drop-amount', DROP_AMOUNT);
    const pull = await place.github.openPull({ number: 7, baseRef: 'main', headRef: 'drop-amount' });

    const result = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), entry: join(tree, 'lib/action/main.js') });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(place.github.checkRuns.filter((check) => check.head_sha === head)).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: '1 blocking in 1 contract' }) }),
    ]);
    expect(place.github.comments).toHaveLength(1);
  });

  it('refuses a directory that already holds something', async () => {
    const refused = await run(process.execPath, [PACKAGER, tree], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('is not empty: give a new or empty directory') });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '../git/temp-repo.js';
import { DROP_AMOUNT, pullEvent, runEntry, type Workplace, workplace } from './support.js';

let place: Workplace;
let clones: string;

beforeAll(async () => {
  place = await workplace();
  clones = await makeTempDir();
});
afterAll(async () => {
  await place?.close();
  await rm(clones, { recursive: true, force: true });
});

/** A checkout as `actions/checkout` leaves one: cloned from the repository GitHub serves, `depth` commits deep. */
async function shallowClone(name: string, depth: number, branches: 'one' | 'all', ref: string): Promise<string> {
  const dir = join(clones, name);
  const which = branches === 'one' ? ['--single-branch', '--branch', ref] : ['--no-single-branch'];
  await place.repo.git('clone', '-q', `--depth=${depth}`, ...which, `file://${place.repo.dir}`, dir);
  return dir;
}

const runsOn = (sha: string) => place.github.checkRuns.filter((run) => run.head_sha === sha);

describe('the workflow checkout', () => {
  it('fetches what a one-commit checkout lacks, history included, before reviewing', async () => {
    await place.repo.git('checkout', '-q', '-b', 'shallow', place.base);
    const head = await place.repo.commit(DROP_AMOUNT, 'Drop the amount');
    await place.repo.git('checkout', '-q', 'main');
    const pull = await place.github.openPull({ number: 30, baseRef: 'main', headRef: 'shallow' });
    const checkout = await shallowClone('one-commit', 1, 'one', 'shallow');

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), env: { GITHUB_WORKSPACE: checkout } });

    expect(run.code).toBe(0);
    expect(runsOn(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(await place.repo.git('-C', checkout, 'rev-parse', '--is-shallow-repository')).toBe('false');
  });

  it('fails the check, saying to fetch the history, when the commits cannot be fetched', async () => {
    const pull = place.github.pulls.get(30)!;
    const checkout = await shallowClone('no-origin', 1, 'one', 'shallow');
    await place.repo.git('-C', checkout, 'remote', 'set-url', 'origin', `file://${clones}/nowhere`);

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('synchronize', pull), env: { GITHUB_WORKSPACE: checkout, GITHUB_RUN_ATTEMPT: '2' } });

    expect(run.code).toBe(1);
    const failed = runsOn(pull.headSha).at(-1)!;
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(failed.output.summary).toContain(`lacks commit ${pull.baseSha}`);
    expect(failed.output.summary).toContain('git fetch from origin failed');
    expect(failed.output.summary).toContain('`fetch-depth: 0`');
  });

  it('reviews a shallow checkout that holds the commits, and says its history is short', async () => {
    // main: base, docs 1, docs 2; the pull request branches from docs 1. Two commits deep, every commit the review
    // reads is there, and the merge base too, but nothing older.
    await place.repo.git('checkout', '-q', 'main');
    const fork = await place.repo.commit({ 'docs/one.md': '# One\n' }, 'Docs 1');
    await place.repo.commit({ 'docs/two.md': '# Two\n' }, 'Docs 2');
    await place.repo.git('checkout', '-q', '-b', 'short-history', fork);
    const head = await place.repo.commit(DROP_AMOUNT, 'Drop the amount');
    await place.repo.git('checkout', '-q', 'main');
    const pull = await place.github.openPull({ number: 31, baseRef: 'main', headRef: 'short-history' });
    const checkout = await shallowClone('two-commits', 2, 'all', 'main');
    await place.repo.git('-C', checkout, 'remote', 'set-url', 'origin', `file://${clones}/nowhere`);

    const run = await runEntry(place, { eventName: 'pull_request', payload: pullEvent('opened', pull), env: { GITHUB_WORKSPACE: checkout } });

    expect(run.code).toBe(0);
    const [check] = runsOn(head);
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check!.output.summary).toContain('The checkout is shallow and git fetch from origin failed');
  });
});

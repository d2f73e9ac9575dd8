import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { gitChangeSet } from '../../src/git/changeset.js';
import { GitError, type GitRepo, openRepo } from '../../src/git/repo.js';
import { type TempRepo, createTempRepo } from './temp-repo.js';

let temp: TempRepo;
let repo: GitRepo;

beforeEach(async () => {
  temp = await createTempRepo();
  repo = await openRepo(temp.dir);
});

afterEach(async () => {
  await repo.close();
  await temp.remove();
});

describe('gitChangeSet', () => {
  it('compares the head with the merge base, so what landed on main meanwhile is not the change', async () => {
    const fork = await temp.commit({ 'db/001.sql': 'create table orders (id int);' });
    await temp.git('checkout', '-q', '-b', 'feature');
    const head = await temp.commit({ 'db/002.sql': 'alter table orders drop column id;' });
    await temp.git('checkout', '-q', 'main');
    await temp.commit({ 'db/003.sql': 'create table customers (id int);' });

    const change = await gitChangeSet(repo, 'main', 'feature');
    expect(change.base.rev).toBe(fork);
    expect(change.head.rev).toBe(head);
    expect(change.changedFiles).toEqual(['db/002.sql']);
    expect(await change.base.readFile('db/002.sql')).toBeUndefined();
    expect(await change.head.readFile('db/002.sql')).toBe('alter table orders drop column id;');
    expect(await change.head.readFile('db/003.sql')).toBeUndefined();
  });

  it('reports an unknown base or head as an unknown revision', async () => {
    await temp.commit({ 'a.sql': 'one' });
    for (const [base, head] of [['origin/main', 'HEAD'], ['main', 'no-such-branch']] as const) {
      const error = await gitChangeSet(repo, base, head).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).kind).toBe('unknown-revision');
    }
  });
});

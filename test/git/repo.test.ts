import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError, type GitRepo, openRepo } from '../../src/git/repo.js';
import { type TempRepo, createTempRepo, makeTempDir } from './temp-repo.js';

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

async function gitErrorOf(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

describe('openRepo', () => {
  it('finds the top of the checkout from a directory inside it', async () => {
    await temp.commit({ 'db/migrations/001.sql': 'create table t (id int);' });
    const inner = await openRepo(join(temp.dir, 'db', 'migrations'));
    expect(inner.root).toBe(temp.dir);
    await inner.close();
  });

  it('says when a directory is not a repository, or does not exist', async () => {
    const plain = await makeTempDir();
    try {
      expect((await gitErrorOf(openRepo(plain))).kind).toBe('not-a-repository');
      expect((await gitErrorOf(openRepo(join(plain, 'missing')))).kind).toBe('not-a-repository');
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('resolve', () => {
  it('gives the full SHA of a branch or expression', async () => {
    const first = await temp.commit({ 'a.txt': 'one' });
    const second = await temp.commit({ 'a.txt': 'two' });
    expect(await repo.resolve('main')).toBe(second);
    expect(await repo.resolve('HEAD~1')).toBe(first);
    expect(await repo.resolve(first.slice(0, 10))).toBe(first);
  });

  it('reports a name that is no commit as an unknown revision, options included', async () => {
    await temp.commit({ 'a.txt': 'one' });
    const blob = await temp.git('rev-parse', 'HEAD:a.txt');
    for (const rev of ['no-such-branch', blob, '--all', '']) {
      expect((await gitErrorOf(repo.resolve(rev))).kind).toBe('unknown-revision');
    }
  });
});

describe('snapshot', () => {
  it('lists and reads the files of each commit', async () => {
    const first = await temp.commit({ 'db/001.sql': 'create table a ();', 'README.md': '# hi\n' });
    const second = await temp.commit({ 'db/001.sql': 'create table a (id int);', 'db/002.sql': 'drop table a;' });
    expect((await repo.snapshot(first).listFiles()).sort()).toEqual(['README.md', 'db/001.sql']);
    expect((await repo.snapshot(second).listFiles()).sort()).toEqual(['README.md', 'db/001.sql', 'db/002.sql']);
    expect(await repo.snapshot(first).readFile('db/001.sql')).toBe('create table a ();');
    expect(await repo.snapshot(second).readFile('db/001.sql')).toBe('create table a (id int);');
    expect(repo.snapshot(second).rev).toBe(second);
  });

  it('reads a file absent at a commit, or a directory, as undefined', async () => {
    const first = await temp.commit({ 'db/001.sql': 'one' });
    const second = await temp.commit({ 'db/002.sql': 'two' });
    expect(await repo.snapshot(first).readFile('db/002.sql')).toBeUndefined();
    expect(await repo.snapshot(second).readFile('db/002.sql')).toBe('two');
    expect(await repo.snapshot(second).readFile('db')).toBeUndefined();
  });

  it('handles paths with spaces and non-ASCII characters', async () => {
    const sha = await temp.commit({ 'db/my migrations/001 init.sql': 'select 1;', 'données/é t.sql': 'select 2;' });
    expect((await repo.snapshot(sha).listFiles()).sort()).toEqual(['db/my migrations/001 init.sql', 'données/é t.sql']);
    expect(await repo.snapshot(sha).readFile('db/my migrations/001 init.sql')).toBe('select 1;');
    expect(await repo.snapshot(sha).readFile('données/é t.sql')).toBe('select 2;');
  });

  it('reads binary and large files without losing the files read after them', async () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, index) => index % 256));
    const large = 'insert into t values (1);\n'.repeat(200_000);
    const sha = await temp.commit({ 'data.bin': binary, 'large.sql': large, 'after.sql': 'select 3;' });
    const snapshot = repo.snapshot(sha);
    const [binaryText, largeText, after] = await Promise.all(['data.bin', 'large.sql', 'after.sql'].map((path) => snapshot.readFile(path)));
    expect(binaryText).toBe(binary.toString('utf8'));
    expect(largeText).toHaveLength(large.length);
    expect(largeText === large).toBe(true);
    expect(after).toBe('select 3;');
  });

  it('reads hundreds of files at once, each with its own content', async () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`db/${String(index).padStart(3, '0')}.sql`, `select ${index};`]));
    const snapshot = repo.snapshot(await temp.commit(files));
    const paths = (await snapshot.listFiles()).sort();
    const texts = await Promise.all(paths.map((path) => snapshot.readFile(path)));
    expect(texts).toEqual(paths.map((path) => files[path]));
  });

  it('keeps reading after close, with a new reader process', async () => {
    const snapshot = repo.snapshot(await temp.commit({ 'a.sql': 'one', 'b.sql': 'two' }));
    expect(await snapshot.readFile('a.sql')).toBe('one');
    await repo.close();
    expect(await snapshot.readFile('b.sql')).toBe('two');
  });

  it('lists regular files only: no symlinks, whose content is a path', async () => {
    await mkdir(join(temp.dir, 'db'), { recursive: true });
    await symlink('001.sql', join(temp.dir, 'db', 'latest.sql'));
    const sha = await temp.commit({ 'db/001.sql': 'select 1;' });
    expect(await repo.snapshot(sha).listFiles()).toEqual(['db/001.sql']);
    expect(await repo.snapshot(sha).readFile('db/latest.sql')).toBeUndefined();
  });

  it('reports a commit that does not exist as an unknown revision', async () => {
    await temp.commit({ 'a.sql': 'one' });
    const error = await gitErrorOf(repo.snapshot('0123456789abcdef0123456789abcdef01234567').listFiles());
    expect(error.kind).toBe('unknown-revision');
  });
});

describe('changedFiles', () => {
  it('lists added, modified and removed files, and a renamed file under both names', async () => {
    const base = await temp.commit({ 'keep.sql': 'a', 'edit.sql': 'a', 'gone.sql': 'a', 'old name.sql': 'rename me\n'.repeat(20) });
    await temp.git('mv', 'old name.sql', 'new name.sql');
    const head = await temp.commit({ 'edit.sql': 'b', 'gone.sql': null, 'added.sql': 'c' });
    expect(await repo.changedFiles(base, head)).toEqual(['added.sql', 'edit.sql', 'gone.sql', 'new name.sql', 'old name.sql']);
  });
});

describe('mergeBase', () => {
  it('is where the branch left main, however far main moved on', async () => {
    const fork = await temp.commit({ 'a.sql': 'one' });
    await temp.git('checkout', '-q', '-b', 'feature');
    await temp.commit({ 'b.sql': 'feature' });
    await temp.git('checkout', '-q', 'main');
    await temp.commit({ 'c.sql': 'main moved on' });
    expect(await repo.mergeBase('main', 'feature')).toBe(fork);
  });

  it('fails with a reason when the histories share nothing', async () => {
    await temp.commit({ 'a.sql': 'one' });
    await temp.git('checkout', '-q', '--orphan', 'unrelated');
    await temp.commit({ 'b.sql': 'other history' });
    const error = await gitErrorOf(repo.mergeBase('main', 'unrelated'));
    expect(error.kind).toBe('failed');
    expect(error.message).toContain('no common ancestor');
  });
});

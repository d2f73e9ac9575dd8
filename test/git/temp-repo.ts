import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git as the tests drive it: a fixed identity, and none of the machine's own configuration. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A file's new content, or `null` to delete it. */
export type FileChanges = Record<string, string | Buffer | null>;

export interface TempRepo {
  dir: string;
  git(...args: string[]): Promise<string>;
  /** Applies the changes, commits them all and returns the new commit's SHA. */
  commit(changes: FileChanges, message?: string): Promise<string>;
  remove(): Promise<void>;
}

export async function makeTempDir(): Promise<string> {
  // realpath: the temporary directory may sit behind a symlink (macOS), and git reports the resolved path.
  return realpath(await mkdtemp(join(tmpdir(), 'dcr-git-')));
}

export async function createTempRepo(): Promise<TempRepo> {
  const dir = await makeTempDir();
  const git = async (...args: string[]): Promise<string> => (await run('git', ['-C', dir, ...args], { env: GIT_ENV })).stdout.trim();
  await git('init', '-q', '-b', 'main');
  return {
    dir,
    git,
    async commit(changes, message = 'change') {
      for (const [path, content] of Object.entries(changes)) {
        if (content === null) {
          await git('rm', '-q', '--', path);
        } else {
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await writeFile(join(dir, path), content);
        }
      }
      await git('add', '-A');
      await git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { makeTempDir } from '../../git/temp-repo.js';

/** A repository's files, path to text. */
export type Files = Record<string, string>;

/** A commit as a test declares it: all the files it holds (not what it changes), and the commit it follows. */
export interface CommitSpec {
  files: Files;
  parent?: string;
}

/** Commits by name, each parent before its children; every name is a branch at its commit too. */
export type Commits = Record<string, CommitSpec>;

export interface TestRepository {
  dir: string;
  /** The SHA of the commit declared as `name`. */
  sha(name: string): string;
  /** Points `branch` at a commit, as a push does. */
  setBranch(branch: string, sha: string): Promise<void>;
  remove(): Promise<void>;
}

/** Git with none of the machine's configuration. */
const GIT_ENVIRONMENT = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
/** Commits are an hour apart in the order declared, from here: histories sort by date as they were declared. */
const FIRST_COMMIT_AT = Date.UTC(2025, 0, 1) / 1000;
const HOUR = 3600;

/** Writes `commits` into a new repository in one `git fast-import`, so even a long history takes one process. */
export async function writeRepository(commits: Commits): Promise<TestRepository> {
  const dir = await makeTempDir();
  const names = Object.keys(commits);
  const mark = (name: string): number => names.indexOf(name) + 1;
  const stream = names.map((name, index) => {
    const { files, parent } = commits[name] as CommitSpec;
    if (parent !== undefined && !(mark(parent) > 0 && mark(parent) < index + 1)) {
      throw new Error(`commit "${name}" follows "${parent}", which is not declared before it`);
    }
    return [
      `commit refs/heads/${name}`,
      `mark :${index + 1}`,
      `committer Test <test@example.com> ${FIRST_COMMIT_AT + index * HOUR} +0000`,
      data(name),
      ...(parent === undefined ? [] : [`from :${mark(parent)}`]),
      'deleteall',
      ...Object.entries(files).map(([path, text]) => `M 100644 inline ${path}\n${data(text)}`),
      '',
    ].join('\n');
  });
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['fast-import', '--quiet'], stream.join(''));
  const refs = await git(dir, ['for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/heads']);
  const shas = new Map(refs.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
  return {
    dir,
    sha(name) {
      const sha = shas.get(name);
      if (sha === undefined) throw new Error(`no commit "${name}" was declared`);
      return sha;
    },
    setBranch: async (branch, sha) => void (await git(dir, ['update-ref', `refs/heads/${branch}`, sha])),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** fast-import's exact-length data block. */
function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}`;
}

function git(dir: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-C', dir, ...args], { env: GIT_ENVIRONMENT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    );
    child.stdin?.end(input);
  });
}

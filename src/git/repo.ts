import type { RepoSnapshot } from '../core/snapshot.js';
import { BlobReader } from './blob-reader.js';
import { GitError } from './errors.js';
import { commandFailure, gitOutput, runGit } from './run.js';
import { GitSnapshot } from './snapshot.js';

export { GitError, type GitErrorKind } from './errors.js';

/** A local checkout read through the git CLI. Call `close()` when done, to end the process that reads files. */
export class GitRepo {
  private readonly reader: BlobReader;
  private readonly snapshots = new Map<string, GitSnapshot>();

  /** Use `openRepo`, which checks that `root` is a checkout. */
  constructor(readonly root: string) {
    this.reader = new BlobReader(root);
  }

  /** The full SHA of the commit `rev` names (a branch, tag, SHA or expression such as `HEAD~2`). */
  async resolve(rev: string): Promise<string> {
    const args = ['rev-parse', '--verify', '--quiet', `${revision(rev)}^{commit}`];
    const output = await runGit(this.root, args);
    if (output.status === 0) return output.stdout.trim();
    // --quiet leaves stderr empty for a name that resolves to nothing; git's words are kept for anything else.
    if (output.status === 1) throw unknownRevision(rev, output.stderr.trim());
    throw commandFailure(args, output);
  }

  /** The best common ancestor of two commits: where a branch left the one it merges into. */
  async mergeBase(a: string, b: string): Promise<string> {
    const [first, second] = await Promise.all([this.resolve(a), this.resolve(b)]);
    const output = await runGit(this.root, ['merge-base', first, second]);
    if (output.status === 0) return output.stdout.trim();
    if (output.status === 1) throw new GitError('failed', `${a} and ${b} have no common ancestor${await this.shallowHint()}`);
    throw commandFailure(['merge-base'], output);
  }

  /** The files at commit `sha` (resolve a name first); listing and reading are cached per commit and per blob. */
  snapshot(sha: string): RepoSnapshot {
    let snapshot = this.snapshots.get(sha);
    if (!snapshot) {
      snapshot = new GitSnapshot(revision(sha), this.root, this.reader);
      this.snapshots.set(sha, snapshot);
    }
    return snapshot;
  }

  /** Paths added, modified or removed from `base` to `head`; a renamed file appears under both names. */
  async changedFiles(base: string, head: string): Promise<string[]> {
    const output = await gitOutput(this.root, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', revision(base), revision(head)]);
    return output.split('\0').filter((path) => path !== '');
  }

  /** Whether the history is cut short (a shallow clone, as CI checkouts often are). */
  async isShallow(): Promise<boolean> {
    const shallow = await runGit(this.root, ['rev-parse', '--is-shallow-repository']);
    return shallow.stdout.trim() === 'true';
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  private async shallowHint(): Promise<string> {
    return (await this.isShallow()) ? ' in this shallow clone; fetch more history (for example `git fetch --unshallow`)' : '';
  }
}

/** The checkout that contains `dir`. */
export async function openRepo(dir: string): Promise<GitRepo> {
  const args = ['rev-parse', '--show-toplevel'];
  const output = await runGit(dir, args);
  if (output.status === 0) return new GitRepo(output.stdout.replace(/\n$/, ''));
  if (/not a git repository|cannot change to/i.test(output.stderr)) {
    throw new GitError('not-a-repository', `${dir} is not a git repository (or does not exist)`);
  }
  throw commandFailure(args, output);
}

/** A revision git cannot mistake for an option. */
function revision(rev: string): string {
  if (rev === '' || rev.startsWith('-')) throw unknownRevision(rev, '');
  return rev;
}

function unknownRevision(rev: string, said: string): GitError {
  return new GitError('unknown-revision', `unknown revision "${rev}": no such commit in this repository${said ? ` (${said})` : ''}`);
}

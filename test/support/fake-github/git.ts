import { execFile } from 'node:child_process';

/** Git with none of the machine's configuration, so no diff driver or rename setting changes what it reports. */
const GIT_ENVIRONMENT = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;
const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Branch names, tags and SHAs: nothing git would read as an option or as a revision expression. */
const PLAIN_REVISION = /^(?!-)(?!.*\.\.)[\w./-]+$/;

export type GitObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface GitObject {
  type: GitObjectType;
  content: Buffer;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blobs only. */
  size?: number;
}

export type ChangeStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'changed';

export interface ChangedFile {
  filename: string;
  previousFilename?: string;
  status: ChangeStatus;
  /** The file's blob at the newer commit, or at the older one for a removal. */
  sha: string;
  additions: number;
  deletions: number;
}

export interface Signature {
  name: string;
  email: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface LoggedCommit {
  sha: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'unknown'}): ${stderr.trim()}`);
  }
}

export const isFullSha = (value: string): boolean => FULL_SHA.test(value);

/** Reads one repository with the git CLI, run without a shell. */
export class GitReader {
  private readonly diffs = new Map<string, Promise<ChangedFile[]>>();

  constructor(private readonly dir: string) {}

  /** The SHA a branch, tag or SHA names, peeled to a commit or tree; `undefined` when it names none. */
  async resolve(revision: string, type: 'commit' | 'tree'): Promise<string | undefined> {
    if (!PLAIN_REVISION.test(revision)) return undefined;
    const sha = await this.runAllowingExitOne([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${revision}^{${type}}`,
    ]);
    return sha?.toString('utf8').trim();
  }

  async mergeBase(first: string, second: string): Promise<string | undefined> {
    const sha = await this.runAllowingExitOne(['merge-base', first, second]);
    return sha?.toString('utf8').trim();
  }

  /** Commits reachable from `to` and not from `from`, oldest first. */
  async commitsBetween(from: string, to: string): Promise<string[]> {
    const output = await this.run(['rev-list', '--reverse', `${from}..${to}`]);
    return output.toString('utf8').split('\n').filter(Boolean);
  }

  async treeEntries(treeSha: string, recursive: boolean): Promise<TreeEntry[]> {
    const output = await this.run(['ls-tree', '-l', '--full-tree', '-z', ...(recursive ? ['-r', '-t'] : []), treeSha]);
    return splitNul(output).map(parseTreeRecord);
  }

  /** Objects by full SHA, read in one `git cat-file --batch`; SHAs the repository lacks are absent from the map. */
  async readObjects(shas: readonly string[]): Promise<Map<string, GitObject>> {
    const wanted = [...new Set(shas.filter(isFullSha))];
    const objects = new Map<string, GitObject>();
    if (wanted.length === 0) return objects;
    const output = await this.run(['cat-file', '--batch'], `${wanted.join('\n')}\n`);
    let offset = 0;
    for (const sha of wanted) {
      const headerEnd = output.indexOf(0x0a, offset);
      const [, type, size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
      offset = headerEnd + 1;
      if (size === undefined) continue; // "<sha> missing"
      const length = Number(size);
      objects.set(sha, { type: type as GitObjectType, content: output.subarray(offset, offset + length) });
      offset += length + 1;
    }
    return objects;
  }

  /**
   * The commits reachable from `revision`, in `git log`'s order (newest first); with `path`, only those that changed
   * something at or under it, the path taken literally.
   */
  async log(revision: string, path?: string): Promise<LoggedCommit[]> {
    const output = await this.run([
      '--literal-pathspecs',
      'log',
      '-z',
      `--format=${LOG_FIELDS.join('%x1f')}`,
      '--end-of-options',
      revision,
      '--',
      ...(path === undefined ? [] : [path]),
    ]);
    return splitNul(output).map(parseLogRecord);
  }

  /** The files that differ between two commits, with renames detected as `git diff -M` does. */
  changedFiles(from: string, to: string): Promise<ChangedFile[]> {
    const key = `${from}..${to}`;
    let files = this.diffs.get(key);
    if (!files) {
      files = this.diff(from, to);
      this.diffs.set(key, files);
    }
    return files;
  }

  private async diff(from: string, to: string): Promise<ChangedFile[]> {
    const [raw, numstat] = await Promise.all([
      this.run(['diff', '--raw', '--no-abbrev', '-z', '-M', from, to]),
      this.run(['diff', '--numstat', '-z', '-M', from, to]),
    ]);
    const lineCounts = parseNumstat(splitNul(numstat));
    return parseRawDiff(splitNul(raw)).map((file) => ({
      ...file,
      ...(lineCounts.get(file.filename) ?? { additions: 0, deletions: 0 }),
    }));
  }

  private async runAllowingExitOne(args: string[]): Promise<Buffer | undefined> {
    try {
      return await this.run(args);
    } catch (error) {
      if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
      throw error;
    }
  }

  private run(args: string[], input?: string): Promise<Buffer> {
    const fullArgs = ['-C', this.dir, ...args];
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        fullArgs,
        { encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES, env: GIT_ENVIRONMENT },
        (error, stdout, stderr) => {
          if (error) {
            const exitCode = typeof error.code === 'number' ? error.code : undefined;
            reject(new GitCommandError(args, exitCode, stderr.toString('utf8')));
          } else {
            resolve(stdout);
          }
        },
      );
      child.stdin?.end(input); // closed even without input, so git never waits on it
    });
  }
}

function splitNul(output: Buffer): string[] {
  const records = output.toString('utf8').split('\0');
  records.pop(); // every record ends with NUL, so the last piece is empty
  return records;
}

/** `<mode> <type> <sha> <size>\t<path>`, the size padded with spaces and `-` for anything but a blob. */
function parseTreeRecord(record: string): TreeEntry {
  const tab = record.indexOf('\t');
  const [mode = '', type = '', sha = '', size = '-'] = record.slice(0, tab).split(/ +/);
  const entry: TreeEntry = { path: record.slice(tab + 1), mode, type: type as TreeEntry['type'], sha };
  if (size !== '-') entry.size = Number(size);
  return entry;
}

/** Hash, parents, then author and committer as name, email and epoch seconds, then the whole message. */
const LOG_FIELDS = ['%H', '%P', '%an', '%ae', '%at', '%cn', '%ce', '%ct', '%B'];

function parseLogRecord(record: string): LoggedCommit {
  const fields = record.split('\x1f');
  const field = (index: number): string => fields[index] ?? '';
  const signature = (first: number): Signature => ({
    name: field(first),
    email: field(first + 1),
    at: Number(field(first + 2)) * 1000,
  });
  return {
    sha: field(0),
    parents: field(1).split(' ').filter(Boolean),
    author: signature(2),
    committer: signature(5),
    message: field(8).replace(/\n+$/, ''),
  };
}

const STATUS_BY_LETTER: Record<string, ChangeStatus> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  T: 'changed',
};

/** `:<mode> <mode> <sha> <sha> <status>` then the path, or the old and the new path for a rename. */
function parseRawDiff(records: string[]): Omit<ChangedFile, 'additions' | 'deletions'>[] {
  const files: Omit<ChangedFile, 'additions' | 'deletions'>[] = [];
  for (let index = 0; index < records.length;) {
    const [, , oldSha = '', newSha = '', code = ''] = (records[index++] ?? '').split(' ');
    const letter = code.charAt(0);
    const status = STATUS_BY_LETTER[letter];
    if (!status) throw new Error(`unexpected git diff status ${code}`);
    const firstPath = records[index++] ?? '';
    if (status === 'renamed') {
      files.push({ filename: records[index++] ?? '', previousFilename: firstPath, status, sha: newSha });
    } else {
      files.push({ filename: firstPath, status, sha: status === 'removed' ? oldSha : newSha });
    }
  }
  return files;
}

/** `<added>\t<deleted>\t<path>`, or `<added>\t<deleted>\t` then the old and the new path; `-` counts for binaries. */
function parseNumstat(records: string[]): Map<string, { additions: number; deletions: number }> {
  const counts = new Map<string, { additions: number; deletions: number }>();
  for (let index = 0; index < records.length;) {
    const match = /^([\d-]+)\t([\d-]+)\t(.*)$/s.exec(records[index++] ?? '');
    if (!match) throw new Error('unexpected git diff --numstat output');
    const [, added = '-', deleted = '-', path = ''] = match;
    let filename = path;
    if (path === '') {
      index += 1; // the old path of a rename
      filename = records[index++] ?? '';
    }
    counts.set(filename, {
      additions: added === '-' ? 0 : Number(added),
      deletions: deleted === '-' ? 0 : Number(deleted),
    });
  }
  return counts;
}

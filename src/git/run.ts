import { execFile } from 'node:child_process';
import { GitError } from './errors.js';

export interface GitOutput {
  status: number;
  stdout: string;
  stderr: string;
}

/** Enough for the file list of a very large repository; git's output is never the thing to limit here. */
const MAX_OUTPUT_BYTES = 1024 ** 3;

/** Runs `git -C dir ...args` without a shell. A non-zero exit is returned for the caller to interpret, not thrown. */
export function runGit(dir: string, args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, env: gitEnvironment() },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          const reason = error.code === 'ENOENT' ? 'git is not installed or not on the PATH' : error.message;
          reject(new GitError('failed', `could not run git ${args[0] ?? ''}: ${reason}`, { cause: error }));
          return;
        }
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Like `runGit`, for commands whose only acceptable outcome is success. */
export async function gitOutput(dir: string, args: readonly string[]): Promise<string> {
  const output = await runGit(dir, args);
  if (output.status !== 0) throw commandFailure(args, output);
  return output.stdout;
}

export function commandFailure(args: readonly string[], output: GitOutput): GitError {
  const said = output.stderr.trim().split('\n')[0] ?? '';
  const kind = /not a valid object name|unknown revision|bad revision|not a tree object/i.test(output.stderr) ? 'unknown-revision' : 'failed';
  return new GitError(kind, `git ${args[0] ?? ''} failed (exit ${output.status})${said ? `: ${said}` : ''}`);
}

/**
 * The repository is the directory given, never one named by the environment: inside a git hook GIT_DIR and friends
 * point at the hook's repository. Messages stay in English because failures are told apart by their wording.
 */
export function gitEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR']) delete environment[name];
  return environment;
}

/**
 * `not-a-repository`: the directory is not inside a git checkout (or does not exist).
 * `unknown-revision`: a branch, tag or SHA names no commit here (often: not fetched yet).
 * `failed`: anything else git refused, with git's own words in the message.
 */
export type GitErrorKind = 'not-a-repository' | 'unknown-revision' | 'failed';

export class GitError extends Error {
  override readonly name = 'GitError';

  constructor(
    readonly kind: GitErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

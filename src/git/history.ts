import { globPrefix } from '../core/glob-prefix.js';
import type { FileHistory, RepoSnapshot } from '../core/snapshot.js';
import type { GitRepo } from './repo.js';
import { gitOutput } from './run.js';

/** Syntax git's `:(glob)` pathspecs lack (braces, extglobs, negation, a leading `./`), where the glob's directory is used instead. */
const BEYOND_GIT_GLOBS = /^!|^\.\/|[{}()]/;

/** The history behind one commit, walked by `git rev-list` with pathspecs, so git only compares the paths that matter. */
export class GitFileHistory implements FileHistory {
  constructor(
    private readonly repo: GitRepo,
    private readonly base: string,
  ) {}

  async earlierVersions(globs: readonly string[], limit: number): Promise<{ snapshots: RepoSnapshot[]; complete: boolean }> {
    // Without a pathspec rev-list would list every commit.
    if (globs.length === 0) return { snapshots: [], complete: true };
    // The base itself may come first, and one more than the limit tells whether there were more.
    const args = ['rev-list', `--max-count=${limit + 2}`, this.base, '--', ...globs.map(pathspec)];
    const [listing, shallow] = await Promise.all([gitOutput(this.repo.root, args), this.repo.isShallow()]);
    const earlier = listing.split('\n').filter((sha) => sha !== '' && sha !== this.base);
    return {
      snapshots: earlier.slice(0, limit).map((sha) => this.repo.snapshot(sha)),
      complete: earlier.length <= limit && !shallow,
    };
  }
}

/** The glob itself where git reads it as the review does; otherwise the directory it lies in, which lists a few commits too many. */
function pathspec(glob: string): string {
  if (!BEYOND_GIT_GLOBS.test(glob)) return `:(glob)${glob}`;
  const prefix = globPrefix(glob);
  return prefix === '' ? ':/' : `:(literal)${prefix}`;
}

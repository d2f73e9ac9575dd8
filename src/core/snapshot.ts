/** The repository's files at one commit, as the engine sees them. Git, GitHub and tests each provide one. */
export interface RepoSnapshot {
  /** The commit this snapshot shows (a full SHA where the adapter knows it). */
  readonly rev: string;
  /** Every file path at this commit, relative to the repository root, with `/` separators. */
  listFiles(): Promise<string[]>;
  /** A file's text, or `undefined` when the commit has no such file. */
  readFile(path: string): Promise<string | undefined>;
  /** A file's size in bytes without reading it, where the adapter knows it (GitHub's trees do). */
  fileSize?(path: string): Promise<number | undefined>;
}

/** What a review compares: the base and head commits and the paths the change touches. */
export interface ChangeSet {
  /**
   * The target branch's current commit: contracts and settings are read here, never at the head (a change cannot
   * weaken what it is judged by) and never at an old merge base (a branch older than a contract is judged by it).
   */
  target: RepoSnapshot;
  /** Where the change starts: the merge base of the target and the head. */
  base: RepoSnapshot;
  head: RepoSnapshot;
  /** Paths added, modified, removed or renamed (both names) between base and head. */
  changedFiles: string[];
  /** Set when the list of changed files is known to be incomplete: every contract is then evaluated. */
  changedFilesTruncated?: boolean;
  /** What the reader of the review should know about how the change was read (a file list past GitHub's cap). */
  notes?: string[];
  /** The base commit's history, where the adapter can read it; without it, transitive checks say they could not run. */
  history?: FileHistory;
}

/** The earlier versions of some files, for checks against every earlier version of a schema (transitive modes). */
export interface FileHistory {
  /**
   * Commits older than the base commit (ancestors reachable from it, the base itself excluded) that changed a file
   * matching one of the globs, newest first, at most `limit` of them. `complete` is false when there may be more
   * (the limit was reached, or the adapter could only look at part of the history).
   */
  earlierVersions(globs: readonly string[], limit: number): Promise<{ snapshots: RepoSnapshot[]; complete: boolean }>;
}

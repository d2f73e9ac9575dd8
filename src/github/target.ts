/** What one review on GitHub compares, and where its check run and comment go. */
export type ReviewTarget =
  | {
      kind: 'pull';
      owner: string;
      repo: string;
      number: number;
      headSha: string;
      /** The base branch's tip when the event was sent; the review compares from the merge base with it. */
      baseSha: string;
      /** The repository's web address, for links to contract files. */
      htmlUrl: string;
    }
  | {
      kind: 'merge-group';
      owner: string;
      repo: string;
      headSha: string;
      /** The commit the merge group is built on: the group's head descends from it. */
      baseSha: string;
      htmlUrl: string;
    };

/** Stored on the check run, so a re-run can find its pull request again (fork PRs carry none in the payload). */
export function externalId(target: ReviewTarget): string {
  return JSON.stringify(target.kind === 'pull' ? { pull: target.number } : { mergeGroupBase: target.baseSha });
}

export function parseExternalId(value: string | null | undefined): { pull?: number; mergeGroupBase?: string } {
  try {
    const parsed = JSON.parse(value ?? '') as { pull?: unknown; mergeGroupBase?: unknown };
    return {
      ...(typeof parsed.pull === 'number' ? { pull: parsed.pull } : {}),
      ...(typeof parsed.mergeGroupBase === 'string' ? { mergeGroupBase: parsed.mergeGroupBase } : {}),
    };
  } catch {
    return {};
  }
}

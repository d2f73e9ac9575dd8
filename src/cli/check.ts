import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { gitChangeSet } from '../git/changeset.js';
import { GitError, openRepo } from '../git/repo.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { createEngine } from '../review/engine.js';
import type { Review } from '../core/review.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal that shows colour. */
  color?: boolean;
}

export interface CheckOptions {
  base: string;
  head: string;
  repo: string;
  format: OutputFormat;
  color?: boolean;
}

export function render(review: Review, format: OutputFormat, color = false): string {
  if (format === 'json') return renderJson(review);
  if (format === 'markdown') return renderMarkdown(review);
  return renderText(review, { color });
}

/** Reviews a local checkout: the merge base of `base` and `head` against `head`. Throws GitError on bad input. */
export async function reviewRepository(options: Pick<CheckOptions, 'repo' | 'base' | 'head'>): Promise<Review> {
  const repo = await openRepo(options.repo);
  const engine = createEngine({ registry: registryFromEnvironment(process.env), ...mysqlServerFromEnvironment(process.env) });
  try {
    return await engine.review(await gitChangeSet(repo, options.base, options.head));
  } finally {
    await repo.close();
    await engine.close();
  }
}

/** `dcr check`: exit 1 when the conclusion is failure, 0 otherwise, 2 when the review could not run. */
export async function runCheck(options: CheckOptions, output: Output): Promise<number> {
  let review: Review;
  try {
    review = await reviewRepository(options);
  } catch (error) {
    const reason = error instanceof GitError ? error.message : String((error as Error)?.stack ?? error);
    output.stderr(`dcr: the review could not run: ${reason}\n`);
    return 2;
  }
  output.stdout(render(review, options.format, options.color));
  return exitCode(review);
}

export function exitCode(review: Review): number {
  return review.conclusion === 'failure' ? 1 : 0;
}

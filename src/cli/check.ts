import { parseArgs } from 'node:util';
import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { gitChangeSet } from '../git/changeset.js';
import { GitError, openRepo } from '../git/repo.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { createEngine } from '../review/engine.js';
import type { Review } from '../core/review.js';
import { type Command, type Output, UsageError, parseArguments } from './command.js';

export type { Output } from './command.js';
export type OutputFormat = 'text' | 'json' | 'markdown';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];

const USAGE = `Usage: dcr check --base REV [--head REV] [--repo DIR] [--format text|json|markdown]

Reviews the change from the merge base of REV..HEAD against the data contracts of the base commit.

Options:
  --base REV      the branch or commit the change goes into (for example origin/main)
  --head REV      the commit to review (default: HEAD)
  --repo DIR      the git checkout (default: the current directory)
  --format FMT    text (default), json (the stable interface) or markdown (the PR comment)
  -h, --help      show this help

Exit status: 0 when nothing blocks, 1 when the conclusion is failure, 2 when the check could not run.`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'review a change (base..head) against the contracts',
  usage: USAGE,
  run: (argv, output) => runCheck({ ...parseCheckArguments(argv), color: output.color ?? false }, output),
};

function parseCheckArguments(argv: string[]): CheckOptions {
  const { values, positionals } = parseArguments(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        repo: { type: 'string', default: '.' },
        format: { type: 'string', default: 'text' },
      },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.base) throw new UsageError('--base is required');
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  return { base: values.base, head: values.head, repo: values.repo, format };
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

import { parseArgs } from 'node:util';
import { type CheckOptions, type Output, type OutputFormat, runCheck } from './check.js';

const USAGE = `Usage: dcr check --base REV [--head REV] [--repo DIR] [--format text|json|markdown]

Reviews the change from the merge base of REV..HEAD against the data contracts of the base commit.

Options:
  --base REV      the branch or commit the change goes into (for example origin/main)
  --head REV      the commit to review (default: HEAD)
  --repo DIR      the git checkout (default: the current directory)
  --format FMT    text (default), json (the stable interface) or markdown (the PR comment)
  -h, --help      show this help

Exit status: 0 when nothing blocks, 1 when the conclusion is failure, 2 when the check could not run.`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];


export async function main(argv: string[], output: Output): Promise<number> {
  let parsed: ReturnType<typeof parseCheckArguments>;
  try {
    parsed = parseCheckArguments(argv);
  } catch (error) {
    output.stderr(`dcr: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    output.stdout(`${USAGE}\n`);
    return 0;
  }
  return runCheck({ ...parsed, color: output.color ?? false }, output);
}

function parseCheckArguments(argv: string[]): CheckOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string', default: 'HEAD' },
      repo: { type: 'string', default: '.' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [command, ...extra] = positionals;
  if (command !== 'check') throw new Error(command ? `unknown command "${command}"` : 'a command is needed');
  if (extra.length > 0) throw new Error(`unexpected argument "${extra[0]}"`);
  if (!values.base) throw new Error('--base is required');
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  return { base: values.base, head: values.head, repo: values.repo, format };
}

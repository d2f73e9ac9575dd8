import type { ReviewError } from '../core/review.js';

/** Where a command writes: the process's streams in `dcr`, buffers in tests. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal that shows colour. */
  color?: boolean;
}

/**
 * One `dcr` subcommand. `run` returns the exit status: 0 when it did its work, 2 when it could not run; a command
 * may give other statuses a meaning of its own (`check` exits 1 when the conclusion is failure).
 */
export interface Command {
  name: string;
  /** One line for `dcr --help`. */
  summary: string;
  /** The command's own help text, shown by `dcr NAME --help` and after a usage error. */
  usage: string;
  run(argv: string[], output: Output): Promise<number>;
}

/** A mistake in the command line: shown with the command's usage, exit status 2. */
export class UsageError extends Error {}

/** node's parseArgs, its errors (an unknown option, a missing value) turned into usage errors. */
export function parseArguments<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `file:line:column: message`, as compilers say where a mistake is. */
export function errorLine(error: ReviewError): string {
  const position = [error.file, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined);
  return `${position.join(':')}: ${error.message}`;
}

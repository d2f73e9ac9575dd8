import { catalogCommand } from './catalog.js';
import { checkCommand } from './check.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { type Command, type Output, UsageError } from './command.js';

const COMMANDS: readonly Command[] = [checkCommand, initCommand, catalogCommand, exportCommand, importCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: dcr COMMAND [options]',
    '',
    'Reviews changes against the data contracts kept in a git repository.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run dcr COMMAND --help for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    output[name === undefined ? 'stderr' : 'stdout'](`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    output.stderr(`dcr: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    output.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.stderr(`dcr ${command.name}: ${error.message}\n\n${command.usage}\n`);
    return 2;
  }
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { type ContractSet, loadContracts } from '../contracts/load.js';
import type { AssetType, Contract } from '../contracts/schema.js';
import { GitError, openRepo } from '../git/repo.js';
import { toOdcs } from '../odcs/to-odcs.js';
import { createEngine } from '../review/engine.js';
import { readContracts, readSettings } from '../review/run.js';
import type { FamilyOf } from '../core/type-families.js';
import { type Command, type Output, UsageError, errorLine, parseArguments } from './command.js';
import { contractLayout } from './contract-layout.js';

const USAGE = `Usage: dcr export --format odcs CONTRACT [--repo DIR] [--rev REV] [--out FILE]

Writes one contract as an Open Data Contract Standard (ODCS) v3.1.0 document, in YAML. \`dcr import odcs\` reads
it back into the same contract.

CONTRACT is a contract file (a path ending in .yaml or .yml, or with a /), read as it is on disk, or a contract
id, looked up among the contracts of a commit.

Options:
  --format odcs   the format to write: odcs, ODCS v3.1.0 (the only one)
  --repo DIR      the git checkout (default: the current directory)
  --rev REV       read the contract at this commit, a file's path then being from the repository root
                  (default: the file on disk, or HEAD for an id)
  --out FILE      write the document to FILE, replacing it (default: standard output)
  -h, --help      show this help

Exit status: 0 when the document was written, 2 when it could not be.`;

const FORMATS = ['odcs'];

interface ExportOptions {
  contract: string;
  repo: string;
  rev?: string;
  out?: string;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a contract as an ODCS v3 document',
  usage: USAGE,
  run: (argv, output) => runExport(parseExportArguments(argv), output),
};

function parseExportArguments(argv: string[]): ExportOptions {
  const { values, positionals } = parseArguments(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        repo: { type: 'string', default: '.' },
        rev: { type: 'string' },
        out: { type: 'string' },
      },
    }),
  );
  if (values.format === undefined) throw new UsageError('--format is required');
  if (!FORMATS.includes(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (positionals.length === 0) throw new UsageError('name the contract to export: its id or its file');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return { contract: positionals[0]!, repo: values.repo, ...(values.rev ? { rev: values.rev } : {}), ...(values.out ? { out: values.out } : {}) };
}

async function runExport(options: ExportOptions, output: Output): Promise<number> {
  let found: { contract: Contract } | { errors: string[] };
  try {
    found = await findContract(options);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    output.stderr(`dcr export: ${error.message}\n`);
    return 2;
  }
  if ('errors' in found) {
    output.stderr(`${found.errors.map((line) => `dcr export: ${line}`).join('\n')}\n`);
    return 2;
  }
  const text = stringify(toOdcs(found.contract, await familyOf(found.contract.asset.type)), { lineWidth: 0 });
  if (options.out === undefined) {
    output.stdout(text);
    return 0;
  }
  const refused = await outputRefused(options, options.out);
  if (refused) {
    output.stderr(`dcr export: ${refused}\n`);
    return 2;
  }
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, text);
  output.stderr(`dcr export: wrote ${options.out}\n`);
  return 0;
}

function namesFile(contract: string): boolean {
  return contract.includes('/') || /\.ya?ml$/i.test(contract);
}

async function findContract(options: ExportOptions): Promise<{ contract: Contract } | { errors: string[] }> {
  if (namesFile(options.contract) && options.rev === undefined) {
    const text = await readFile(options.contract, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
      throw error;
    });
    if (text === undefined) return { errors: [`${options.contract}: no such file`] };
    return theOnlyContract(loadContracts([{ path: options.contract, text }]));
  }
  const repo = await openRepo(options.repo);
  try {
    const rev = options.rev ?? 'HEAD';
    const snapshot = repo.snapshot(await repo.resolve(rev));
    if (namesFile(options.contract)) {
      const path = isAbsolute(options.contract) ? relative(repo.root, options.contract) : options.contract;
      const text = await snapshot.readFile(path);
      if (text === undefined) return { errors: [`${path}: no such file at ${rev}`] };
      return theOnlyContract(loadContracts([{ path, text }]));
    }
    const { contracts, errors } = await readContracts(snapshot, await snapshot.listFiles(), await readSettings(snapshot));
    const loaded = contracts.find((candidate) => candidate.contract.id === options.contract);
    if (loaded) return { contract: loaded.contract };
    const unread = errors.length > 0 ? '; these contract files could not be read, and may hold it:' : '';
    return { errors: [`no contract has the id "${options.contract}" at ${rev}${unread}`, ...errors.map(errorLine)] };
  } finally {
    await repo.close();
  }
}

function theOnlyContract(set: ContractSet): { contract: Contract } | { errors: string[] } {
  const [loaded] = set.contracts;
  return loaded && set.errors.length === 0 ? { contract: loaded.contract } : { errors: set.errors.map(errorLine) };
}


/** The asset type's families, as its reader knows them: the logical types of the asset's own type spellings. */
async function familyOf(type: AssetType): Promise<FamilyOf> {
  const engine = createEngine();
  try {
    return engine.typesOf(type).familyOf;
  } finally {
    await engine.close();
  }
}

/**
 * Why the document may not be written to `out`: over the contract it comes from, or where the review reads contracts,
 * where it would be read as a broken contract that takes the id of the real one.
 */
async function outputRefused(options: ExportOptions, out: string): Promise<string | undefined> {
  if (namesFile(options.contract) && resolve(out) === resolve(options.contract)) return `${out} is the contract itself: write the document to another file`;
  const layout = await contractLayout(options.repo);
  if (layout?.isContractFile(out)) {
    return `${out} is where the review reads contracts (${layout.contractGlobs.join(', ')}): the document would be read as a broken contract that takes the id of the real one; write it elsewhere`;
  }
  return undefined;
}

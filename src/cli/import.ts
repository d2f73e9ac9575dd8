import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { byPosition, parseYamlFile, type YamlFile } from '../contracts/yaml-positions.js';
import { type SchemaReference, schemaReferenceFor, schemaReferenceOf } from '../init/schema-reference.js';
import { contractText } from '../odcs/contract-text.js';
import { fromOdcs } from '../odcs/from-odcs.js';
import type { OdcsNote } from '../odcs/notes.js';
import { shippedSchemaPath } from './shipped-schema.js';
import { type Command, type Output, UsageError, errorLine, parseArguments } from './command.js';
import { type ContractLayout, contractLayout } from './contract-layout.js';
import { contractPath } from '../init/contract-path.js';

const USAGE = `Usage: dcr import odcs FILE [--out FILE] [--repo DIR]

Writes the contract an Open Data Contract Standard (ODCS) v3 document describes (v3.0.0 to v3.1.0, YAML or JSON).
A document \`dcr export\` wrote gives its contract back unchanged.

What a contract has no place for is dropped with a warning when it only informs people or says where the data is
kept (tags, business names, servers, team members, ...), and refused when it is a promise to consumers that dcr
does not keep (quality rules other than required, unique and enum, service levels, bounds on values,
relationships): the contract is then not written, and each refusal is listed at its line. A document dcr did not
write needs the custom properties dcr.consumers (on the document), dcr.asset.type and dcr.asset.source (on its one
schema object).

Options:
  --out FILE    where to write the contract (default: contracts/ID.yaml in the repository); never replaced
  --repo DIR    the repository the contract is for (default: the current directory)
  -h, --help    show this help

Exit status: 0 when the contract was written, 2 when it was not.`;

const FORMATS = ['odcs'];

interface ImportOptions {
  file: string;
  repo: string;
  out?: string;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'write the contract an ODCS v3 document describes',
  usage: USAGE,
  run: (argv, output) => runImport(parseImportArguments(argv), output),
};

function parseImportArguments(argv: string[]): ImportOptions {
  const { values, positionals } = parseArguments(() =>
    parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, repo: { type: 'string', default: '.' } } }),
  );
  const [format, file, extra] = positionals;
  if (format === undefined) throw new UsageError(`name the format to import: ${FORMATS.join(', ')}`);
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}": dcr imports ${FORMATS.join(', ')}`);
  if (file === undefined) throw new UsageError('name the file to import');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return { file, repo: values.repo, ...(values.out ? { out: values.out } : {}) };
}

async function runImport(options: ImportOptions, output: Output): Promise<number> {
  const text = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
    throw error;
  });
  if (text === undefined) return fail(output, [`${options.file}: no such file`]);
  const parsed = parseYamlFile(options.file, text);
  if (!parsed.ok) return fail(output, [`${options.file} is not a YAML or JSON document:`, ...parsed.errors.map((error) => `  ${errorLine(error)}`)]);
  const result = fromOdcs(parsed.yaml.value);
  if ('problems' in result) {
    return fail(output, [`${options.file} cannot be carried over into a contract:`, ...positioned(parsed.yaml, result.problems)]);
  }
  if (result.warnings.length > 0) {
    output.stderr(report([`what the contract does not carry over from ${options.file}:`, ...positioned(parsed.yaml, result.warnings)]));
  }
  const { contract } = result;
  const layout = await contractLayout(options.repo);
  const taken = layout?.ids.get(contract.id);
  if (taken !== undefined) {
    return fail(output, [`the id "${contract.id}" is already the id of the contract in ${taken}: change the document's id, or remove that contract first`]);
  }
  const out = options.out ?? defaultPath(contract.id, layout, options.repo);
  if (out === undefined) return fail(output, [`no file for "${contract.id}" is one the settings' contracts globs match (${layout?.contractGlobs.join(', ')}): choose one with --out`]);
  if (layout && !layout.isContractFile(out)) {
    output.stderr(report([`warning: ${out} is not where the review reads contracts (${layout.contractGlobs.join(', ')}): no review will read it there`]));
  }
  const comment = contract.$schema === undefined ? await modeline(out, layout?.root ?? options.repo) : undefined;
  await mkdir(dirname(out), { recursive: true });
  const written = await writeFile(out, contractText(contract, comment), { flag: 'wx' }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (!written) return fail(output, [`${out} already exists and is never replaced: choose another file with --out`]);
  output.stderr(report([`wrote ${out}`]));
  return 0;
}

function positioned(yaml: YamlFile, notes: readonly OdcsNote[]): string[] {
  return notes
    .map((note) => yaml.errorAt(note.path, note.message))
    .sort(byPosition)
    .map((error) => `  ${errorLine(error)}`);
}

function report(lines: string[]): string {
  return `${lines.map((line) => (line.startsWith('  ') ? line : `dcr import: ${line}`)).join('\n')}\n`;
}

function fail(output: Output, lines: string[]): number {
  output.stderr(report(lines));
  return 2;
}

/**
 * The modeline naming the contract JSON Schema for editors, as `dcr init` writes it: the reference the contracts
 * beside it already make, or else the copy this dcr ships when it lies in the repository, or else where installing
 * dcr as a dev dependency puts it.
 */
async function modeline(out: string, repo: string): Promise<string> {
  const root = resolve(repo);
  const file = relative(root, resolve(out)).split(sep).join('/');
  const beside = await referencesBeside(dirname(resolve(out)), posix.dirname(file));
  return `yaml-language-server: $schema=${schemaReferenceFor(file, await shippedSchemaPath(root), beside)}`;
}

/** The schema references of the YAML files already in `folder`, which is `fromRoot` from the repository root. */
async function referencesBeside(folder: string, fromRoot: string): Promise<SchemaReference[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name)).map((entry) => entry.name);
  const references = await Promise.all(files.map(async (name) => schemaReferenceOf(posix.join(fromRoot, name), await readFile(join(folder, name), 'utf8'))));
  return references.filter((reference) => reference !== undefined);
}

/** Where the review reads a contract of this id: as `dcr init` writes it, from the repository's root. */
function defaultPath(id: string, layout: ContractLayout | undefined, repo: string): string | undefined {
  if (!layout) return join(repo, 'contracts', `${id}.yaml`);
  const path = contractPath(id, layout.contractGlobs);
  return path === undefined ? undefined : join(layout.root, path);
}

import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { ASSET_TYPES, type AssetType } from '../contracts/schema.js';
import { GitError, openRepo } from '../git/repo.js';
import { type InitPlan, type InitTarget, planInit } from '../init/plan.js';
import type { Proposal } from '../init/proposal.js';
import { createEngine } from '../review/engine.js';
import { shippedSchemaPath } from './shipped-schema.js';
import { type Command, type Output, UsageError, parseArguments } from './command.js';

const USAGE = `Usage: dcr init --asset TYPE:NAME [--source GLOB]... [--emit CALL] [--id ID] [--repo DIR] [--rev REV] [--dry-run]
       dcr init --all [--type TYPE]... [--source GLOB]... [--repo DIR] [--rev REV] [--dry-run]

Proposes a contract for an asset as it stands at REV: every field with its type and whether it is required, the
owner CODEOWNERS gives its files, and one advisory consumer to name. Writes it where the settings' contracts globs
look (contracts/ID.yaml by default) and never overwrites a file.

Options:
  --asset TYPE:NAME  the asset, such as postgres:public.orders or avro:com.acme.OrderPlaced; TYPE is one of
                     ${ASSET_TYPES.join(', ')}
  --source GLOB      the files that define it (repeatable); without it, found where such files usually are
                     (every type but typescript)
  --emit CALL        typescript: read the event NAME from the payloads of the calls to CALL (analytics.track)
  --id ID            the contract's id and file name (default: from the asset's name, such as orders)
  --all              one contract for each asset found that no contract names yet
  --type TYPE        with --all: only this asset type (repeatable); SQL migrations are read as postgres
                     unless --type says mysql or sqlite
  --repo DIR         the git checkout (default: the current directory)
  --rev REV          the commit to read the assets at (default: HEAD)
  --dry-run          print the contracts instead of writing them
  -h, --help         show this help

Where files usually are: SQL migrations in folders named migrations, migration or drizzle; **/*.avsc; **/*.proto;
**/*.schema.json; **/*.prisma; a dbt project's models/ folder.

Exit status: 0 when every contract was written, 2 when one could not be (an asset not found or not built, a file
that exists already, bad arguments).`;

export const initCommand: Command = {
  name: 'init',
  summary: 'propose a contract for an asset as it stands',
  usage: USAGE,
  run: (argv, output) => runInit(parseInitArguments(argv), output),
};

interface InitOptions {
  target: InitTarget;
  repo: string;
  rev: string;
  dryRun: boolean;
}

function assetType(value: string): AssetType {
  if ((ASSET_TYPES as readonly string[]).includes(value)) return value as AssetType;
  throw new UsageError(`unknown asset type "${value}": one of ${ASSET_TYPES.join(', ')}`);
}

function parseInitArguments(argv: string[]): InitOptions {
  const { values, positionals } = parseArguments(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        asset: { type: 'string' },
        source: { type: 'string', multiple: true },
        emit: { type: 'string' },
        id: { type: 'string' },
        all: { type: 'boolean', default: false },
        type: { type: 'string', multiple: true },
        repo: { type: 'string', default: '.' },
        rev: { type: 'string', default: 'HEAD' },
        'dry-run': { type: 'boolean', default: false },
      },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if ((values.asset === undefined) === !values.all) throw new UsageError('give either --asset TYPE:NAME or --all');
  const source = values.source ? { source: values.source } : {};
  const common = { repo: values.repo, rev: values.rev, dryRun: values['dry-run'] };
  if (values.all) {
    if (values.emit !== undefined) throw new UsageError('--emit names one event: use it with --asset typescript:NAME');
    if (values.id !== undefined) throw new UsageError('--id names one contract: use it with --asset');
    return { ...common, target: { all: { ...source, ...(values.type ? { types: values.type.map(assetType) } : {}) } } };
  }
  if (values.type) throw new UsageError('--type goes with --all; --asset says its type as TYPE:NAME');
  const asset = values.asset!;
  const colon = asset.indexOf(':');
  if (colon < 0 || colon === asset.length - 1) throw new UsageError(`--asset must be TYPE:NAME, such as postgres:public.orders (got "${asset}")`);
  const type = assetType(asset.slice(0, colon));
  if (values.emit !== undefined && type !== 'typescript') throw new UsageError('--emit applies only to --asset typescript:NAME');
  const emit = values.emit !== undefined ? { emit: { call: values.emit } } : {};
  const id = values.id !== undefined ? { id: values.id } : {};
  return { ...common, target: { asset: { type, name: asset.slice(colon + 1), ...source, ...emit, ...id } } };
}

async function planFor(options: InitOptions): Promise<{ root: string; plan: InitPlan }> {
  const repo = await openRepo(options.repo);
  const engine = createEngine(mysqlServerFromEnvironment(process.env));
  try {
    const snapshot = repo.snapshot(await repo.resolve(options.rev));
    return { root: repo.root, plan: await planInit(snapshot, engine, options.target, await shippedSchemaPath(repo.root)) };
  } finally {
    await repo.close();
    await engine.close();
  }
}

function described(proposal: Proposal): string {
  const { asset, owner } = proposal;
  const ownership = owner ? `owner ${owner.owner} (${owner.file} line ${owner.line})` : 'no owner in CODEOWNERS: write one';
  return `${asset.type} ${asset.name}, ${proposal.fields} field${proposal.fields === 1 ? '' : 's'}, ${ownership}`;
}

async function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const EXISTS = 'exists: not overwritten';

/**
 * Writes a proposal unless its file exists (created exclusively, so nothing is ever overwritten): undefined when
 * written, else why not.
 */
async function write(root: string, proposal: Proposal, dryRun: boolean): Promise<string | undefined> {
  const target = join(root, proposal.path);
  if (dryRun) return (await fileExists(target)) ? EXISTS : undefined;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, proposal.text, { flag: 'wx' });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? EXISTS : `could not be written: ${(error as Error).message}`;
  }
}

const NEXT_STEPS = `
Next:
  1. Read each contract: keep the fields consumers rely on, and name the consumers.
  2. Commit the contracts on a branch and run: dcr check --base main
     (it checks each new contract against the asset and asks its owner to approve it)
  3. Open a pull request with them, reviewed by the GitHub App or by the Action's workflow
     (.github/workflows/data-contracts.yml, in the README's "The GitHub Action")
`;

/** `dcr init`: exit 0 when every proposal was written (or printed), 2 when something asked for was not. */
export async function runInit(options: InitOptions, output: Output): Promise<number> {
  let planned: { root: string; plan: InitPlan };
  try {
    planned = await planFor(options);
  } catch (error) {
    output.stderr(
      error instanceof GitError
        ? `dcr init: could not read the repository: ${error.message}\n`
        : `dcr init: the contract could not be proposed: ${String((error as Error)?.stack ?? error)}\n`,
    );
    return 2;
  }
  const { root, plan: { proposals, notes, warnings, problems } } = planned;
  for (const note of notes) output.stderr(`dcr init: note: ${note}\n`);
  for (const warning of warnings) output.stderr(`dcr init: warning: ${warning}\n`);
  for (const problem of problems) output.stderr(`dcr init: ${problem}\n`);
  let refused = 0;
  for (const proposal of proposals) {
    const failure = await write(root, proposal, options.dryRun);
    if (failure) {
      refused += 1;
      const choose = failure === EXISTS && 'asset' in options.target ? '; choose another name with --id' : '';
      output.stderr(`dcr init: ${proposal.path} ${failure}, no contract for ${proposal.asset.type} ${proposal.asset.name} was written${choose}\n`);
    } else if (options.dryRun) {
      output.stdout(`--- # ${proposal.path}: ${described(proposal)}\n${proposal.text}`);
    } else {
      output.stdout(`wrote ${proposal.path}: ${described(proposal)}\n`);
    }
  }
  if (proposals.length === 0 && problems.length === 0) output.stdout('nothing to propose: every asset found has a contract\n');
  if (!options.dryRun && proposals.length > refused) output.stdout(NEXT_STEPS);
  return problems.length > 0 || refused > 0 ? 2 : 0;
}

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mysqlServerFromEnvironment } from '../assets/mysql/environment.js';
import { MANIFEST, manifestText, readManifest, staleFiles } from '../catalog/manifest.js';
import { buildCatalog, type CatalogSite } from '../catalog/site.js';
import { GitError, openRepo } from '../git/repo.js';
import { registryFromEnvironment } from '../registry/environment.js';
import { createEngine } from '../review/engine.js';
import { type Command, type Output, UsageError, parseArguments } from './command.js';

const USAGE = `Usage: dcr catalog --out DIR [--rev REV] [--repo DIR]

Writes a static site of the repository's data contracts at REV: an index of every contract, and a page per
contract with its asset's schema beside what the contract guarantees (and any drift), its consumers and its
lineage. Open DIR/index.html in a browser, or publish DIR as it is (GitHub Pages, any static host).

Options:
  --out DIR       where to write the site: a new or empty directory, or one dcr catalog wrote before
  --rev REV       the commit to describe (default: HEAD)
  --repo DIR      the git checkout (default: the current directory)
  -h, --help      show this help

Exit status: 0 when the site was written, 2 when it could not be.`;

export interface CatalogOptions {
  out: string;
  rev: string;
  repo: string;
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'write a static site of the contracts, their schemas, consumers and lineage',
  usage: USAGE,
  run: (argv, output) => runCatalog(parseCatalogArguments(argv), output),
};

function parseCatalogArguments(argv: string[]): CatalogOptions {
  const { values, positionals } = parseArguments(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, rev: { type: 'string', default: 'HEAD' }, repo: { type: 'string', default: '.' } },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('--out is required');
  return { out: values.out, rev: values.rev, repo: values.repo };
}

/** A reason the site cannot be written that the user can act on. */
class OutputError extends Error {}

/** `dcr catalog`: 0 when the site was written, 2 when it could not be (nothing of the directory is then lost). */
export async function runCatalog(options: CatalogOptions, output: Output): Promise<number> {
  let site: CatalogSite;
  let revision: string;
  try {
    const previous = await previousCatalogue(options.out);
    ({ site, revision } = await surveyRepository(options));
    await writeSite(options.out, site, previous);
  } catch (error) {
    const known = error instanceof GitError || error instanceof OutputError || isFileSystemError(error);
    output.stderr(`dcr catalog: the catalogue could not be written: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    return 2;
  }
  const errors = site.brokenFiles > 0 ? `, ${site.brokenFiles} broken contract or settings file${site.brokenFiles === 1 ? '' : 's'} (listed on the index)` : '';
  output.stdout(
    `Wrote ${site.pages} pages to ${options.out}: ${site.contracts} contract${site.contracts === 1 ? '' : 's'}, ${site.drift} drift finding${site.drift === 1 ? '' : 's'}${errors}, at ${revision}.\n` +
      `Open ${pathToFileURL(resolve(options.out, 'index.html')).href}\n`,
  );
  return 0;
}

async function surveyRepository(options: CatalogOptions): Promise<{ site: CatalogSite; revision: string }> {
  const repo = await openRepo(options.repo);
  const engine = createEngine({ registry: registryFromEnvironment(process.env), ...mysqlServerFromEnvironment(process.env) });
  try {
    const sha = await repo.resolve(options.rev);
    const snapshot = repo.snapshot(sha);
    const [survey, files] = await Promise.all([engine.survey(snapshot), snapshot.listFiles()]);
    const site = buildCatalog({ survey, files, revision: { repository: basename(repo.root), rev: options.rev, sha } });
    return { site, revision: `${options.rev} (${sha.slice(0, 7)})` };
  } finally {
    await repo.close();
    await engine.close();
  }
}

/**
 * The files of the catalogue already in `out`, from its manifest: none for a new or empty directory. Any other
 * directory is refused before any work, so that files the catalogue did not write are never overwritten.
 */
async function previousCatalogue(out: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new OutputError(`${out} is a file, not a directory`);
    throw error;
  }
  if (entries.length === 0) return [];
  if (!entries.includes(MANIFEST)) {
    throw new OutputError(`${out} is not empty and holds no catalogue written by dcr catalog (no ${MANIFEST}); choose a new or empty directory`);
  }
  const manifest = readManifest(await readFile(join(out, MANIFEST), 'utf8'));
  if (!manifest.ok) throw new OutputError(`${join(out, MANIFEST)} ${manifest.reason}; remove the directory or choose another`);
  return manifest.files;
}

async function writeSite(out: string, site: CatalogSite, previous: readonly string[]): Promise<void> {
  for (const [path, text] of site.files) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), text);
  }
  await writeFile(join(out, MANIFEST), manifestText(site.files.keys()));
  for (const path of staleFiles(previous, site.files.keys())) await rm(join(out, path), { force: true });
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

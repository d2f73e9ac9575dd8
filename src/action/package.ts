import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The project: two folders above this file's compiled place, lib/action/. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What a workflow's `uses:` needs beside the code: action.yml names the entry, package.json makes lib/ ES modules. */
const REQUIRED_FILES = ['action.yml', 'package.json', 'package-lock.json'];
const OPTIONAL_FILES = ['LICENSE', 'README.md'];
/** Compiled code the Action never loads: the demo, the benchmarks, the generators. */
const LEFT_OUT_OF_LIB = ['tools'];

const USAGE = `Usage: npm run package:action -- DIR

Writes the tree a release tag of the Action holds to DIR (a new or empty directory): the compiled lib/, the
production packages as installed (run \`npm ci\` first, so they are the lockfile's), action.yml, package.json, the
lockfile and the licence. Commit that tree alone on the release tag; \`uses: OWNER/data-contract-review@TAG\` runs it.`;

/**
 * `npm run package:action`: GitHub runs a JavaScript action from the files of the ref it names, without installing
 * anything, so the release tree carries the compiled code and its production packages. They are copied as npm
 * installed them rather than bundled: PGlite, libpg-query, sql.js and Prisma load WebAssembly beside their modules,
 * and the readers start worker threads from their compiled files.
 */
async function packageAction(argv: string[]): Promise<number> {
  const [target, ...rest] = argv;
  if (!target || target === '-h' || target === '--help' || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return target === '-h' || target === '--help' ? 0 : 2;
  }
  const out = resolve(target);
  const problem = await unusable(out);
  if (problem) return fail(problem);
  if (!(await exists(join(ROOT, 'lib/action/main.js')))) return fail('lib/action/main.js is missing: run `npm run build` first');
  for (const file of REQUIRED_FILES) if (!(await exists(join(ROOT, file)))) return fail(`${file} is missing from ${ROOT}`);

  await mkdir(out, { recursive: true });
  await cp(join(ROOT, 'lib'), join(out, 'lib'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !LEFT_OUT_OF_LIB.some((folder) => source === join(ROOT, 'lib', folder)),
  });
  const copied = [...REQUIRED_FILES];
  for (const file of OPTIONAL_FILES) {
    if (!(await exists(join(ROOT, file)))) {
      process.stderr.write(`note: there is no ${file}; the release tree has none either\n`);
      continue;
    }
    copied.push(file);
  }
  for (const file of copied) await cp(join(ROOT, file), join(out, file));
  const packages = await productionPackages();
  for (const folder of packages) await cp(join(ROOT, folder), join(out, folder), { recursive: true, verbatimSymlinks: true });
  process.stdout.write(`Wrote the Action's release tree to ${out}: lib/, ${packages.length} production packages, ${copied.join(', ')}.\n`);
  return 0;
}

/**
 * The folders of the production packages as npm installed them (`npm ls --omit=dev`), each once: a package nested
 * in another's folder comes with it.
 */
async function productionPackages(): Promise<string[]> {
  let listing: string;
  try {
    ({ stdout: listing } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim().split('\n')[0] ?? String(error);
    throw new Error(`npm ls could not list the production packages (${said}): run \`npm ci\` first`);
  }
  const folders = listing
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((path) => relative(ROOT, path))
    .filter((path) => path.startsWith(`node_modules${sep}`))
    .sort();
  return folders.filter((folder, index) => !folders.slice(0, index).some((outer) => folder.startsWith(`${outer}${sep}`)));
}

/** A directory that would mix the release with something else: anything but a new or empty one. */
async function unusable(out: string): Promise<string | undefined> {
  if (!(await exists(out))) return undefined;
  if (!(await stat(out)).isDirectory()) return `${out} is a file, not a directory`;
  if ((await readdir(out)).length > 0) return `${out} is not empty: give a new or empty directory`;
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function fail(message: string): number {
  process.stderr.write(`package:action: ${message}\n`);
  return 2;
}

process.exitCode = await packageAction(process.argv.slice(2)).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

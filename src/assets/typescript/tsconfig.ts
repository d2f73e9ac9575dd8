import type { CompilerOptions, Diagnostic } from 'typescript';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { Approximation } from '../model.js';
import type { PlainCompilerOptions } from './protocol.js';
import { fromProgramPath, toProgramPath, type Typescript } from './typescript-module.js';

/**
 * The repository's options that change how its types read: where imports resolve (`baseUrl`, `paths`, `rootDirs`,
 * `moduleSuffixes`), how JSX and decorators parse, and `exactOptionalPropertyTypes`. Every other option (targets,
 * emit, lint-like checks) bears on no declared shape, and is left out.
 */
const KEPT_OPTIONS = [
  'baseUrl',
  'paths',
  'pathsBasePath',
  'rootDirs',
  'moduleSuffixes',
  'jsx',
  'experimentalDecorators',
  'useDefineForClassFields',
  'exactOptionalPropertyTypes',
] as const;

/** `extends` chains longer than this are cut: real ones are two or three deep. */
const MAX_EXTENDS = 8;

/**
 * TypeScript's complaints the reader answers itself: a config that lists no files (the reader gives the program its
 * files) and an `extends` it cannot find (said once, by configChain).
 */
const ANSWERED = new Set([18003, 6053]);

export interface ProgramOptions {
  options: PlainCompilerOptions;
  /** What of the repository's configuration could not be applied. */
  notes: Approximation[];
}

/**
 * The options a commit's program is built with: the nearest `tsconfig.json` at or above the folder holding the
 * matched files (with the files it `extends` inside the repository), then the reader's own. Null checks are always
 * strict, as `| null` and `?` are what make a field optional whatever the project's checks; no `@types` and no
 * packages are read; imports resolve as a bundler resolves them, so `./order`, `./order.js` and `paths` aliases all
 * reach the repository's files.
 */
export async function programOptions(ts: Typescript, snapshot: RepoSnapshot, allPaths: ReadonlySet<string>, matched: readonly string[]): Promise<ProgramOptions> {
  const configPath = nearestConfig(allPaths, matched);
  const notes: Approximation[] = [];
  const repository = configPath ? await repositoryOptions(ts, snapshot, allPaths, configPath, notes) : {};
  const options: CompilerOptions = {
    ...repository,
    noEmit: true,
    strictNullChecks: true,
    types: [],
    lib: ['lib.es2023.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    allowJs: false,
    resolveJsonModule: false,
    skipLibCheck: true,
  };
  return { options: options as PlainCompilerOptions, notes };
}

function nearestConfig(allPaths: ReadonlySet<string>, matched: readonly string[]): string | undefined {
  const folders = matched.map((path) => path.split('/').slice(0, -1));
  const [first = []] = folders;
  let common = first.length;
  for (const folder of folders) {
    while (common > 0 && folder.slice(0, common).join('/') !== first.slice(0, common).join('/')) common -= 1;
  }
  for (let depth = common; depth >= 0; depth -= 1) {
    const candidate = [...first.slice(0, depth), 'tsconfig.json'].join('/');
    if (allPaths.has(candidate)) return candidate;
  }
  return undefined;
}

async function repositoryOptions(
  ts: Typescript,
  snapshot: RepoSnapshot,
  allPaths: ReadonlySet<string>,
  configPath: string,
  notes: Approximation[],
): Promise<CompilerOptions> {
  const texts = await configChain(ts, snapshot, allPaths, configPath, notes);
  const root = ts.parseConfigFileTextToJson(toProgramPath(configPath), texts.get(configPath) ?? '');
  if (root.error) {
    notes.push(configNote(ts, configPath, root.error));
    return {};
  }
  const host = {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: (path: string) => texts.has(fromProgramPath(path)),
    readFile: (path: string) => texts.get(fromProgramPath(path)),
  };
  const dir = toProgramPath(configPath).replace(/\/[^/]*$/, '') || '/';
  const parsed = ts.parseJsonConfigFileContent(root.config, host, dir, undefined, toProgramPath(configPath));
  for (const error of parsed.errors) if (!ANSWERED.has(error.code)) notes.push(configNote(ts, configPath, error));
  const kept: CompilerOptions = {};
  for (const key of KEPT_OPTIONS) if (parsed.options[key] !== undefined) Object.assign(kept, { [key]: parsed.options[key] });
  return kept;
}

/** The config file and every file of its `extends` chain that the commit holds, by path. */
async function configChain(ts: Typescript, snapshot: RepoSnapshot, allPaths: ReadonlySet<string>, configPath: string, notes: Approximation[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  let pending = [configPath];
  for (let depth = 0; depth < MAX_EXTENDS && pending.length > 0; depth += 1) {
    const next: string[] = [];
    for (const path of pending) {
      const text = await snapshot.readFile(path);
      if (text === undefined) continue;
      texts.set(path, text);
      const { config } = ts.parseConfigFileTextToJson(toProgramPath(path), text);
      const extended = (config as { extends?: unknown } | undefined)?.extends;
      for (const target of [extended].flat()) {
        if (typeof target !== 'string') continue;
        const resolved = extendedPath(path, target);
        if (resolved && allPaths.has(resolved)) next.push(resolved);
        else notes.push({ file: path, line: 1, message: `${path} extends ${target}, which is not a file of the repository: its options are not applied.` });
      }
    }
    pending = next.filter((path) => !texts.has(path));
  }
  return texts;
}

function extendedPath(from: string, target: string): string | undefined {
  if (!target.startsWith('.')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  const path = parts.join('/');
  return path.endsWith('.json') ? path : `${path}.json`;
}

function configNote(ts: Typescript, configPath: string, diagnostic: Diagnostic): Approximation {
  const file = diagnostic.file ? fromProgramPath(diagnostic.file.fileName) : configPath;
  const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 1;
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  return { file, line, message: `${file} could not be applied (${message}): the files were read with the reader's own options.` };
}

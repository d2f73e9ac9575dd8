import { posix } from 'node:path';
import type { CompilerOptions, ModuleResolutionHost } from 'typescript';
import { sourceMatcher } from '../../core/glob-match.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { Approximation, ExtractionError } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import type { PlainCompilerOptions } from './protocol.js';
import { programOptions } from './tsconfig.js';
import { fromProgramPath, isTypescriptPath, loadTypescript, toProgramPath, type Typescript } from './typescript-module.js';

export interface ProgramLimits {
  /** The bytes one commit's program may read: its matched files and the files they import. */
  maxBytes: number;
  maxFiles: number;
}

/** One commit's program, ready for the analysis: the files the contract's sources match and what they import. */
export interface CommitProgram {
  files: [path: string, text: string][];
  roots: string[];
  options: PlainCompilerOptions;
  notes: Approximation[];
}

export type CommitProgramRead = { ok: true; program: CommitProgram } | { ok: false; error: ExtractionError };

/**
 * The program of one commit: the TypeScript files `source` matches, then, level by level, every file of the
 * repository they import (relative imports and `paths` aliases, resolved by TypeScript's own resolution over the
 * commit's file list). Packages are never read: an import that resolves to none of the repository's files stays
 * unresolved, and the types it brings read as unknown. Bounded in bytes and in files.
 */
export async function readCommitProgram(snapshot: RepoSnapshot, source: string | string[], limits: ProgramLimits): Promise<CommitProgramRead> {
  const matches = sourceMatcher(source);
  const allPaths = await snapshot.listFiles();
  const roots = allPaths.filter((path) => matches(path) && isTypescriptPath(path)).sort();
  if (roots.length === 0) return { ok: true, program: { files: [], roots, options: {}, notes: [] } };
  const ts = await loadTypescript();
  const known = new Set(allPaths);
  const { options, notes } = await programOptions(ts, snapshot, known, roots);
  const texts = new Map<string, string>();
  const host = resolutionHost(known, texts);
  let level = roots;
  while (level.length > 0) {
    if (texts.size + level.length > limits.maxFiles) {
      return { ok: false, error: { kind: 'limit', file: level[0]!, message: `the matched files and the files they import are more than ${limits.maxFiles}, past what this reader reads` } };
    }
    const read = await readSourceFiles(snapshot, level, limits.maxBytes - usedBytes(texts), 'schemas.maxBytes');
    if (!read.ok) {
      return { ok: false, error: { ...read.error, message: `the matched files and the files they import, up to this one, exceed the ${limits.maxBytes}-byte limit (schemas.maxBytes in the settings)` } };
    }
    for (const { path, text } of read.files) texts.set(path, text);
    level = [...new Set(read.files.flatMap(({ path, text }) => importedPaths(ts, path, text, options as CompilerOptions, host)))].filter(
      (path) => !texts.has(path),
    );
  }
  return { ok: true, program: { files: [...texts], roots, options, notes } };
}

function usedBytes(texts: Map<string, string>): number {
  let bytes = 0;
  for (const text of texts.values()) bytes += Buffer.byteLength(text);
  return bytes;
}

/** The repository's files a file imports, as TypeScript resolves its imports; packages and other files are left. */
function importedPaths(ts: Typescript, path: string, text: string, options: CompilerOptions, host: ModuleResolutionHost): string[] {
  const { importedFiles, referencedFiles } = ts.preProcessFile(text, true, true);
  const containing = toProgramPath(path);
  const modules = importedFiles.map(({ fileName }) => {
    const { resolvedModule } = ts.resolveModuleName(fileName, containing, options, host);
    return resolvedModule && !resolvedModule.isExternalLibraryImport ? fromProgramPath(resolvedModule.resolvedFileName) : undefined;
  });
  const references = referencedFiles.map(({ fileName }) => fromProgramPath(posix.join(posix.dirname(containing), fileName)));
  return [...modules, ...references].filter((found): found is string => found !== undefined && isTypescriptPath(found) && host.fileExists(toProgramPath(found)));
}

/** TypeScript's module resolution over the commit's file list; package manifests it reads are the files read so far. */
function resolutionHost(known: ReadonlySet<string>, texts: ReadonlyMap<string, string>): ModuleResolutionHost {
  const folders = new Set<string>();
  for (const path of known) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) folders.add(parts.slice(0, depth).join('/'));
  }
  return {
    fileExists: (path) => known.has(fromProgramPath(path)),
    readFile: (path) => texts.get(fromProgramPath(path)),
    directoryExists: (path) => path === '/' || folders.has(fromProgramPath(path).replace(/\/$/, '')),
    getCurrentDirectory: () => '/',
  };
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LRUCache } from 'lru-cache';
import ts from 'typescript';
import { fromProgramPath, toProgramPath } from './typescript-module.js';

/** Where programs see the compiler's own declarations (`lib.es2023.d.ts`, ...): no repository file is read there. */
const LIB_FOLDER = '/node_modules/typescript/lib/';
const INSTALLED_LIB_FOLDER = dirname(ts.getDefaultLibFilePath({}));

/** Parsed files kept between programs, by the bytes of their text: a warm review reparses only what changed. */
const CACHED_TEXT_BYTES = 64 * 1024 * 1024;

/** Thrown when the compiler breaks on one file (its parser's stack, on input the screen let through). */
export class FileUnreadable extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Builds programs over files held in memory, with no file system behind them but the compiler's own declarations.
 * Parsed files are shared between programs (the compiler's language service shares them the same way): base and
 * head, and review after review, parse a file again only when its text or the options changed.
 */
export class ProgramBuilder {
  private readonly parsed = new LRUCache<string, ts.SourceFile>({ maxSize: CACHED_TEXT_BYTES, sizeCalculation: (file) => Math.max(1, file.text.length) });
  private readonly libraries = new Map<string, ts.SourceFile | undefined>();

  build(files: ReadonlyMap<string, string>, roots: readonly string[], options: ts.CompilerOptions): ts.Program {
    const optionsKey = JSON.stringify(options);
    const textOf = (fileName: string): string | undefined => files.get(fromProgramPath(fileName));
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersion) => (fileName.startsWith(LIB_FOLDER) ? this.library(fileName, languageVersion) : this.source(fileName, textOf(fileName), optionsKey, languageVersion)),
      getDefaultLibFileName: (compilerOptions) => LIB_FOLDER + ts.getDefaultLibFileName(compilerOptions),
      getDefaultLibLocation: () => LIB_FOLDER,
      writeFile: () => undefined,
      getCurrentDirectory: () => '/',
      getCanonicalFileName: (fileName) => fileName,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (fileName) => (fileName.startsWith(LIB_FOLDER) ? this.library(fileName, ts.ScriptTarget.Latest) !== undefined : textOf(fileName) !== undefined),
      readFile: (fileName) => textOf(fileName),
      directoryExists: () => true,
      getDirectories: () => [],
    };
    return ts.createProgram({ rootNames: roots.map(toProgramPath), options, host });
  }

  private source(fileName: string, text: string | undefined, optionsKey: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
    if (text === undefined) return undefined;
    const key = `${optionsKey}\u0000${fileName}`;
    const known = this.parsed.get(key);
    if (known?.text === text) return known;
    let file: ts.SourceFile;
    try {
      file = ts.createSourceFile(fileName, text, languageVersion, true);
    } catch (error) {
      throw new FileUnreadable(fromProgramPath(fileName), error);
    }
    this.parsed.set(key, file);
    return file;
  }

  /** The compiler's declarations, parsed once per worker. */
  private library(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
    if (!this.libraries.has(fileName)) {
      const name = fileName.slice(LIB_FOLDER.length);
      const text = /^lib\.[\w.]+\.d\.ts$/.test(name) ? readInstalled(join(INSTALLED_LIB_FOLDER, name)) : undefined;
      this.libraries.set(fileName, text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion, true));
    }
    return this.libraries.get(fileName);
  }
}

function readInstalled(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

import protobuf from 'protobufjs';
import type { SchemaFile } from '../events/format.js';
import type { ExtractionError } from '../model.js';
import { bundledDefinition } from './bundled.js';
import { failure, parseFailure } from './errors.js';
import { type FileOutline, outlineFile } from './outline.js';
import { parseInto } from './parse.js';
import { declaredSymbols, type SymbolKind } from './symbols.js';

/** One .proto file parsed on its own, so that a broken file never hides the others. */
export interface ParsedFile {
  file: SchemaFile;
  /** What the file declares, by full name; empty when it does not parse. */
  declared: ReadonlyMap<string, SymbolKind>;
  outline?: FileOutline;
  error?: ExtractionError;
}

/**
 * The last version of each file parsed on its own, by path: every contract whose source matches a file, at every
 * commit that has it unchanged, reads it again. The oldest paths are forgotten first.
 */
const parsedFiles = new Map<string, ParsedFile>();
const PARSED_FILES_KEPT = 4096;

export function parseAlone(file: SchemaFile): ParsedFile {
  const cached = parsedFiles.get(file.path);
  if (cached?.file.text === file.text) return cached;
  const parsed = parseUncached(file);
  parsedFiles.delete(file.path);
  if (parsedFiles.size >= PARSED_FILES_KEPT) parsedFiles.delete(parsedFiles.keys().next().value!);
  parsedFiles.set(file.path, parsed);
  return parsed;
}

function parseUncached(file: SchemaFile): ParsedFile {
  try {
    const root = parseInto(file.text, new protobuf.Root());
    return { file, declared: declaredSymbols(root), outline: outlineFile(file.text) };
  } catch (error) {
    return { file, declared: new Map(), error: parseFailure(file.path, file.text, error) };
  }
}

export function definesMessage(parsed: ParsedFile, name: string): boolean {
  return parsed.declared.get(name.replace(/^\./, '')) === 'message';
}

/**
 * The files reachable through imports from `start`, which must all be there and readable: the asset depends on
 * them. An import names a path under a proto root (`acme/money.proto`), while the files are named from the
 * repository's root (`proto/acme/money.proto`), so a file matches when its path equals the import or ends with `/`
 * and the import; the shortest such path wins. google/protobuf imports are bundled.
 */
export function importClosure(start: ParsedFile, files: readonly ParsedFile[]): ParsedFile[] | { error: ExtractionError } {
  const closure: ParsedFile[] = [start];
  const seen = new Set([start.file.path]);
  for (let index = 0; index < closure.length; index += 1) {
    const parsed = closure[index]!;
    for (const statement of parsed.outline?.imports ?? []) {
      if (bundledDefinition(statement.path)) continue;
      const target = importedFile(statement.path, files);
      if (!target) {
        if (statement.weak) continue;
        const message = `import "${statement.path}" is not among the files the contract's source matches, nor a google/protobuf file protobufjs provides`;
        return { error: failure(parsed.file.path, message, statement.line) };
      }
      if (target.error) return { error: target.error };
      if (seen.has(target.file.path)) continue;
      seen.add(target.file.path);
      closure.push(target);
    }
  }
  return closure;
}

function importedFile(importPath: string, files: readonly ParsedFile[]): ParsedFile | undefined {
  const matching = files.filter(({ file }) => file.path === importPath || file.path.endsWith(`/${importPath}`));
  return matching.sort((a, b) => a.file.path.length - b.file.path.length)[0];
}

/**
 * The files read together, as buf reads a module: the asset's import closure, then every other readable file in
 * path order, so that a type moved to a file the asset's files do not import is still found. A file that declares
 * a name an earlier one already declares (a vendored copy, say) is left out, as it could not be built beside it.
 */
export function moduleFiles(closure: readonly ParsedFile[], files: readonly ParsedFile[]): ParsedFile[] {
  const members = [...closure];
  const declared = new Set(closure.flatMap((parsed) => [...parsed.declared].filter(([, kind]) => kind !== 'package').map(([name]) => name)));
  const others = files.filter((parsed) => !parsed.error && !closure.includes(parsed)).sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
  for (const parsed of others) {
    const names = [...parsed.declared].filter(([, kind]) => kind !== 'package').map(([name]) => name);
    if (names.some((name) => declared.has(name))) continue;
    for (const name of names) declared.add(name);
    members.push(parsed);
  }
  return members;
}

import protobuf from 'protobufjs';
import type { SchemaFile } from '../events/format.js';
import type { ExtractionError, SourceLocation } from '../model.js';
import { bundledDefinition } from './bundled.js';
import { failure, parseFailure } from './errors.js';
import { declarationLines, type FileOutline, outlineFile } from './outline.js';

/** The asset message's file and every file it imports, resolved together into one protobufjs root. */
export interface LoadedMessage {
  root: protobuf.Root;
  /** Where each message, field, oneof, enum and enum value of those files is declared, by full name. */
  locations: ReadonlyMap<string, SourceLocation>;
  file: SchemaFile;
}

export type LoadResult =
  | { status: 'present'; loaded: LoadedMessage }
  | { status: 'absent' }
  | { status: 'error'; error: ExtractionError };

/** protobufjs's own names for fields, not its camel-cased ones: paths and renames use the names the .proto gives. */
const PARSE_OPTIONS: protobuf.IParseOptions = { keepCase: true };

interface FileAlone {
  file: SchemaFile;
  root?: protobuf.Root;
  error?: ExtractionError;
}

interface ClosureFile {
  file: SchemaFile;
  outline: FileOutline;
}

/**
 * Finds the file that defines message `name` among `files` and loads it with its imports. Each file is parsed on
 * its own first, so a broken file the message does not need never hides it; a broken file can only be blamed when
 * the message is found nowhere else or when the message's file imports it.
 */
export function loadMessage(files: readonly SchemaFile[], name: string): LoadResult {
  const alone = files.filter((file) => file.path.endsWith('.proto')).map(parseAlone);
  const defining = alone.find((parsed) => parsed.root && definesMessage(parsed.root, name));
  if (!defining) {
    const broken = alone.find((parsed) => parsed.error);
    return broken?.error ? { status: 'error', error: broken.error } : { status: 'absent' };
  }
  const closure = importClosure(defining.file, alone);
  if ('error' in closure) return { status: 'error', error: closure.error };
  return resolveTogether(closure.files, closure.bundled);
}

function parseAlone(file: SchemaFile): FileAlone {
  try {
    return { file, root: protobuf.parse(file.text, new protobuf.Root(), PARSE_OPTIONS).root };
  } catch (error) {
    return { file, error: parseFailure(file.path, file.text, error) };
  }
}

function definesMessage(root: protobuf.Root, name: string): boolean {
  const fullName = name.replace(/^\./, '');
  const found = root.lookup(fullName);
  return found instanceof protobuf.Type && found.fullName === `.${fullName}`;
}

/**
 * The files reachable through imports. An import names a path under a proto root (`acme/money.proto`), while the
 * files are named from the repository's root (`proto/acme/money.proto`), so a file matches when its path equals the
 * import or ends with `/` and the import; the shortest such path wins. google/protobuf imports are protobufjs's own.
 */
function importClosure(start: SchemaFile, alone: readonly FileAlone[]): { files: ClosureFile[]; bundled: Set<string> } | { error: ExtractionError } {
  const files: ClosureFile[] = [];
  const bundled = new Set<string>();
  const queue = [start];
  const seen = new Set([start.path]);
  for (let file = queue.shift(); file; file = queue.shift()) {
    const outline = outlineFile(file.text);
    files.push({ file, outline });
    for (const statement of outline.imports) {
      if (bundledDefinition(statement.path)) {
        bundled.add(statement.path);
        continue;
      }
      const target = importedFile(statement.path, alone);
      if (!target) {
        if (statement.weak) continue;
        const message = `import "${statement.path}" is not among the files the contract's source matches, nor a google/protobuf file protobufjs provides`;
        return { error: failure(file.path, message, statement.line) };
      }
      if (target.error) return { error: target.error };
      if (seen.has(target.file.path)) continue;
      seen.add(target.file.path);
      queue.push(target.file);
    }
  }
  return { files, bundled };
}

function importedFile(importPath: string, alone: readonly FileAlone[]): FileAlone | undefined {
  const matching = alone.filter(({ file }) => file.path === importPath || file.path.endsWith(`/${importPath}`));
  return matching.sort((a, b) => a.file.path.length - b.file.path.length)[0];
}

function resolveTogether(files: readonly ClosureFile[], bundled: ReadonlySet<string>): LoadResult {
  const root = new protobuf.Root();
  for (const path of bundled) root.addJSON(bundledDefinition(path)?.nested ?? {});
  for (const { file } of files) {
    try {
      protobuf.parse(file.text, root, PARSE_OPTIONS);
    } catch (error) {
      return { status: 'error', error: parseFailure(file.path, file.text, error) };
    }
  }
  const locations = new Map<string, SourceLocation>();
  for (const { file, outline } of files) {
    for (const [fullName, line] of declarationLines(outline)) locations.set(fullName, { file: file.path, line });
  }
  const main = files[0]!.file;
  try {
    root.resolveAll();
  } catch (error) {
    return { status: 'error', error: unresolved(root, locations, main.path, error) };
  }
  return { status: 'present', loaded: { root, locations, file: main } };
}

/** A reference to a type no loaded file defines, at the field that makes it. */
function unresolved(root: protobuf.Root, locations: ReadonlyMap<string, SourceLocation>, mainFile: string, error: unknown): ExtractionError {
  const message = error instanceof Error ? error.message : String(error);
  const [, reference, container] = message.match(/^no such Type or Enum '([^']+)' in Type \.(\S+)$/) ?? [];
  const type = container ? root.lookup(container) : null;
  const field = type instanceof protobuf.Type ? type.fieldsArray.find((candidate) => candidate.type === reference) : undefined;
  const location = field && container ? locations.get(`${container}.${field.name}`) : undefined;
  if (!field || !location) return failure(mainFile, message);
  const explained = `field "${field.name}" of ${container} refers to ${reference}, which neither its file nor the files it imports define`;
  return failure(location.file, explained, location.line);
}

import protobuf from 'protobufjs';
import type { SchemaFile } from '../events/format.js';
import type { ExtractionError, SourceLocation } from '../model.js';
import { bundledDefinition } from './bundled.js';
import { failure, parseFailure } from './errors.js';
import { linkReferences, type Unresolved } from './link.js';
import { definesMessage, importClosure, moduleFiles, type ParsedFile, parseAlone } from './module-files.js';
import { declarationLines } from './outline.js';
import { parseInto } from './parse.js';
import { declaredSymbols } from './symbols.js';

/** The files the asset is read from, resolved together into one protobufjs root. */
export interface LoadedModule {
  root: protobuf.Root;
  /** Where each message, field, oneof, enum, enum value and extension of the files is declared, by full name. */
  locations: ReadonlyMap<string, SourceLocation>;
  /** The file that declares each message, enum and extension of the files; bundled google/protobuf ones have none. */
  owners: ReadonlyMap<string, string>;
  /** The file that defines the asset message. */
  file: SchemaFile;
}

export type LoadResult =
  | { status: 'present'; loaded: LoadedModule }
  | { status: 'absent' }
  | { status: 'error'; error: ExtractionError };

/**
 * Finds the file that defines message `name` among `files` and loads it with every other file that can be read
 * beside it. A broken file can only be blamed when the message is found nowhere else or when the message's file
 * imports it; any other file that cannot be built with the rest is left out.
 */
export function loadMessage(files: readonly SchemaFile[], name: string): LoadResult {
  const parsed = parseProtoFiles(files);
  const defining = definingFile(parsed, name);
  if (!defining) {
    const broken = parsed.find((candidate) => candidate.error);
    return broken?.error ? { status: 'error', error: broken.error } : { status: 'absent' };
  }
  return loadModuleOf(defining, parsed);
}

/** The .proto files among `files`, each parsed on its own. */
export function parseProtoFiles(files: readonly SchemaFile[]): ParsedFile[] {
  return files.filter((file) => file.path.endsWith('.proto')).map(parseAlone);
}

/** The file a message's name is read from: the first that declares it. */
export function definingFile(parsed: readonly ParsedFile[], name: string): ParsedFile | undefined {
  return parsed.find((candidate) => definesMessage(candidate, name));
}

/** The module a file's messages are read from: the file, its imports, and every other file that builds beside them. */
function loadModuleOf(defining: ParsedFile, parsed: readonly ParsedFile[]): LoadResult {
  const closure = importClosure(defining, parsed);
  if ('error' in closure) return { status: 'error', error: closure.error };
  return buildAround(moduleFiles(closure, parsed), closure).result;
}

/** The module built from `members`, leaving out what cannot be built beside the closure; `whole` if nothing was. */
function buildAround(members: readonly ParsedFile[], closure: readonly ParsedFile[]): { result: LoadResult; whole: boolean } {
  let kept = members;
  for (;;) {
    const built = buildModule(kept, closure);
    if (!('leftOut' in built)) return { result: built, whole: kept === members };
    // Leaving a file out can strand the files that refer to it, so building starts again without it.
    kept = kept.filter((member) => !built.leftOut.has(member));
  }
}

/**
 * Loads the modules of many files' messages, each as `loadMessage` loads the module of a message of that file. Files
 * whose modules hold the same files share one build, when it took every one of them: the files are then read in
 * another order, which changes no message (no two of them declare a name, and protobufjs gives a file's options to
 * that file's own declarations), only which file the module is of.
 */
export function moduleLoader(parsed: readonly ParsedFile[]): (defining: ParsedFile) => LoadResult {
  const whole = new Map<string, LoadedModule>();
  return (defining) => {
    const closure = importClosure(defining, parsed);
    if ('error' in closure) return { status: 'error', error: closure.error };
    const members = moduleFiles(closure, parsed);
    const key = members.map((member) => member.file.path).sort().join('\u0000');
    const known = whole.get(key);
    if (known) return { status: 'present', loaded: { ...known, file: defining.file } };
    const { result, whole: complete } = buildAround(members, closure);
    if (result.status === 'present' && complete) whole.set(key, result.loaded);
    return result;
  };
}

type BuildResult = LoadResult | { leftOut: Set<ParsedFile> };

function buildModule(members: readonly ParsedFile[], closure: readonly ParsedFile[]): BuildResult {
  const root = new protobuf.Root();
  for (const path of bundledImports(members)) root.addJSON(bundledDefinition(path)?.nested ?? {});
  for (const member of members) {
    try {
      parseInto(member.file.text, root);
    } catch (error) {
      if (closure.includes(member)) return { status: 'error', error: parseFailure(member.file.path, member.file.text, error) };
      return { leftOut: new Set([member]) };
    }
  }
  const owners = ownersOf(members);
  const locations = locationsOf(members);
  const unresolved = linkReferences(root, declaredSymbols(root));
  if (unresolved.length > 0) {
    const owning = unresolved.map((problem) => ({ problem, member: members.find((member) => member.file.path === ownerOf(owners, problem)) }));
    const blamed = owning.find(({ member }) => !member || closure.includes(member));
    if (blamed) return { status: 'error', error: unresolvedReference(blamed.problem, locations, closure[0]!.file.path) };
    return { leftOut: new Set(owning.map(({ member }) => member!)) };
  }
  try {
    root.resolveAll();
  } catch (error) {
    return { status: 'error', error: failure(closure[0]!.file.path, error instanceof Error ? error.message : String(error)) };
  }
  return { status: 'present', loaded: { root, locations, owners, file: closure[0]!.file } };
}

function bundledImports(members: readonly ParsedFile[]): Set<string> {
  return new Set(members.flatMap((member) => member.outline?.imports ?? []).map((statement) => statement.path).filter((path) => bundledDefinition(path)));
}

function ownersOf(members: readonly ParsedFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const member of members) {
    for (const [name, kind] of member.declared) if (kind !== 'package' && !owners.has(name)) owners.set(name, member.file.path);
  }
  return owners;
}

function locationsOf(members: readonly ParsedFile[]): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>();
  for (const { file, outline } of members) {
    if (!outline) continue;
    for (const [fullName, line] of declarationLines(outline)) if (!locations.has(fullName)) locations.set(fullName, { file: file.path, line });
  }
  return locations;
}

/** An extension is declared by its file; a field by the file of its message. */
function ownerOf(owners: ReadonlyMap<string, string>, { field }: Unresolved): string | undefined {
  return owners.get(field) ?? owners.get(field.slice(0, field.lastIndexOf('.')));
}

function unresolvedReference(problem: Unresolved, locations: ReadonlyMap<string, SourceLocation>, mainFile: string): ExtractionError {
  const location = locations.get(problem.field);
  const message = `${problem.field} refers to ${problem.reference}, which no file the contract's source matches defines`;
  return location ? failure(location.file, message, location.line) : failure(mainFile, message);
}

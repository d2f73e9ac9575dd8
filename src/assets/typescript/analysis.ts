import ts from 'typescript';
import type { ExtractionError } from '../model.js';
import { Approximations } from './approximations.js';
import { readDeclared } from './declared.js';
import { readEmitted } from './emit-sites.js';
import { isLibraryFile, locationOf } from './locations.js';
import type { ProgramBuilder } from './program.js';
import type { AnalysisRequest, ReadRequest } from './protocol.js';
import { MAX_SHAPE_NODES, ReadLimit, type ReadScope } from './read-scope.js';
import { screenFile } from './screen.js';
import type { ReadOutcome } from './shapes.js';
import { TypeShapes } from './type-shapes.js';
import { fromProgramPath, toProgramPath } from './typescript-module.js';
import { ZodShapes } from './zod-shapes.js';

/** One commit's program, and its files that could not be read: refused by the screen, or not valid TypeScript. */
interface Analysed {
  program: ts.Program;
  roots: ts.SourceFile[];
  broken: Map<string, ExtractionError>;
}

/**
 * Builds one commit's program and makes every read the request asks of it. A file refused by the screen enters the
 * program empty; a file the compiler parses with errors is broken: a read that depends on a broken file fails at
 * its first error (an emit read skips it, listed, and reads the other files).
 */
export function analyze(request: AnalysisRequest, builder: ProgramBuilder): ReadOutcome[] {
  if (request.roots.length === 0) return request.reads.map(() => ({ status: 'absent' }));
  const broken = new Map<string, ExtractionError>();
  const files = new Map<string, string>();
  for (const [path, text] of request.files) {
    const refused = screenFile(path, text);
    if (refused) broken.set(path, refused);
    files.set(path, refused ? '' : text);
  }
  const program = builder.build(files, request.roots, request.options as ts.CompilerOptions);
  for (const file of program.getSourceFiles()) {
    const path = fromProgramPath(file.fileName);
    if (isLibraryFile(file) || broken.has(path)) continue;
    const [first] = program.getSyntacticDiagnostics(file);
    if (first) broken.set(path, syntaxError(path, file, first));
  }
  const roots = request.roots.flatMap((path) => program.getSourceFile(toProgramPath(path)) ?? []);
  return request.reads.map((read) => readOne({ program, roots, broken }, read));
}

function readOne(analysed: Analysed, read: ReadRequest): ReadOutcome {
  const scope: ReadScope = { checker: analysed.program.getTypeChecker(), approximations: new Approximations(), consulted: new Set(), budget: { left: MAX_SHAPE_NODES } };
  const types = new TypeShapes(scope);
  try {
    return read.kind === 'declared' ? declaredOutcome(analysed, scope, read.name, types) : emittedOutcome(analysed, scope, read, types);
  } catch (error) {
    if (!(error instanceof ReadLimit)) throw error;
    return { status: 'error', error: { kind: 'limit', ...locationOf(error.node), message: error.message } };
  }
}

function declaredOutcome(analysed: Analysed, scope: ReadScope, name: string, types: TypeShapes): ReadOutcome {
  const found = readDeclared(scope, { types, zod: new ZodShapes(scope, types) }, analysed.roots, name);
  if (found.found === 'failed') return { status: 'error', error: { kind: 'failed', ...locationOf(found.at), message: found.message } };
  // A declaration missing from a broken file may be missing because of it.
  const depended = found.found === 'one' ? [locationOf(found.declaration).file, ...scope.consulted] : analysed.roots.map((root) => fromProgramPath(root.fileName));
  const [failure] = brokenAmong(analysed, depended);
  if (failure) return { status: 'error', error: failure };
  if (found.found === 'none') return { status: 'absent' };
  return { status: 'declared', kind: found.kind, origin: locationOf(found.declaration), shape: found.shape, approximations: scope.approximations.list() };
}

function emittedOutcome(analysed: Analysed, scope: ReadScope, read: Extract<ReadRequest, { kind: 'emitted' }>, types: TypeShapes): ReadOutcome {
  const sites = readEmitted(scope, types, analysed.roots, read);
  const skipped = brokenAmong(analysed, [...analysed.roots.map((root) => fromProgramPath(root.fileName)), ...scope.consulted]);
  if (sites.length === 0) return skipped[0] ? { status: 'error', error: skipped[0] } : { status: 'absent' };
  return { status: 'emitted', sites, approximations: scope.approximations.list(), skipped };
}

function brokenAmong(analysed: Analysed, files: Iterable<string>): ExtractionError[] {
  return [...new Set(files)].sort().flatMap((file) => analysed.broken.get(file) ?? []);
}

function syntaxError(path: string, file: ts.SourceFile, diagnostic: ts.Diagnostic): ExtractionError {
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  return { kind: 'failed', file: path, line: line + 1, column: character + 1, message: `not valid TypeScript: ${message}` };
}

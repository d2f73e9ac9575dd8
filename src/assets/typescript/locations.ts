import ts from 'typescript';
import type { SourceLocation } from '../model.js';
import { fromProgramPath } from './typescript-module.js';

/** The compiler's own declarations (`lib.*.d.ts`) are not the repository's: nothing points there. */
export const isLibraryFile = (file: ts.SourceFile): boolean => file.hasNoDefaultLib || /\/node_modules\//.test(file.fileName);

/** Where a node starts: its file from the repository root, and its 1-based line. */
export function locationOf(node: ts.Node): SourceLocation {
  const file = node.getSourceFile();
  return { file: fromProgramPath(file.fileName), line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 };
}

/** Where a node ends: the line of its closing brace, for a declaration or an object literal. */
export function endOf(node: ts.Node): SourceLocation {
  const file = node.getSourceFile();
  return { file: fromProgramPath(file.fileName), line: file.getLineAndCharacterOfPosition(node.getEnd()).line + 1 };
}

/** Where a node of the repository starts; undefined for the compiler's own declarations. */
export function repositoryLocationOf(node: ts.Node | undefined): SourceLocation | undefined {
  return node && !isLibraryFile(node.getSourceFile()) ? locationOf(node) : undefined;
}

/** A node's text on one line, cut short: how a message quotes code. */
export function quoted(node: ts.Node, max = 60): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

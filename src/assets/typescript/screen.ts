import ts from 'typescript';
import type { ExtractionError } from '../model.js';

/**
 * Brackets nested deeper than this are refused before the compiler parses the file. Real code nests a few dozen
 * deep; the parser recurses per bracket, and a few thousand overflow its stack, which would say nothing of where.
 */
export const MAX_NESTING = 200;

const OPENING = new Set([ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.TemplateHead]);
const CLOSING = new Set([ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken]);
/** Tokens after which a `/` divides; after any other, it starts a regular expression. */
const ENDS_EXPRESSION = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/**
 * What stops a file before the compiler reads it: a NUL byte, text that was not UTF-8 (the adapters decode files as
 * UTF-8, so undecodable bytes show as U+FFFD), brackets nested past MAX_NESTING, counted on the compiler's own
 * scanner (so strings, comments, template literals and regular expressions are skipped).
 */
export function screenFile(path: string, text: string): ExtractionError | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { kind: 'failed', file: path, line: lineAt(text, nul), message: 'the file contains a NUL byte, which TypeScript source cannot hold: it is not read' };
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) return { kind: 'failed', file: path, line: lineAt(text, replaced), message: 'the file is not valid UTF-8 (or contains U+FFFD): it is not read' };
  const deep = tooDeep(path, text);
  if (deep >= 0) return { kind: 'limit', file: path, line: lineAt(text, deep), message: `brackets nest more than ${MAX_NESTING} deep here, past what this reader reads` };
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/** The offset of the first bracket past MAX_NESTING, or -1. */
function tooDeep(path: string, text: string): number {
  const variant = path.endsWith('.tsx') ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  const open: ts.SyntaxKind[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) token = scanner.reScanSlashToken();
    if (token === ts.SyntaxKind.CloseBraceToken && open.at(-1) === ts.SyntaxKind.TemplateHead) {
      token = scanner.reScanTemplateToken(false);
      if (token === ts.SyntaxKind.TemplateTail) open.pop();
    } else if (OPENING.has(token)) {
      open.push(token);
      if (open.length > MAX_NESTING) return scanner.getTokenStart();
    } else if (CLOSING.has(token)) {
      open.pop();
    }
    previous = token;
  }
  return -1;
}

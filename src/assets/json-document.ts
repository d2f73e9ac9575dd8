import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ExtractionError } from './model.js';

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** A JSON file that can say on which line each of its values is written. */
export class JsonDocument {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly root: Node,
    private readonly lineStarts: number[],
  ) {}

  /** Strict JSON: comments, trailing commas and a second top-level value are errors with their position. */
  static parse(file: string, text: string): { ok: true; document: JsonDocument } | { ok: false; error: ExtractionError } {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const lineStarts = lineStartsOf(text);
    const first = errors[0];
    if (first || !root) {
      const offset = first?.offset ?? 0;
      const { line, column } = position(lineStarts, offset);
      const reason = first ? printParseErrorCode(first.error) : 'EmptyFile';
      return { ok: false, error: { kind: 'failed', file, line, column, message: `not valid JSON (${reason})` } };
    }
    return { ok: true, document: new JsonDocument(file, JSON.parse(text) as unknown, root, lineStarts) };
  }

  /** The 1-based line of the value at `path` (of its key, for an object member), or undefined if it is not written. */
  lineOf(path: JsonPath): number | undefined {
    const node = path.length === 0 ? this.root : findNodeAtLocation(this.root, [...path]);
    if (!node) return undefined;
    const keyed = node.parent?.type === 'property' ? node.parent : node;
    return position(this.lineStarts, keyed.offset).line;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === '\n') starts.push(index + 1);
  return starts;
}

function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

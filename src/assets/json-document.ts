import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ExtractionError } from './model.js';

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** A JSON file that can say on which line each of its values is written. */
export class JsonDocument {
  private readonly members = new WeakMap<Node, Map<string, Node>>();

  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly root: Node,
    private readonly lineStarts: number[],
  ) {}

  /**
   * Strict JSON: comments, trailing commas and a second top-level value are errors with their position, and so is
   * nesting deeper than `MAX_NESTING`, found before the parser (which recurses once per level) sees it.
   */
  static parse(file: string, text: string): { ok: true; document: JsonDocument } | { ok: false; error: ExtractionError } {
    const lineStarts = lineStartsOf(text);
    const tooDeep = tooDeepAt(text);
    if (tooDeep !== undefined) {
      const { line, column } = position(lineStarts, tooDeep);
      return { ok: false, error: { kind: 'failed', file, line, column, message: `not read: JSON nested deeper than ${MAX_NESTING} levels` } };
    }
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
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
    let node: Node | undefined = this.root;
    for (const step of path) node = node && this.childOf(node, step);
    if (!node) return undefined;
    const keyed = node.parent?.type === 'property' ? node.parent : node;
    return position(this.lineStarts, keyed.offset).line;
  }

  /** An object's members are indexed by name on first use: a schema with thousands of properties asks often. */
  private childOf(node: Node, step: string | number): Node | undefined {
    if (node.type === 'array') return typeof step === 'number' ? node.children?.[step] : undefined;
    if (node.type !== 'object') return undefined;
    let members = this.members.get(node);
    if (!members) {
      members = new Map();
      for (const member of node.children ?? []) {
        const [key, value] = member.children ?? [];
        // The last of repeated names, as `JSON.parse` keeps it.
        if (key && value) members.set(String(key.value), value);
      }
      this.members.set(node, members);
    }
    return members.get(String(step));
  }
}

/**
 * Far deeper than any schema written by hand, and shallow enough for every reader of the value (the parser, the
 * JSON Schema meta-schema check, the schema walks) to recurse through without exhausting the stack.
 */
const MAX_NESTING = 512;

/**
 * The offset of the first `{` or `[` nested deeper than `MAX_NESTING`, if any, in one pass without recursion. Strings
 * and comments are skipped, so their brackets do not count (comments are refused afterwards, by the parser).
 */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') index = endOfString(text, index);
    else if (char === '/' && text[index + 1] === '/') index = endOf(text, '\n', index);
    else if (char === '/' && text[index + 1] === '*') index = endOf(text, '*/', index + 2) + 1;
    else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > MAX_NESTING) return index;
    } else if (char === '}' || char === ']') depth -= 1;
  }
  return undefined;
}

/** The offset of the quote that closes the string opened at `start`, or the text's end. */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

/** The offset of `marker` from `start`, or the text's end. */
function endOf(text: string, marker: string, start: number): number {
  const found = text.indexOf(marker, start);
  return found === -1 ? text.length : found;
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

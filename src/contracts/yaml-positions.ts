import { type Document, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ReviewError } from '../core/review.js';
import { yamlIssueMessage } from './issue-messages.js';

/** The path of a value in a YAML file: mapping keys and list indexes, as zod reports them. */
export type YamlPath = readonly (string | number)[];

/** `consumers[0].uses[1]`: the path as the user would write it to find the value again. */
function formatYamlPath(path: YamlPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

/** Errors in the order of the file, as the user reads it; zod reports unknown keys after everything else. */
export function byPosition(a: ReviewError, b: ReviewError): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: ReviewError[] };

/** A parsed YAML file that can say where each of its values is written. */
export class YamlFile {
  constructor(
    readonly file: string,
    /** The file's content as plain data; null for a file with no content. */
    readonly value: unknown,
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  /** The 1-based line of the value at `path` (of its key, for a mapping entry), or undefined if it is not written. */
  lineOf(path: YamlPath): number | undefined {
    const found = this.find(path);
    const node = found.complete ? (found.key ?? found.value) : undefined;
    return node?.range ? this.lineCounter.linePos(node.range[0]).line : undefined;
  }

  /**
   * An error at the value at `path`, or at its key, with the path leading the message. A value that is not
   * written (a missing key) is reported at the nearest mapping or list that is.
   */
  errorAt(path: YamlPath, detail: string, at: 'value' | 'key' = 'value'): ReviewError {
    const found = this.find(path);
    const writtenValue = found.value?.range && found.value.range[0] < found.value.range[1] ? found.value : undefined;
    const target = at === 'key' ? (found.key ?? writtenValue) : (writtenValue ?? found.key);
    const node = found.complete ? target : found.nearest;
    const subject = path.length > 0 ? `${formatYamlPath(path)}:` : 'the file';
    return errorAtOffset(this.file, this.lineCounter, node?.range?.[0] ?? 0, `${subject} ${detail}`);
  }

  /** The file's value checked against `schema`, with an error at its position for each problem. */
  validate<Schema extends z.ZodType>(schema: Schema, value: unknown = this.value): Validation<z.output<Schema>> {
    const result = schema.safeParse(value, { error: yamlIssueMessage });
    if (result.success) return { ok: true, data: result.data };
    return { ok: false, errors: result.error.issues.flatMap((issue) => this.issueErrors(issue)).sort(byPosition) };
  }

  private issueErrors(issue: z.core.$ZodIssue): ReviewError[] {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => this.errorAt([...path, key], 'unknown key', 'key'));
    }
    return [this.errorAt(path, issue.message)];
  }

  private find(path: YamlPath): { complete: boolean; key?: Node; value?: Node; nearest?: Node } {
    let value: Node | undefined = this.document.contents ?? undefined;
    let key: Node | undefined;
    let nearest = value;
    for (const segment of path) {
      const entry = this.child(value, segment);
      if (!entry) return { complete: false, nearest };
      ({ key, value } = entry);
      nearest = value?.range ? value : (key ?? nearest);
    }
    return { complete: true, key, value, nearest };
  }

  private child(parent: Node | undefined, segment: string | number): { key?: Node; value?: Node } | undefined {
    const collection = isAlias(parent) ? parent.resolve(this.document) : parent;
    if (isMap(collection)) {
      const pair = collection.items.find(({ key }) => isScalar(key) && String(key.value) === String(segment));
      return pair && { key: nodeOrUndefined(pair.key), value: nodeOrUndefined(pair.value) };
    }
    if (isSeq(collection) && typeof segment === 'number' && segment < collection.items.length) {
      return { value: nodeOrUndefined(collection.items[segment]) };
    }
    return undefined;
  }
}

const SECOND_DOCUMENT = 'a second YAML document starts here; the file must hold only one';

export type ParsedYaml = { ok: true; yaml: YamlFile } | { ok: false; errors: ReviewError[] };

/** Parses one YAML document; every syntax error is reported with yaml's own position. */
export function parseYamlFile(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number, message: string): ReviewError => errorAtOffset(file, lineCounter, offset, message);
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) =>
        at(error.pos[0], error.code === 'MULTIPLE_DOCS' ? SECOND_DOCUMENT : error.message),
      ),
    };
  }
  try {
    return { ok: true, yaml: new YamlFile(file, document.toJS(), document, lineCounter) };
  } catch (error) {
    // toJS refuses, for one, a document whose aliases would expand without bound.
    return { ok: false, errors: [at(0, error instanceof Error ? error.message : String(error))] };
  }
}

function errorAtOffset(file: string, lineCounter: LineCounter, offset: number, message: string): ReviewError {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col, message };
}

function nodeOrUndefined(value: unknown): Node | undefined {
  return isNode(value) ? value : undefined;
}

import { type Alias, type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Pair, type Tags } from 'yaml';
import type { ExtractionError } from '../model.js';

/** A YAML value with the line it is written on, aliases and merge keys (`<<: *defaults`) resolved. */
export type YamlTree = YamlScalar | YamlSeq | YamlMap;
export interface YamlScalar {
  kind: 'scalar';
  line: number;
  value: unknown;
}
export interface YamlSeq {
  kind: 'seq';
  line: number;
  items: YamlTree[];
}
export interface YamlMap {
  kind: 'map';
  line: number;
  entries: Map<string, { keyLine: number; value: YamlTree }>;
}

export type ParsedYaml = { ok: true; tree: YamlTree | undefined } | { ok: false; error: ExtractionError };

/** Far deeper than any properties file; shallow enough for every walk of the tree to recurse through. */
const MAX_DEPTH = 64;
/**
 * Values read, aliases counted each time they are used: a few aliases of aliases expand exponentially (the "billion
 * laughs"), and properties files of thousands of models stay far below.
 */
const MAX_VALUES = 1_000_000;

/**
 * PyYAML's booleans, which dbt reads its files with: YAML 1.1's words (`yes`, `on`, `off`) but not the single letters
 * `y` and `n`, which the `yaml` package's 1.1 schema also takes (a column named `y` stays a name).
 */
const PYYAML_BOOLEANS = {
  true: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  false: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
};

function asPyYaml(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:bool' || tag.collection !== undefined) return tag;
    return { ...tag, test: tag.identify?.(true) ? PYYAML_BOOLEANS.true : PYYAML_BOOLEANS.false };
  });
}

/**
 * Parses one YAML document as dbt reads properties files (YAML 1.1, as PyYAML does). A NUL byte, text that was not
 * UTF-8, a syntax error, a second document, nesting past `MAX_DEPTH` or aliases expanding past `MAX_VALUES` are
 * errors at their line.
 */
export function parseYamlTree(file: string, text: string): ParsedYaml {
  const failed = (offset: number, message: string, kind: ExtractionError['kind'] = 'failed'): ParsedYaml => ({
    ok: false,
    error: { kind, file, ...positionOf(text, offset), message },
  });
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return failed(nul, 'the file contains a NUL byte, which YAML does not allow: it is not read');
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) return failed(replaced, 'the file is not valid UTF-8 (or contains U+FFFD): it is not read');
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { version: '1.1', customTags: asPyYaml, lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return failed(0, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [first] = document.errors;
  if (first) {
    const reason = first.code === 'MULTIPLE_DOCS' ? 'a second YAML document starts here; a properties file holds one' : first.message;
    return failed(first.pos[0], `not valid YAML: ${reason}`);
  }
  const walk = new TreeWalk(document, lineCounter);
  try {
    return { ok: true, tree: document.contents ? walk.tree(document.contents, 0) : undefined };
  } catch (error) {
    if (!(error instanceof TreeLimit)) throw error;
    return failed(error.offset, error.message, 'limit');
  }
}

class TreeLimit extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

class TreeWalk {
  private values = 0;
  /** `Alias.resolve` searches the whole document: each alias is looked up once, however often it is used. */
  private readonly targets = new Map<Alias, Node | undefined>();

  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  tree(node: Node, depth: number): YamlTree {
    const offset = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) throw new TreeLimit(offset, `not read: YAML nested deeper than ${MAX_DEPTH} levels`);
    this.values += 1;
    if (this.values > MAX_VALUES) throw new TreeLimit(offset, `not read: its aliases expand to more than ${MAX_VALUES} values`);
    const line = this.lineCounter.linePos(offset).line;
    if (isAlias(node)) {
      if (!this.targets.has(node)) this.targets.set(node, node.resolve(this.document));
      const target = this.targets.get(node);
      return target ? this.tree(target, depth + 1) : { kind: 'scalar', line, value: null };
    }
    if (isSeq(node)) return { kind: 'seq', line, items: node.items.map((item) => this.valueOf(item, offset, depth)) };
    if (isMap(node)) return { kind: 'map', line, entries: this.entriesOf(node.items, depth) };
    return { kind: 'scalar', line, value: isScalar(node) ? node.value : null };
  }

  /** Written keys first, then those of merged maps not already written, the first merged map winning (YAML 1.1). */
  private entriesOf(pairs: Pair[], depth: number): YamlMap['entries'] {
    const entries: YamlMap['entries'] = new Map();
    const merged: YamlTree[] = [];
    for (const pair of pairs) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const keyOffset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
      const value = this.valueOf(pair.value, keyOffset, depth);
      if (typeof key === 'symbol') merged.push(...(value.kind === 'seq' ? value.items : [value]));
      else entries.set(String(key), { keyLine: this.lineCounter.linePos(keyOffset).line, value });
    }
    for (const source of merged) {
      if (source.kind !== 'map') continue;
      for (const [key, entry] of source.entries) if (!entries.has(key)) entries.set(key, entry);
    }
    return entries;
  }

  /** An empty value (`key:`) is null on its key's line. */
  private valueOf(value: unknown, fallbackOffset: number, depth: number): YamlTree {
    if (isAlias(value) || isScalar(value) || isMap(value) || isSeq(value)) return this.tree(value, depth + 1);
    return { kind: 'scalar', line: this.lineCounter.linePos(fallbackOffset).line, value: null };
  }
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

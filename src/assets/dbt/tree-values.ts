import type { ExtractionError } from '../model.js';
import type { YamlMap, YamlSeq, YamlTree } from './yaml-tree.js';

/** A value read from a properties file, with the line it is written on. */
export interface Located<T> {
  value: T;
  line: number;
}

/** Where the problems of one properties file (or one model entry of it) are collected, each at its line. */
export class Problems {
  readonly errors: ExtractionError[] = [];

  constructor(readonly file: string) {}

  at(line: number, message: string): void {
    this.errors.push({ kind: 'failed', file: this.file, line, message });
  }
}

/** The value of `key` in a mapping, and the line of the key. */
export function member(map: YamlMap | undefined, key: string): { keyLine: number; value: YamlTree } | undefined {
  return map?.entries.get(key);
}

export function asMap(tree: YamlTree | undefined): YamlMap | undefined {
  return tree?.kind === 'map' ? tree : undefined;
}

export function asSeq(tree: YamlTree | undefined): YamlSeq | undefined {
  return tree?.kind === 'seq' ? tree : undefined;
}

/** A name as YAML wrote it: a string, or a number or boolean dbt would read as its text. */
export function scalarText(tree: YamlTree | undefined): string | undefined {
  if (tree?.kind !== 'scalar') return undefined;
  const { value } = tree;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * A mapping's list under `key`: absent or null is no list; anything else than a list is a problem at the key, and
 * read as none.
 */
export function listUnder(map: YamlMap, key: string, problems: Problems, what: string): YamlSeq | undefined {
  const found = member(map, key);
  if (!found || (found.value.kind === 'scalar' && found.value.value === null)) return undefined;
  if (found.value.kind !== 'seq') {
    problems.at(found.keyLine, `${key}: must be a list of ${what}`);
    return undefined;
  }
  return found.value;
}

/** A boolean setting: anything but `true` or `false` (as PyYAML reads them) is a problem at its line. */
export function booleanUnder(map: YamlMap | undefined, key: string, problems: Problems): Located<boolean> | undefined {
  const found = member(map, key);
  if (!found || (found.value.kind === 'scalar' && found.value.value === null)) return undefined;
  if (found.value.kind !== 'scalar' || typeof found.value.value !== 'boolean') {
    problems.at(found.keyLine, `${key}: must be true or false`);
    return undefined;
  }
  return { value: found.value.value, line: found.keyLine };
}

/** A text setting: a list or mapping in its place is a problem at its line. */
export function textUnder(map: YamlMap | undefined, key: string, problems: Problems): Located<string> | undefined {
  const found = member(map, key);
  if (!found || (found.value.kind === 'scalar' && found.value.value === null)) return undefined;
  const text = scalarText(found.value);
  if (text === undefined) {
    problems.at(found.keyLine, `${key}: must be a single value`);
    return undefined;
  }
  return { value: text, line: found.keyLine };
}

/** A list of names (`columns: [a, b]`), or a single name standing for a list of one. */
export function namesUnder(map: YamlMap, key: string, problems: Problems): string[] | undefined {
  const found = member(map, key);
  if (!found) return undefined;
  const single = scalarText(found.value);
  if (single !== undefined) return [single];
  const names = asSeq(found.value)?.items.map(scalarText);
  if (!names || names.some((name) => name === undefined)) {
    problems.at(found.keyLine, `${key}: must be a list of column names`);
    return undefined;
  }
  return names as string[];
}

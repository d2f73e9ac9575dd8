import type { Disposition, Policy } from './policy.js';

/** Where a value is in an ODCS document: mapping keys and list indexes, such as `['schema', 0, 'properties', 2]`. */
export type DocumentPath = readonly (string | number)[];

/** `schema[0].properties[2]`: the path as a reader finds the value again. */
export function formatPath(path: DocumentPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** A value read from the document, with where it is. */
export interface Located {
  value: unknown;
  path: DocumentPath;
}

/** Something about one value of the document: why it cannot be carried over, or what was dropped and why. */
export interface OdcsNote {
  path: DocumentPath;
  message: string;
}

/** What reading a document found: refusals, which stop the import, and warnings about what it dropped. */
export class Notes {
  readonly problems: OdcsNote[] = [];
  readonly warnings: OdcsNote[] = [];

  refuse(path: DocumentPath, message: string): void {
    this.problems.push({ path, message });
  }

  warn(path: DocumentPath, message: string): void {
    this.warnings.push({ path, message });
  }

  /**
   * Judges every key of `object` a contract does not read: dropped with a warning (unless its value says nothing),
   * refused, or refused as no key of the standard at this place.
   */
  judgeKeys(object: object, read: readonly string[], policy: Policy, path: DocumentPath): void {
    for (const [key, value] of Object.entries(object)) {
      if (read.includes(key) || isEmpty(value)) continue;
      const disposition: Disposition | undefined = policy[key];
      if (!disposition) this.refuse([...path, key], 'cannot be carried over: it is no key of ODCS v3.1.0 here');
      else if (disposition.action === 'refuse') this.refuse([...path, key], `cannot be carried over: ${disposition.why}`);
      else if (value !== disposition.silentValue) this.warn([...path, key], `dropped: ${disposition.why}`);
    }
  }
}

/** Nothing at all: null, an empty string, list or mapping. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
